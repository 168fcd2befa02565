// @vitest-environment happy-dom

import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import type { HarLog } from '../scoring/har';
import { gradeRecord } from '../scoring/index';
import type { ResponseRecord } from '../scoring/types';
import type { LoadSnapshot, RecordedResponse, TabLog, TabReport } from '../shared/messages';
import { createFakeConnector } from '../ui/fake-connector';
import { resetFakeBrowser } from '../ui/testing/fake-browser';

import { Panel } from './panel';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('../ui/testing/fake-browser')).fakeBrowser,
}));

const TAB = 4;
const PAGE = 'https://shop.example.test/';

const RECORD: ResponseRecord = {
  url: PAGE,
  status: 200,
  headers: [
    ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Server', 'nginx/1.25.3'],
  ],
  subresources: [{ url: `${PAGE}app.js`, type: 'script' }],
};

function response(overrides: Partial<RecordedResponse>): RecordedResponse {
  return {
    requestId: '10',
    frameId: 0,
    type: 'main_frame',
    url: PAGE,
    status: 200,
    headers: [],
    ...overrides,
  };
}

const RESPONSES: RecordedResponse[] = [
  response({ headers: RECORD.headers }),
  response({
    requestId: '11',
    type: 'script',
    url: `${PAGE}app.js`,
    headers: [['Content-Type', 'text/javascript']],
  }),
  response({
    requestId: '12',
    type: 'xmlhttprequest',
    url: `${PAGE}api/cart`,
    headers: [
      ['Content-Type', 'application/json'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
  }),
];

function graded(record: ResponseRecord): TabReport {
  return { state: 'graded', url: record.url, report: gradeRecord(record), record };
}

function tabLog(overrides: Partial<TabLog> = {}): TabLog {
  return {
    navigationId: '10',
    pageUrl: PAGE,
    responses: RESPONSES,
    droppedResponses: 0,
    frames: [],
    loads: [],
    gradeOptions: {},
    ...overrides,
  };
}

function renderPanel(tabReport = graded(RECORD), log = tabLog()) {
  const connector = createFakeConnector({
    activeTabId: TAB,
    reports: { [TAB]: tabReport },
    logs: { [TAB]: log },
  });
  render(<Panel connector={connector} />);
  return connector;
}

function options(): HTMLElement[] {
  return within(screen.getByRole('listbox', { name: 'Responses of the page' })).queryAllByRole(
    'option',
  );
}

beforeEach(() => {
  resetFakeBrowser();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('response list', () => {
  test('lists kind, status and verdict summary', async () => {
    renderPanel();
    await screen.findByTestId('grade');

    const rows = options();
    expect(rows.map((row) => row.dataset.kind)).toEqual(['document', 'script', 'fetch']);
    expect(rows[0]?.textContent).toContain(`Grade ${gradeRecord(RECORD).grade}`);
    expect(within(rows[1]!).getByText(/^Fail: MIME type sniffing/)).toBeTruthy();
    expect(within(rows[2]!).getByText('Pass')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Responses (3 of 3)' })).toBeTruthy();
  });

  test('arrow keys move the selection', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');
    const list = screen.getByRole('listbox', { name: 'Responses of the page' });

    list.focus();
    await user.keyboard('{ArrowDown}');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
    expect(list.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);

    await user.keyboard('{End}');
    expect(options()[2]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}');
    expect(options()[1]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Home}');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true');
  });

  test('filters by kind and by text', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.click(screen.getByRole('button', { name: 'Script' }));
    expect(options().map((row) => row.dataset.kind)).toEqual(['script']);
    expect(screen.getByRole('button', { name: 'Script' }).getAttribute('aria-pressed')).toBe(
      'true',
    );

    await user.click(screen.getByRole('button', { name: 'All' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter responses by URL' }), 'api/');
    expect(options().map((row) => row.dataset.kind)).toEqual(['fetch']);
  });

  test('filter without a match shows a message', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.type(screen.getByRole('searchbox', { name: 'Filter responses by URL' }), 'nothing');

    expect(screen.getByTestId('no-matching-responses').textContent).toBe(
      'No responses match the filter.',
    );
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Responses (0 of 3)' })).toBeTruthy();

    await user.clear(screen.getByRole('searchbox', { name: 'Filter responses by URL' }));
    expect(options()).toHaveLength(3);
    expect(screen.queryByTestId('no-matching-responses')).toBeNull();
  });

  test('verdict summary carries a tooltip', async () => {
    renderPanel();
    await screen.findByTestId('grade');

    const verdict = options()[1]?.querySelector<HTMLElement>('.response-verdict');
    expect(verdict?.title).toBe(verdict?.textContent);
    expect(verdict?.title).toMatch(/^Fail: MIME type sniffing/);
  });

  test('new responses appear on a change', async () => {
    const connector = renderPanel(graded(RECORD), tabLog({ responses: RESPONSES.slice(0, 1) }));
    await screen.findByTestId('grade');
    expect(options()).toHaveLength(1);

    connector.setLog(TAB, tabLog());
    connector.notifyChange(TAB);

    await waitFor(() => expect(options()).toHaveLength(3));
  });

  test('dropped responses are counted', async () => {
    renderPanel(graded(RECORD), tabLog({ droppedResponses: 7 }));

    expect((await screen.findByTestId('dropped-responses')).textContent).toMatch(
      /^7 more responses/,
    );
  });
});

describe('selected response', () => {
  test('document headers carry their check verdicts', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.click(options()[0]!);

    const hsts = document.querySelector(
      '.response-detail tr[data-header="strict-transport-security"]',
    );
    expect(hsts?.querySelector('[data-check="hsts"]')?.getAttribute('data-verdict')).toBe('pass');
    const server = document.querySelector('.response-detail tr[data-header="server"]');
    expect(
      server?.querySelector('[data-check="information-disclosure"]')?.getAttribute('data-verdict'),
    ).toBe('warn');
    expect(screen.getByTestId('response-grade').textContent).toBe(
      `Grade ${gradeRecord(RECORD).grade}`,
    );
  });

  test('script shows its own findings only', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.click(options()[1]!);

    const findings = [...document.querySelectorAll<HTMLElement>('.response-findings [data-check]')];
    expect(findings.map((row) => row.dataset.check).sort()).toEqual([
      'content-type-options',
      'cors',
      'mixed-content',
    ]);
    expect(
      document
        .querySelector('.response-findings [data-check="content-type-options"]')
        ?.getAttribute('data-verdict'),
    ).toBe('fail');
  });

  test('script findings show no page points', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.click(options()[1]!);

    const nosniff = document.querySelector(
      '.response-findings [data-check="content-type-options"]',
    );
    expect(nosniff?.querySelector('.modifier')).toBeNull();
    expect(nosniff?.textContent).not.toMatch(/points/);
    expect(screen.getByTestId('not-page-score').textContent).toBe(
      'These checks grade this response alone and are not part of the page score.',
    );
  });

  test('document findings keep their points', async () => {
    const user = userEvent.setup();
    renderPanel();
    await screen.findByTestId('grade');

    await user.click(options()[0]!);

    const csp = document.querySelector('.response-findings [data-check="csp"]');
    expect(csp?.querySelector('.modifier')?.textContent).toBe('\u221225 points');
    expect(screen.queryByTestId('not-page-score')).toBeNull();
  });
});

describe('page report', () => {
  test('compares with the previous load', async () => {
    const weak: ResponseRecord = { url: PAGE, status: 200, headers: [] };
    const previous: LoadSnapshot = { requestId: '9', gradedAt: 0, report: gradeRecord(weak) };
    renderPanel(graded(RECORD), tabLog({ loads: [previous] }));

    const comparison = await screen.findByTestId('before-after');
    const hsts = comparison.querySelector('[data-check="hsts"]');
    expect(hsts?.getAttribute('data-direction')).toBe('better');
    expect(within(comparison).getByTestId('grade-change').textContent).toBe(
      `Grade ${gradeRecord(weak).grade} → ${gradeRecord(RECORD).grade}, score ${gradeRecord(weak).score} → ${gradeRecord(RECORD).score}`,
    );
  });

  test('comparison marks a bonus below 90 as not counted', async () => {
    const weak: ResponseRecord = { url: PAGE, status: 200, headers: [] };
    const withReferrer: ResponseRecord = {
      ...RECORD,
      headers: [...RECORD.headers, ['Referrer-Policy', 'no-referrer']],
    };
    const current = gradeRecord(withReferrer);
    const previous: LoadSnapshot = { requestId: '9', gradedAt: 0, report: gradeRecord(weak) };
    renderPanel(graded(withReferrer), tabLog({ loads: [previous] }));

    const comparison = await screen.findByTestId('before-after');
    const referrer = comparison.querySelector('[data-check="referrer-policy"]');
    expect(current.bonusesCounted).toBe(false);
    expect(referrer?.querySelector('.change-verdicts')?.textContent).toBe(
      'Info → Pass (+5, not counted below 90)',
    );
    const hsts = comparison.querySelector('[data-check="hsts"]');
    expect(hsts?.querySelector('.change-verdicts')?.textContent).toBe('Fail (\u221220) → Pass');
    expect(screen.getByTestId('bonuses-not-counted')).toBeTruthy();
  });

  test('first load has no comparison', async () => {
    const current: LoadSnapshot = { requestId: '10', gradedAt: 0, report: gradeRecord(RECORD) };
    renderPanel(graded(RECORD), tabLog({ loads: [current] }));
    await screen.findByTestId('grade');

    expect(screen.queryByTestId('before-after')).toBeNull();
  });

  test('development host shows the production grade', async () => {
    const local: ResponseRecord = { ...RECORD, url: 'https://localhost:8443/', headers: [] };
    renderPanel(graded(local), tabLog({ pageUrl: local.url, responses: [] }));

    const preview = await screen.findByTestId('production-preview');
    const production = gradeRecord(local, { asProduction: true });
    expect(within(preview).getByTestId('production-grade').textContent).toMatch(
      `Grade ${production.grade}, score ${production.score}.`,
    );
    expect(preview.querySelector('[data-check="hsts"]')?.getAttribute('data-verdict')).toBe('fail');
  });

  test('production host has no preview', async () => {
    renderPanel();
    await screen.findByTestId('grade');

    expect(screen.queryByTestId('production-preview')).toBeNull();
  });
});

describe('preserve log', () => {
  const NEXT_PAGE = 'https://shop.example.test/cart/';
  const nextLog = tabLog({
    navigationId: '20',
    pageUrl: NEXT_PAGE,
    responses: [response({ requestId: '20', url: NEXT_PAGE })],
  });

  test('navigation clears the list without it', async () => {
    const connector = renderPanel();
    await screen.findByTestId('grade');

    connector.setLog(TAB, nextLog);
    connector.notifyChange(TAB);

    await waitFor(() => expect(options()).toHaveLength(1));
    expect(options()[0]?.textContent).toContain(NEXT_PAGE);
  });

  test('keeps the earlier page while checked', async () => {
    const user = userEvent.setup();
    const connector = renderPanel();
    await screen.findByTestId('grade');
    await user.click(screen.getByRole('checkbox', { name: 'Preserve log' }));

    connector.setLog(TAB, nextLog);
    connector.notifyChange(TAB);

    await waitFor(() => expect(options()).toHaveLength(4));
    expect(options()[0]?.classList.contains('response-earlier')).toBe(true);
    expect(options()[3]?.textContent).toContain(NEXT_PAGE);

    await user.click(screen.getByRole('checkbox', { name: 'Preserve log' }));
    await waitFor(() => expect(options()).toHaveLength(1));
  });
});

test('export saves the report through a blob link', async () => {
  const user = userEvent.setup();
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:report';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  const clicks: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    clicks.push(this.download);
  });
  renderPanel();
  await screen.findByTestId('grade');

  await user.click(screen.getByRole('button', { name: 'Report (JSON)' }));
  await user.click(screen.getByRole('button', { name: 'Responses (HAR)' }));

  await waitFor(() =>
    expect(clicks).toEqual(['shop.example.test.report.json', 'shop.example.test.har']),
  );
  expect(JSON.parse(await blobs[0]!.text())).toEqual(gradeRecord(RECORD));
  expect((JSON.parse(await blobs[1]!.text()) as HarLog).log.version).toBe('1.2');
});
