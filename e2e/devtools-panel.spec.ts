// The DevTools panel page, opened as a tab with the inspected tab's id, against pages that the
// test site serves on loopback. The tests cover the live response list, annotated headers, the
// comparison with the previous load, "preserve log", the development-host preview and exports.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import type { BrowserContext, Download, Locator, Page } from '@playwright/test';

import type { HarLog } from '../src/scoring/har';
import type { Report } from '../src/scoring/types';

import { expect, stopServiceWorker, tabIdOf, test } from './fixtures';
import { renderDocument, type PageSet } from './servers/demo-pages.mjs';

const PANEL_PATH = 'src/devtools/panel.html';

/** The command-line grader that `npm run build` writes beside the extension. */
const CLI_PATH = resolve(import.meta.dirname, '..', 'dist-cli', 'hardening-inspector.mjs');

/** Grades a saved file with the built command-line grader and returns its JSON reports. */
function gradeWithCli(path: string): Report[] {
  if (!existsSync(CLI_PATH)) {
    throw new Error(`No built command-line grader in ${CLI_PATH}: run \`npm run build\` first.`);
  }
  const output = execFileSync(process.execPath, [CLI_PATH, 'grade', '--format', 'json', path], {
    encoding: 'utf8',
  });
  const parsed = JSON.parse(output) as Report | Report[];
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** Headers of a page with one finding to fix: framing is allowed. */
const UNFRAMED: ReadonlyArray<readonly [string, string]> = [
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Content-Security-Policy', "default-src 'self'; object-src 'none'"],
  ['Server', 'nginx/1.25.3'],
];

/** Builds a page set whose document headers the test can change between loads. */
function switchablePages(initial: ReadonlyArray<readonly [string, string]>) {
  let documentHeaders = initial;
  const pages: PageSet = {
    '/': {
      headers: () => documentHeaders,
      body: renderDocument({
        title: 'Panel test',
        main: '<p>A page with one script.</p><script src="/app.js"></script>',
      }),
    },
    '/other': {
      headers: () => documentHeaders,
      body: renderDocument({ title: 'Other page', main: '<p>Another page.</p>' }),
    },
    '/app.js': {
      headers: [['Content-Type', 'text/javascript']],
      body: 'document.documentElement.dataset.script = "ran";\n',
    },
    '/data.json': {
      headers: [
        ['Content-Type', 'application/json'],
        ['Access-Control-Allow-Origin', '*'],
        ['X-Content-Type-Options', 'nosniff'],
      ],
      body: '{"ok":true}\n',
    },
  };
  return {
    pages,
    setHeaders(headers: ReadonlyArray<readonly [string, string]>) {
      documentHeaders = headers;
    },
  };
}

async function openPanel(
  context: BrowserContext,
  extensionId: string,
  tabId: number,
): Promise<Page> {
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/${PANEL_PATH}?tabId=${tabId}`);
  await expect(panel.getByTestId('grade')).toBeVisible();
  return panel;
}

function rows(panel: Page): Locator {
  return panel.getByRole('listbox', { name: 'Responses of the page' }).getByRole('option');
}

function headerRow(panel: Page, name: string): Locator {
  return panel.locator(`.response-detail tr[data-header="${name}"]`);
}

async function downloadOf(
  panel: Page,
  exportName: string,
): Promise<{ download: Download; path: string; text: string }> {
  const [download] = await Promise.all([
    panel.waitForEvent('download'),
    panel.locator(`button[data-export="${exportName}"]`).click(),
  ]);
  const path = await download.path();
  return { download, path, text: readFileSync(path, 'utf8') };
}

test('responses appear live and headers are annotated', async ({ context, extensionId, site }) => {
  const host = 'panel-live.test';
  site.setPages(host, switchablePages(UNFRAMED).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);

  await expect(rows(panel).filter({ hasText: site.httpsUrl(host, '/app.js') })).toHaveCount(1);
  await page.evaluate(() => fetch('/data.json').then((response) => response.text()));
  const fetchRow = rows(panel).filter({ hasText: site.httpsUrl(host, '/data.json') });
  await expect(fetchRow).toHaveAttribute('data-kind', 'fetch');
  await expect(fetchRow).toHaveAttribute('data-status', '200');

  const list = panel.getByRole('listbox', { name: 'Responses of the page' });
  await list.focus();
  await panel.keyboard.press('Home');
  await expect(rows(panel).first()).toHaveAttribute('aria-selected', 'true');
  await expect(rows(panel).first()).toHaveAttribute('data-kind', 'document');
  await expect(list).toHaveAttribute(
    'aria-activedescendant',
    (await rows(panel).first().getAttribute('id')) ?? '',
  );

  const hsts = headerRow(panel, 'strict-transport-security');
  await expect(hsts.locator('[data-check="hsts"]')).toHaveAttribute('data-verdict', 'pass');
  await expect(
    headerRow(panel, 'server').locator('[data-check="information-disclosure"]'),
  ).toHaveAttribute('data-verdict', 'warn');
  await expect(panel.getByTestId('response-grade')).toHaveText(
    `Grade ${await panel.getByTestId('grade').textContent()}`,
  );

  await panel.keyboard.press('ArrowDown');
  await expect(rows(panel).nth(1)).toHaveAttribute('aria-selected', 'true');

  // The script and the stylesheet arrive in either order, so the script is found by its URL.
  const script = rows(panel).filter({ hasText: site.httpsUrl(host, '/app.js') });
  await script.click();
  await expect(script).toHaveAttribute('aria-selected', 'true');
  await expect(script).toHaveAttribute('data-kind', 'script');
  await expect(script.locator('.response-verdict')).toHaveText(/^Fail: MIME type sniffing/);
  await expect(
    panel.locator('.response-findings [data-check="content-type-options"]'),
  ).toHaveAttribute('data-verdict', 'fail');

  await panel.getByRole('button', { name: 'Fetch/XHR' }).click();
  await expect(rows(panel)).toHaveCount(1);
  await expect(rows(panel).first()).toContainText('/data.json');
  await panel.getByRole('button', { name: 'All' }).click();
  await panel.getByRole('searchbox', { name: 'Filter responses by URL' }).fill('app.js');
  await expect(rows(panel)).toHaveCount(1);
});

test('reload after a server fix shows the improvement', async ({ context, extensionId, site }) => {
  const host = 'panel-fix.test';
  const pages = switchablePages(UNFRAMED);
  site.setPages(host, pages.pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);
  const gradeBefore = await panel.getByTestId('grade').textContent();
  await expect(panel.getByTestId('before-after')).toHaveCount(0);

  pages.setHeaders([...UNFRAMED, ['X-Frame-Options', 'DENY']]);
  await page.reload();

  const comparison = panel.getByTestId('before-after');
  await expect(comparison).toBeVisible();
  const framing = comparison.locator('[data-check="frame-options"]');
  await expect(framing).toHaveAttribute('data-direction', 'better');
  await expect(framing.getByTestId('evidence-before')).toContainText('no X-Frame-Options');
  await expect(framing.getByTestId('evidence-after')).toContainText('DENY');
  const gradeAfter = await panel.getByTestId('grade').textContent();
  expect(gradeAfter).not.toBe(gradeBefore);
  await expect(panel.getByTestId('grade-change')).toContainText(
    `Grade ${gradeBefore} → ${gradeAfter}`,
  );
});

test('preserve log keeps the responses of earlier pages', async ({
  context,
  extensionId,
  site,
}) => {
  const host = 'panel-preserve.test';
  site.setPages(host, switchablePages(UNFRAMED).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);
  const firstUrl = site.httpsUrl(host, '/');
  const otherUrl = site.httpsUrl(host, '/other');
  const documentRows = rows(panel).and(panel.locator('[data-kind="document"]'));

  await page.goto(otherUrl);
  await expect(documentRows).toHaveCount(1);
  await expect(documentRows.first()).toContainText(otherUrl);

  await panel.getByRole('checkbox', { name: 'Preserve log' }).check();
  await page.goto(firstUrl);
  await expect(documentRows).toHaveCount(2);
  await expect(documentRows.first()).toContainText(otherUrl);
  await expect(documentRows.first()).toHaveClass(/response-earlier/);
  await expect(documentRows.nth(1)).toContainText(firstUrl);

  await panel.getByRole('checkbox', { name: 'Preserve log' }).uncheck();
  await expect(documentRows).toHaveCount(1);
  await expect(documentRows.first()).toContainText(firstUrl);
});

test('development host shows the production grade beside', async ({
  context,
  extensionId,
  site,
}) => {
  const withoutHsts = UNFRAMED.filter(([name]) => name !== 'Strict-Transport-Security');
  site.setPages('localhost', switchablePages(withoutHsts).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl('localhost', '/'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);

  await expect(panel.getByTestId('development-banner')).toBeVisible();
  await expect(panel.locator('.report [data-check="hsts"]')).toHaveAttribute('data-verdict', 'n/a');
  const preview = panel.getByTestId('production-preview');
  await expect(preview.locator('[data-check="hsts"]')).toHaveAttribute('data-verdict', 'fail');
  // Framing fails on the development host too, so it is no production-only finding.
  await expect(preview.locator('[data-check="frame-options"]')).toHaveCount(0);
  await expect(preview.getByTestId('production-grade')).toHaveText(
    /^Grade [A-F][+-]?, score \d+\./,
  );
});

test('exports open and parse', async ({ context, extensionId, site }) => {
  const host = 'panel-export.test';
  site.setPages(host, switchablePages(UNFRAMED).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);
  await expect(rows(panel).filter({ hasText: '/app.js' })).toHaveCount(1);
  const grade = await panel.getByTestId('grade').textContent();
  // Files are named by the page's host, with a non-standard port joined by a hyphen.
  const stem = new URL(site.httpsUrl(host, '/')).host.replace(':', '-');

  const json = await downloadOf(panel, 'json');
  const report = JSON.parse(json.text) as Report;
  expect(json.download.suggestedFilename()).toBe(`${stem}.report.json`);
  expect(report.grade).toBe(grade);
  expect(report.url).toBe(site.httpsUrl(host, '/'));

  const markdown = await downloadOf(panel, 'markdown');
  expect(markdown.download.suggestedFilename()).toBe(`${stem}.review.md`);
  expect(markdown.text).toContain(`# Hardening review of ${site.httpsUrl(host, '/')}`);
  expect(markdown.text).toContain(`Grade **${grade}**`);
  expect(markdown.text).toContain('## Summary');

  const har = await downloadOf(panel, 'har');
  expect(har.download.suggestedFilename()).toBe(`${stem}.har`);
  const [graded] = gradeWithCli(har.path);
  expect(graded?.url).toBe(site.httpsUrl(host, '/'));
  expect(graded?.grade).toBe(grade);
  expect(graded?.score).toBe(report.score);
  const log = (JSON.parse(har.text) as HarLog).log;
  const script = log.entries.find((entry) => entry.request.url.endsWith('/app.js'));
  expect(script?.response.status).toBe(200);
  expect(script?.response.headers).toContainEqual({
    name: 'Content-Type',
    value: 'text/javascript',
  });
});

test('popup exports the report', async ({ context, extensionId, site }) => {
  const host = 'popup-export.test';
  site.setPages(host, switchablePages(UNFRAMED).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/popup/index.html?tabId=${tabId}`);
  await expect(popup.getByTestId('grade')).toBeVisible();

  const json = await downloadOf(popup, 'json');
  expect((JSON.parse(json.text) as Report).grade).toBe(
    await popup.getByTestId('grade').textContent(),
  );
  const har = await downloadOf(popup, 'har');
  expect(gradeWithCli(har.path).map((graded) => graded.grade)).toEqual([
    await popup.getByTestId('grade').textContent(),
  ]);
});

test('demo fix switch shows the before and after', async ({ context, extensionId, site }) => {
  // The demo's pages serve every host without its own page set, and the switch is per host.
  const host = 'demo-switch.test';
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/weak'));
  const tabId = await tabIdOf(context, page);
  const panel = await openPanel(context, extensionId, tabId);
  await expect(panel.getByTestId('grade')).toHaveText('F');

  const toggle = await context.newPage();
  await toggle.goto(site.httpsUrl(host, '/weak-fix?fixed=on'));
  await expect(toggle.locator('#fix-state')).toHaveText(
    'The weak page now sends its fixed headers.',
  );
  await page.reload();

  await expect(panel.getByTestId('grade-change')).toHaveText(/^Grade F → (?!F)/);
  const framing = panel.getByTestId('before-after').locator('[data-check="frame-options"]');
  await expect(framing).toHaveAttribute('data-direction', 'better');

  await toggle.goto(site.httpsUrl(host, '/weak-fix?fixed=off'));
  await expect(toggle.locator('#fix-state')).toHaveText(
    'The weak page now sends its weak headers.',
  );
});

test('panel opened after a worker restart lists the responses', async ({
  context,
  extensionId,
  site,
}) => {
  const host = 'panel-restart.test';
  site.setPages(host, switchablePages(UNFRAMED).pages);
  const page = await context.newPage();
  await page.goto(site.httpsUrl(host, '/'));
  const tabId = await tabIdOf(context, page);
  await expect(page.locator('html')).toHaveAttribute('data-script', 'ran');

  const { restarted } = await stopServiceWorker(context, extensionId);
  const panel = await openPanel(context, extensionId, tabId);
  await restarted;

  await expect(rows(panel).filter({ hasText: site.httpsUrl(host, '/app.js') })).toHaveAttribute(
    'data-status',
    '200',
  );
  await expect(rows(panel).first()).toHaveAttribute('data-kind', 'document');
});
