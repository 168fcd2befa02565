// The vulnerable-libraries check on pages that load jQuery from the test site: the
// recorder identifies an old jQuery by its file name or, renamed, by its body, and reads
// nothing from any host other than the page's own.

import type { BrowserContext, Page } from '@playwright/test';

import type { CheckResult } from '../src/scoring/types';

import {
  checkRow,
  expect,
  openPopup,
  requestTabReport,
  serviceWorkerOf,
  stopServiceWorker,
  tabIdOf,
  test as base,
} from './fixtures';
import { DEMO_PAGES } from './servers/demo-pages.mjs';
import { startDemoSite } from './servers/demo-site.mjs';
import { CURRENT_JQUERY, libraryPages, OLD_JQUERY } from './servers/library-pages.mjs';

const HOST = 'libraries.test';
/** The host of the page that the shared fixtures open first, to wait for the recorder. */
const READY_HOST = 'ready.test';

/** jQuery 1.12.4's advisories in the pinned retire.js database. */
const OLD_JQUERY_ADVISORIES = [
  'CVE-2015-9251',
  'CVE-2019-11358',
  'CVE-2020-11022',
  'CVE-2020-11023',
];

const test = base.extend<{ requestLog: string[] }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  requestLog: async ({}, use) => {
    await use([]);
  },
  // The demo site of the shared fixtures, with every request it receives kept in the log.
  site: async ({ requestLog }, use) => {
    const site = await startDemoSite({
      pages: DEMO_PAGES,
      ports: 'auto',
      log: (line) => requestLog.push(line),
    });
    try {
      await use(site);
    } finally {
      await site.close();
    }
  },
});

/**
 * Polls the tab's report until the vulnerable-libraries check satisfies `done`, because
 * the worker matches script bodies after the page has loaded.
 */
async function libraryCheck(
  extensionPage: Page,
  tabId: number,
  done: (check: CheckResult) => boolean,
): Promise<CheckResult> {
  let found: CheckResult | undefined;
  await expect
    .poll(
      async () => {
        const report = await requestTabReport(extensionPage, tabId);
        if (report.state !== 'graded') {
          return false;
        }
        found = report.report.checks.find((check) => check.id === 'vulnerable-libraries');
        return found !== undefined && done(found);
      },
      { message: 'the vulnerable-libraries check should reach the expected result' },
    )
    .toBe(true);
  return found!;
}

/**
 * Returns the URLs the extension's service worker requested itself: the plain-HTTP probe of
 * each page's host and the script bodies it read.
 */
async function workerResourceRequests(context: BrowserContext): Promise<string[]> {
  const worker = await serviceWorkerOf(context);
  return worker.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
}

/** Returns the host names of the requests in the site's log lines, such as `GET https://a.test/ 200`. */
function requestHosts(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const url = line.split(' ')[1];
    return url === undefined || !/^https?:/.test(url) ? [] : [new URL(url).hostname];
  });
}

test('renamed old jquery fails by content', async ({ context, extensionId, site, requestLog }) => {
  site.setPages(HOST, libraryPages(OLD_JQUERY, '/static/lib.js'));
  const page = await context.newPage();
  await page.goto(site.httpsUrl(HOST, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);

  const check = await libraryCheck(popup, tabId, (result) => result.verdict === 'fail');

  expect(check.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
  expect(check.modifier).toBe(-10);
  expect(check.notes?.[0]).toBe(
    `jquery 1.12.4, loaded from ${site.httpsUrl(HOST, '/static/lib.js')} (identified by content): upgrade to 3.5.0 or later`,
  );
  for (const advisory of OLD_JQUERY_ADVISORIES) {
    expect(
      check.notes?.some((note) => note.includes(advisory)),
      advisory,
    ).toBe(true);
  }

  await popup.reload();
  await expect(checkRow(popup, 'vulnerable-libraries')).toHaveAttribute('data-verdict', 'fail');

  // The site logs every request it receives, and the browser resolves every `.test` name
  // to it. The worker's own requests show in its resource timing entries.
  expect(new Set(requestHosts(requestLog))).toEqual(new Set([HOST, READY_HOST]));
  const workerRequests = await workerResourceRequests(context);
  expect(new Set(workerRequests.map((url) => new URL(url).hostname))).toEqual(
    new Set([HOST, READY_HOST]),
  );
  expect(workerRequests.filter((url) => url.startsWith('https:'))).toEqual([
    site.httpsUrl(HOST, '/static/lib.js'),
  ]);
  // The page's load and the worker's one read. Chromium partitions its HTTP cache by the
  // top-level site, so the worker's read usually misses the page's cache entry.
  const scriptRequests = requestLog.filter((line) => line.includes('/static/lib.js'));
  expect(scriptRequests.length).toBeGreaterThanOrEqual(1);
  expect(scriptRequests.length).toBeLessThanOrEqual(2);
});

test('finding survives a worker restart', async ({ context, extensionId, site, requestLog }) => {
  site.setPages(HOST, libraryPages(OLD_JQUERY, '/static/lib.js'));
  const page = await context.newPage();
  await page.goto(site.httpsUrl(HOST, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);
  await libraryCheck(popup, tabId, (result) => result.verdict === 'fail');
  const requestsBefore = requestLog.length;

  const { restarted } = await stopServiceWorker(context, extensionId);
  const report = await requestTabReport(popup, tabId);
  await restarted;

  expect(report.state).toBe('graded');
  const check =
    report.state === 'graded'
      ? report.report.checks.find((result) => result.id === 'vulnerable-libraries')
      : undefined;
  expect(check?.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
  expect(requestLog.slice(requestsBefore)).toEqual([]);
});

test('patched-fork mark silences jquery', async ({ context, extensionId, site }) => {
  site.setPages(HOST, libraryPages(OLD_JQUERY, '/static/lib.js'));
  const page = await context.newPage();
  await page.goto(site.httpsUrl(HOST, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);
  await libraryCheck(popup, tabId, (result) => result.verdict === 'fail');
  await popup.reload();
  const row = checkRow(popup, 'vulnerable-libraries');

  await expect(row.getByTestId('library-database')).toHaveText(
    /^retire\.js database of \d{4}-\d{2}-\d{2}, \d+ advisories$/,
  );
  await row.getByRole('button', { expanded: false }).click();
  await expect(row.getByRole('heading', { name: 'jquery 1.12.4' })).toBeVisible();
  await expect(row.getByText('Fix: upgrade to 3.5.0 or later.')).toBeVisible();
  await row.getByRole('button', { name: 'Mark as patched fork' }).click();

  await expect(row).toHaveAttribute('data-verdict', 'pass');
  await libraryCheck(popup, tabId, (result) => result.verdict === 'pass');
  // The row stays expanded while the report reloads.
  await row.getByRole('button', { name: 'Count again' }).click();
  await expect(row).toHaveAttribute('data-verdict', 'fail');
});

test('old jquery fails by file name', async ({ context, extensionId, site }) => {
  site.setPages(HOST, libraryPages(OLD_JQUERY, '/static/jquery-1.12.4.min.js'));
  const page = await context.newPage();
  await page.goto(site.httpsUrl(HOST, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);

  const check = await libraryCheck(popup, tabId, (result) => result.verdict === 'fail');

  expect(check.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
  expect(check.notes?.[0]).toContain('(identified by file name)');

  const workerRequests = await workerResourceRequests(context);
  expect(workerRequests.filter((url) => url.startsWith('https:'))).toEqual([]);
});

test('current jquery passes', async ({ context, extensionId, site }) => {
  site.setPages(HOST, libraryPages(CURRENT_JQUERY, '/static/lib.js'));
  const page = await context.newPage();
  await page.goto(site.httpsUrl(HOST, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);

  const check = await libraryCheck(popup, tabId, (result) =>
    result.evidence.includes('identified:'),
  );

  expect(check.verdict).toBe('pass');
  expect(check.evidence).toBe(
    'no library with a known advisory among 1 scripts (identified: jquery 4.1.0)',
  );
});
