// @vitest-environment happy-dom

import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { Panel } from '../devtools/panel';
import { Popup } from '../popup/popup';
import { vulnerableLibrariesDatabase } from '../scoring/checks/vulnerable-libraries';
import { gradeRecord } from '../scoring/index';
import type { GradeOptions, ResponseRecord, ScriptRecord } from '../scoring/types';
import type { TabReport } from '../shared/messages';
import { createFakeConnector } from './fake-connector';
import { resetFakeBrowser } from './testing/fake-browser';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./testing/fake-browser')).fakeBrowser,
}));

const TAB = 7;
const PAGE = 'https://shop.example.test/cart/';
const LIB = 'https://shop.example.test/static/lib.js';

const OLD_JQUERY: ScriptRecord = {
  url: LIB,
  libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
};
const CURRENT_MOMENT: ScriptRecord = {
  url: 'https://cdn.example.test/moment.min.js',
  libraries: [{ library: 'moment.js', version: '2.31.0', method: 'filecontent' }],
};

function record(scripts: ScriptRecord[]): ResponseRecord {
  return { url: PAGE, status: 200, headers: [], scripts };
}

/** Grades the record for real, as the worker would with the same options. */
function graded(scripts: ScriptRecord[], options: GradeOptions = {}): TabReport {
  const pageRecord = record(scripts);
  return {
    state: 'graded',
    url: PAGE,
    report: gradeRecord(pageRecord, options),
    record: pageRecord,
  };
}

function libraryRow(): HTMLElement {
  const element = document.querySelector<HTMLElement>('[data-check="vulnerable-libraries"]');
  if (element === null) {
    throw new Error('no row for the vulnerable-libraries check');
  }
  return element;
}

async function expandLibraryRow(): Promise<HTMLElement> {
  await screen.findByTestId('grade');
  await userEvent.click(within(libraryRow()).getByRole('button', { expanded: false }));
  return libraryRow();
}

beforeEach(() => {
  resetFakeBrowser();
});

afterEach(() => {
  cleanup();
});

describe('library findings in the popup', () => {
  test('row names the database', async () => {
    const connector = createFakeConnector({ activeTabId: TAB, reports: { [TAB]: graded([]) } });
    render(<Popup connector={connector} />);
    const database = vulnerableLibrariesDatabase();

    await screen.findByTestId('grade');

    expect(within(libraryRow()).getByTestId('library-database').textContent).toBe(
      `retire.js database of ${database.published}, ${database.advisories} advisories`,
    );
  });

  test('page without scripts cannot expand', async () => {
    const connector = createFakeConnector({ activeTabId: TAB, reports: { [TAB]: graded([]) } });
    render(<Popup connector={connector} />);

    await screen.findByTestId('grade');

    expect(within(libraryRow()).queryByRole('button')).toBeNull();
  });

  test('finding lists place, advisories and fix', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY, CURRENT_MOMENT]) },
    });
    render(<Popup connector={connector} />);

    const row = await expandLibraryRow();

    expect(row.dataset.verdict).toBe('fail');
    expect(within(row).getByRole('heading', { name: 'jquery 1.12.4' })).toBeTruthy();
    expect(within(row).getByText(`Loaded from ${LIB}, identified by content`)).toBeTruthy();
    const advisories = within(row).getByRole('list', { name: 'Advisories of jquery 1.12.4' });
    const items = within(advisories).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    const cors = items.find((item) => item.textContent?.includes('CVE-2015-9251'));
    expect(cors?.dataset.severity).toBe('medium');
    expect(cors?.textContent).toContain(
      'medium CVE-2015-9251 GHSA-rmxg-73gg-4p98 fixed in 3.0.0-beta1',
    );
    expect(cors?.textContent).toContain('3rd party CORS request may execute');
    expect(within(row).getByText('Fix: upgrade to 3.5.0 or later.')).toBeTruthy();
    expect(within(row).getByText('Identified without advisories: moment.js 2.31.0')).toBeTruthy();
  });

  test('structured list replaces the notes', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY]) },
    });
    render(<Popup connector={connector} />);

    const row = await expandLibraryRow();

    expect(within(row).queryByRole('list', { name: 'Notes' })).toBeNull();
    expect(within(row).getByText(/npm install jquery@\^3\.5\.0/)).toBeTruthy();
  });

  test('mark silences the library and undo restores it', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY]) },
    });
    render(<Popup connector={connector} />);
    const row = await expandLibraryRow();

    // The worker would grade the page again with the mark, which the fake does not.
    connector.setReport(TAB, graded([OLD_JQUERY], { silencedLibraries: ['jquery'] }));
    await userEvent.click(within(row).getByRole('button', { name: 'Mark as patched fork' }));

    expect(connector.silencedLibraries.get('https://shop.example.test')).toEqual(['jquery']);
    await waitFor(() => expect(libraryRow().dataset.verdict).toBe('pass'));
    expect(
      within(libraryRow()).getByText(
        'Marked as a patched fork on this site: its advisories do not count.',
      ),
    ).toBeTruthy();

    connector.setReport(TAB, graded([OLD_JQUERY]));
    await userEvent.click(within(libraryRow()).getByRole('button', { name: 'Count again' }));

    expect(connector.silencedLibraries.get('https://shop.example.test')).toEqual([]);
    await waitFor(() => expect(libraryRow().dataset.verdict).toBe('fail'));
    expect(within(libraryRow()).getByRole('button', { name: 'Mark as patched fork' })).toBeTruthy();
  });

  test('saved marks load with the report', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY], { silencedLibraries: ['jquery'] }) },
    });
    connector.silencedLibraries.set('https://shop.example.test', ['jquery']);
    render(<Popup connector={connector} />);

    const row = await expandLibraryRow();

    expect(await within(row).findByRole('button', { name: 'Count again' })).toBeTruthy();
  });

  test('failed save shows the error', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY]) },
    });
    connector.setLibrarySilenced = () =>
      Promise.reject(new Error('QUOTA_BYTES_PER_ITEM quota exceeded'));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<Popup connector={connector} />);
    const row = await expandLibraryRow();

    await userEvent.click(within(row).getByRole('button', { name: 'Mark as patched fork' }));

    expect((await within(row).findByRole('alert')).textContent).toBe(
      'The mark could not be saved: QUOTA_BYTES_PER_ITEM quota exceeded',
    );
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });
});

describe('library findings in the panel', () => {
  test('panel lists the finding and marks it', async () => {
    const connector = createFakeConnector({
      activeTabId: TAB,
      reports: { [TAB]: graded([OLD_JQUERY]) },
    });
    render(<Panel connector={connector} />);
    const database = vulnerableLibrariesDatabase();

    const row = await expandLibraryRow();

    expect(within(row).getByTestId('library-database').textContent).toBe(
      `retire.js database of ${database.published}, ${database.advisories} advisories`,
    );
    expect(within(row).getByRole('heading', { name: 'jquery 1.12.4' })).toBeTruthy();
    await userEvent.click(within(row).getByRole('button', { name: 'Mark as patched fork' }));
    expect(connector.silencedLibraries.get('https://shop.example.test')).toEqual(['jquery']);
  });
});
