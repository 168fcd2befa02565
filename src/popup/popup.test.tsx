// @vitest-environment happy-dom

import { act, cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import type { Fix } from '../scoring/types';
import { createFakeConnector } from '../ui/fake-connector';
import { resetFakeBrowser } from '../ui/testing/fake-browser';
import { buildCheck, buildReport, gradedTab } from '../ui/testing/reports';

import { Popup } from './popup';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('../ui/testing/fake-browser')).fakeBrowser,
}));

const TAB = 7;

const HSTS_FIXES: Fix[] = [
  {
    stack: 'django',
    where: 'settings.py',
    code: 'SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True',
  },
  {
    stack: 'nginx',
    where: 'server { ... }',
    code: 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
  },
  {
    stack: 'apache',
    where: '<VirtualHost *:443>',
    code: 'Header always set Strict-Transport-Security "max-age=31536000; includeSubDomains"',
  },
  {
    stack: 'express',
    where: 'app.js',
    code: 'app.use(helmet.hsts({ maxAge: 31536000, includeSubDomains: true }));',
  },
  {
    stack: 'caddy',
    where: 'Caddyfile',
    code: 'header Strict-Transport-Security "max-age=31536000; includeSubDomains"',
  },
];

/** A report whose checks are in registry order, with every verdict represented. */
const REPORT = buildReport({
  grade: 'C+',
  score: 61,
  stack: 'nginx',
  checks: [
    buildCheck({ id: 'https', title: 'HTTPS', verdict: 'pass', evidence: 'served over HTTPS' }),
    buildCheck({ id: 'https-redirect', title: 'HTTPS redirect', verdict: 'pass' }),
    buildCheck({
      id: 'hsts',
      title: 'Strict-Transport-Security',
      verdict: 'warn',
      modifier: -10,
      outcome: 'short',
      evidence: 'max-age=86400',
      notes: ['only the first Strict-Transport-Security header counts'],
      remediation: {
        summary: 'HSTS max-age is 86400 seconds, less than one year.',
        why: 'A short max-age lets the policy expire between visits.',
        fixes: HSTS_FIXES,
        docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security',
      },
    }),
    buildCheck({
      id: 'session-cookie',
      title: 'Session cookie',
      verdict: 'fail',
      modifier: -40,
      evidence: 'sessionid lacks Secure',
      remediation: {
        summary: 'The session cookie "sessionid" is sent over plain HTTP too.',
        why: 'Anyone on the network path can read it and take over the session.',
        fixes: [{ stack: 'django', where: 'settings.py', code: 'SESSION_COOKIE_SECURE = True' }],
        docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Cookies',
      },
    }),
    buildCheck({ id: 'csrf-cookie', title: 'CSRF cookie', verdict: 'n/a' }),
    buildCheck({ id: 'cookies', title: 'Other cookies', verdict: 'n/a' }),
    buildCheck({ id: 'frame-options', title: 'Framing', verdict: 'fail', modifier: -20 }),
    buildCheck({
      id: 'content-type-options',
      title: 'MIME sniffing',
      verdict: 'fail',
      modifier: -5,
    }),
    buildCheck({ id: 'csp', title: 'Content Security Policy', verdict: 'fail', modifier: -25 }),
    buildCheck({ id: 'referrer-policy', title: 'Referrer-Policy', verdict: 'pass', modifier: 5 }),
    buildCheck({ id: 'cross-origin-isolation', title: 'Isolation', verdict: 'info' }),
    buildCheck({
      id: 'permissions-policy',
      title: 'Permissions-Policy',
      verdict: 'warn',
      modifier: -5,
    }),
    buildCheck({ id: 'information-disclosure', title: 'Disclosure', verdict: 'warn' }),
    buildCheck({ id: 'deprecated-headers', title: 'Deprecated headers', verdict: 'pass' }),
  ],
});

function renderPopup(tabReport = gradedTab(REPORT)) {
  const connector = createFakeConnector({ activeTabId: TAB, reports: { [TAB]: tabReport } });
  const view = render(<Popup connector={connector} />);
  return { connector, ...view };
}

function row(checkId: string): HTMLElement {
  const element = document.querySelector<HTMLElement>(`[data-check="${checkId}"]`);
  if (element === null) {
    throw new Error(`no row for check ${checkId}`);
  }
  return element;
}

function toggle(checkId: string): HTMLElement {
  return within(row(checkId)).getByRole('button', { expanded: false });
}

beforeEach(() => {
  resetFakeBrowser();
});

afterEach(() => {
  cleanup();
});

describe('graded report', () => {
  test('shows the grade letter, score and URL', async () => {
    renderPopup();

    expect((await screen.findByTestId('grade')).textContent).toBe('C+');
    expect(screen.getByTestId('score').textContent).toBe('Score 61');
    expect(screen.getByTestId('url').textContent).toBe('https://shop.example.test/cart/');
    expect(screen.getByText(/Server stack: nginx/)).toBeTruthy();
  });

  test.each([
    ['likely', 'Server stack: Django (likely)'],
    ['confirmed', 'Server stack: Django'],
  ] as const)('%s stack label', async (stackConfidence, expected) => {
    renderPopup(gradedTab({ ...REPORT, stack: 'django', stackConfidence }));
    await screen.findByTestId('grade');

    expect(screen.getByText(/^Server stack:/).textContent?.split(' · ')[0]).toBe(expected);
  });

  test('orders rows by verdict, then by penalty', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    const rows = [...document.querySelectorAll<HTMLElement>('[data-check]')];
    expect(rows.map((element) => element.dataset.check)).toEqual([
      'session-cookie',
      'csp',
      'frame-options',
      'content-type-options',
      'hsts',
      'permissions-policy',
      'information-disclosure',
      'cross-origin-isolation',
      'https',
      'https-redirect',
      'deprecated-headers',
      'referrer-policy',
      'csrf-cookie',
      'cookies',
    ]);
    expect(rows.map((element) => element.dataset.verdict)).toEqual([
      'fail',
      'fail',
      'fail',
      'fail',
      'warn',
      'warn',
      'warn',
      'info',
      'pass',
      'pass',
      'pass',
      'pass',
      'n/a',
      'n/a',
    ]);
  });

  test('row shows title, verdict, points and evidence', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    const hsts = row('hsts');
    expect(within(hsts).getByText('Strict-Transport-Security')).toBeTruthy();
    expect(within(hsts).getByText('Warning')).toBeTruthy();
    expect(within(hsts).getByText('\u221210 points')).toBeTruthy();
    expect(within(hsts).getByText('max-age=86400')).toBeTruthy();
    expect(within(row('csrf-cookie')).getByText('N/A')).toBeTruthy();
  });

  test('bonus below 90 shows as not counted', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    const points = row('referrer-policy').querySelector<HTMLElement>('.modifier');
    expect(points?.textContent).toBe('+5, not counted below 90');
    expect(points?.classList.contains('modifier-uncounted')).toBe(true);
    expect(points?.title).toBe(
      'Bonuses are added only when the score after penalties is 90 or more.',
    );
    expect(screen.getByTestId('bonuses-not-counted').textContent).toBe(
      'Bonuses are not added: the score after penalties is below 90.',
    );
  });

  test('bonus at 90 or more counts', async () => {
    renderPopup(gradedTab({ ...REPORT, grade: 'A+', score: 105, bonusesCounted: true }));
    await screen.findByTestId('grade');

    const points = row('referrer-policy').querySelector<HTMLElement>('.modifier');
    expect(points?.textContent).toBe('+5 points');
    expect(points?.classList.contains('modifier-uncounted')).toBe(false);
    expect(screen.queryByTestId('bonuses-not-counted')).toBeNull();
  });

  test('no bonus means no uncounted note', async () => {
    const withoutBonus = REPORT.checks.filter((check) => check.modifier <= 0);
    renderPopup(gradedTab({ ...REPORT, checks: withoutBonus }));
    await screen.findByTestId('grade');

    expect(screen.queryByTestId('bonuses-not-counted')).toBeNull();
  });

  test('rows without remediation or notes are not expandable', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    expect(within(row('https')).queryByRole('button')).toBeNull();
  });
});

describe('remediation', () => {
  test('click expands a row to its remediation', async () => {
    const user = userEvent.setup();
    renderPopup();
    await screen.findByTestId('grade');

    const button = toggle('hsts');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(within(row('hsts')).queryByText(/less than one year/)).toBeNull();

    await user.click(button);

    expect(button.getAttribute('aria-expanded')).toBe('true');
    const details = within(row('hsts'));
    expect(details.getByText('HSTS max-age is 86400 seconds, less than one year.')).toBeTruthy();
    expect(details.getByText(/lets the policy expire between visits/)).toBeTruthy();
    expect(
      details.getByText('only the first Strict-Transport-Security header counts'),
    ).toBeTruthy();
    const docs = details.getByRole('link', { name: 'Read more on MDN' });
    expect(docs.getAttribute('href')).toBe(
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security',
    );

    await user.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(within(row('hsts')).queryByText(/less than one year/)).toBeNull();
  });

  test('lists the detected stack first with readable names', async () => {
    const user = userEvent.setup();
    renderPopup();
    await screen.findByTestId('grade');
    await user.click(toggle('hsts'));

    const tabs = within(row('hsts')).getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'nginx',
      'Django',
      'Apache',
      'Express (helmet)',
      'Caddy',
    ]);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    const panel = within(row('hsts')).getByRole('tabpanel');
    expect(panel.querySelector('pre')?.textContent).toBe(HSTS_FIXES[1]?.code);
    expect(within(panel).getByText('In server { ... }:')).toBeTruthy();
  });

  test('keyboard expands a row and moves between stacks', async () => {
    const user = userEvent.setup();
    renderPopup();
    await screen.findByTestId('grade');

    const button = toggle('hsts');
    button.focus();
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-expanded')).toBe('true');

    await user.tab();
    const tabs = within(row('hsts')).getAllByRole('tab');
    expect(document.activeElement).toBe(tabs[0]);

    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tabs[1]);
    expect(tabs[1]?.getAttribute('aria-selected')).toBe('true');
    expect(within(row('hsts')).getByRole('tabpanel').querySelector('pre')?.textContent).toBe(
      HSTS_FIXES[0]?.code,
    );

    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tabs[4]);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tabs[0]);
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tabs[4]);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tabs[0]);

    button.focus();
    await user.keyboard(' ');
    expect(button.getAttribute('aria-expanded')).toBe('false');
  });

  test('copy writes the snippet and confirms', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPopup();
    await screen.findByTestId('grade');
    await user.click(toggle('session-cookie'));

    await user.click(
      within(row('session-cookie')).getByRole('button', { name: 'Copy the Django snippet' }),
    );

    expect(writeText).toHaveBeenCalledWith('SESSION_COOKIE_SECURE = True');
    expect(within(row('session-cookie')).getByRole('status').textContent).toBe('Copied');
  });

  test.each(HSTS_FIXES.map((fix) => [fix.stack, fix] as const))(
    'copy writes the exact %s snippet',
    async (_stack, fix) => {
      const user = userEvent.setup();
      const writeText = vi.fn<(text: string) => Promise<void>>(() => Promise.resolve());
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
      renderPopup();
      await screen.findByTestId('grade');
      await user.click(toggle('hsts'));

      await user.click(document.getElementById(`check-fix-hsts-tab-${fix.stack}`)!);
      const panel = within(row('hsts')).getByRole('tabpanel');
      await user.click(within(panel).getByRole('button', { name: /^Copy the / }));

      expect(writeText).toHaveBeenCalledTimes(1);
      expect(writeText.mock.calls[0]?.[0]).toBe(fix.code);
      expect(panel.querySelector('code')?.textContent).toBe(fix.code);
    },
  );

  test('copy refused by the browser shows an error', async () => {
    const user = userEvent.setup();
    const writeText = vi.fn<(text: string) => Promise<void>>(() =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
    );
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    renderPopup();
    await screen.findByTestId('grade');
    await user.click(toggle('session-cookie'));

    await user.click(within(row('session-cookie')).getByRole('button', { name: /^Copy/ }));

    expect(within(row('session-cookie')).getByRole('status').textContent).toMatch(
      /^Copying failed because the browser refused access to the clipboard/,
    );
    vi.restoreAllMocks();
  });
});

describe('fix snippet', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('fits its box without a scroll hint', async () => {
    const user = userEvent.setup();
    renderPopup();
    await screen.findByTestId('grade');

    await user.click(toggle('hsts'));

    const code = row('hsts').querySelector<HTMLElement>('.fix-code');
    expect(code?.classList.contains('fix-code-scrolls')).toBe(false);
    expect(code?.hasAttribute('tabindex')).toBe(false);
    expect(within(row('hsts')).queryByTestId('fix-more')).toBeNull();
  });

  test('taller than its box shows a scroll hint', async () => {
    vi.spyOn(Element.prototype, 'scrollHeight', 'get').mockReturnValue(900);
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(540);
    const user = userEvent.setup();
    renderPopup();
    await screen.findByTestId('grade');

    await user.click(toggle('hsts'));

    const code = row('hsts').querySelector<HTMLElement>('.fix-code');
    const hint = within(row('hsts')).getByTestId('fix-more');
    expect(hint.textContent).toBe('Scroll the snippet for more lines.');
    expect(code?.classList.contains('fix-code-scrolls')).toBe(true);
    expect(code?.getAttribute('tabindex')).toBe('0');
    expect(code?.getAttribute('aria-describedby')).toBe(hint.id);
  });
});

describe('export buttons', () => {
  test('form one labelled group of three', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    const group = screen.getByRole('group', { name: 'Export the report' });
    expect(
      within(group)
        .getAllByRole('button')
        .map((button) => button.textContent),
    ).toEqual(['Report (JSON)', 'Review (Markdown)', 'Responses (HAR)']);
    expect(within(group).getByText('Export the report').classList.contains('exports-label')).toBe(
      true,
    );
  });
});

describe('states', () => {
  test('shows loading until the report arrives', () => {
    renderPopup();

    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.queryByTestId('grade')).toBeNull();
  });

  test('unsupported page explains why', async () => {
    renderPopup({ state: 'unsupported', url: 'chrome://newtab/' });

    expect(await screen.findByRole('heading', { name: 'This page cannot be graded' })).toBeTruthy();
    expect(screen.getByText('chrome://newtab/')).toBeTruthy();
    expect(screen.queryByTestId('grade')).toBeNull();
  });

  test('unrecorded tab offers a reload', async () => {
    const user = userEvent.setup();
    const { connector } = renderPopup({ state: 'not-recorded', url: 'https://shop.example.test/' });

    expect(
      await screen.findByRole('heading', { name: 'Nothing recorded for this tab yet' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reload the page' }));

    expect(connector.reloadedTabs).toEqual([TAB]);
  });

  test('development host shows the preview banner', async () => {
    renderPopup(gradedTab(buildReport({ url: 'http://localhost:8000/', developmentHost: true })));

    const banner = await screen.findByTestId('development-banner');
    expect(banner.textContent).toMatch(/^Development preview\./);
    expect(banner.textContent).toMatch(/would fail them/);
  });

  test('production report has no preview banner', async () => {
    renderPopup();
    await screen.findByTestId('grade');

    expect(screen.queryByTestId('development-banner')).toBeNull();
    expect(screen.queryByTestId('capped-banner')).toBeNull();
    expect(screen.queryByTestId('redirect-not-verified')).toBeNull();
  });

  test('plain HTTP page shows the grade cap', async () => {
    renderPopup(
      gradedTab(
        buildReport({ url: 'http://shop.example.test/', grade: 'F', score: 80, capped: true }),
      ),
    );

    expect((await screen.findByTestId('capped-banner')).textContent).toMatch(/capped at F/);
    expect(screen.getByTestId('grade').textContent).toBe('F');
  });

  test('unverified redirect shows its reason', async () => {
    const report = buildReport({
      checks: [
        buildCheck({
          id: 'https-redirect',
          verdict: 'info',
          outcome: 'not-verified',
          evidence: 'the redirect probe is turned off in the options',
        }),
      ],
    });
    renderPopup(gradedTab(report));

    const note = await screen.findByTestId('redirect-not-verified');
    expect(note.textContent).toBe(
      'HTTPS redirect not verified. the redirect probe is turned off in the options',
    );
  });

  test('load failure shows the error and retries', async () => {
    const user = userEvent.setup();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const connector = createFakeConnector({ activeTabId: TAB });
    connector.failWith(TAB, new Error('Receiving end does not exist.'));
    render(<Popup connector={connector} />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /The report could not be loaded: Receiving end does not exist\./,
    );

    connector.setReport(TAB, gradedTab(REPORT));
    await user.click(screen.getByRole('button', { name: 'Try again' }));

    expect((await screen.findByTestId('grade')).textContent).toBe('C+');
    vi.restoreAllMocks();
  });

  test('no active tab says so', async () => {
    render(<Popup connector={createFakeConnector({})} />);

    expect(await screen.findByText('There is no active tab to grade.')).toBeTruthy();
  });
});

describe('updates', () => {
  test('refreshes when the tab record changes', async () => {
    const { connector } = renderPopup({ state: 'not-recorded', url: 'https://shop.example.test/' });
    await screen.findByRole('heading', { name: 'Nothing recorded for this tab yet' });

    connector.setReport(TAB, gradedTab(REPORT));
    connector.notifyChange(TAB);

    expect((await screen.findByTestId('grade')).textContent).toBe('C+');
  });

  test('keeps an expanded row open across a refresh', async () => {
    const user = userEvent.setup();
    const { connector } = renderPopup();
    await screen.findByTestId('grade');
    await user.click(toggle('hsts'));

    connector.setReport(TAB, gradedTab({ ...REPORT, score: 66, grade: 'B-' }));
    connector.notifyChange(TAB);

    await waitFor(() => expect(screen.getByTestId('grade').textContent).toBe('B-'));
    expect(within(row('hsts')).getByRole('button', { expanded: true })).toBeTruthy();
  });

  test('a burst of changes brings one request', async () => {
    const { connector } = renderPopup();
    await screen.findByTestId('grade');

    for (let write = 0; write < 5; write += 1) {
      connector.notifyChange(TAB);
    }

    await waitFor(() => expect(connector.reportRequests).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connector.reportRequests).toHaveLength(2);
  });

  test('unsubscribes when closed', async () => {
    const { connector, unmount } = renderPopup();
    await screen.findByTestId('grade');
    expect(connector.listenerCount(TAB)).toBe(1);

    await act(() => {
      unmount();
    });

    expect(connector.listenerCount(TAB)).toBe(0);
  });
});

test('options link opens the options page', async () => {
  const user = userEvent.setup();
  const { connector } = renderPopup();
  await screen.findByTestId('grade');

  const link = screen.getByRole('link', { name: 'Options' });
  expect(link.getAttribute('href')).toBe('chrome-extension://fake/src/options/index.html');
  await user.click(link);

  expect(connector.optionsPageOpenings).toBe(1);
});
