// @ts-check
// `npm start`: builds the extension, serves the demo site on loopback and opens Chromium
// with the extension loaded on the demo's index. With `--headless`, saves screenshots of
// the popup graded on each demo page instead.

/* global chrome -- functions passed to worker.evaluate run in the extension's service worker */

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { extensionBrowserArguments, findBrowser } from '../e2e/browser.mjs';
import { DEMO_PAGES } from '../e2e/servers/demo-pages.mjs';
import { startDemoSite } from '../e2e/servers/demo-site.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_PATH = join(ROOT, 'dist');
const DEMO_HOST = 'demo.test';
const POPUP_PATH = 'src/popup/index.html';
/** Demo pages shown in headless mode, each saved as `popup-<name>.png`. */
const GRADED_PAGES = ['hardened', 'weak', 'review'];
const WAIT_TIMEOUT_MS = 20_000;

const USAGE = `Usage: npm start [-- --headless [--out DIR]]

Builds the extension into dist/, serves the demo site on 127.0.0.1 and opens Chromium with
the extension loaded on https://${DEMO_HOST}/. Press Ctrl-C to stop.

Options:
  --headless   Open no window: grade the demo pages in headless Chromium and save a
               screenshot of the popup for each, then exit.
  --out DIR    Folder for the headless screenshots (default: test-results/demo).
  --help       Show this help.

Environment:
  CHROME_PATH  Browser executable to use instead of the usual Chromium and Chrome paths.`;

/** @typedef {import('../e2e/servers/demo-site.mjs').DemoSite} DemoSite */

async function main() {
  const options = readOptions();
  if (options === undefined) {
    return 0;
  }

  const browser = findBrowser();
  console.log(`Browser: ${browser.path} (from ${browser.source})`);
  if (browser.brandedChrome) {
    console.warn(
      'Warning: Google Chrome 137 and later ignore --load-extension. If the extension is missing, ' +
        'set CHROME_PATH to Chromium or Chrome for Testing, or load dist/ by hand as the README describes.',
    );
  }
  if (!options.headless && !hasDisplay()) {
    console.error(
      'No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the browser cannot open a window.\n' +
        'Run `npm start -- --headless` to save screenshots of the popup graded on the demo pages,\n' +
        'or `npm test` to run the end-to-end suite in headless Chromium.',
    );
    return 1;
  }

  await buildExtension();

  const site = await startDemoSite({
    pages: DEMO_PAGES,
    ports: 'auto',
    certificateNames: [DEMO_HOST, '*.test', 'localhost'],
    log: options.headless ? () => {} : (line) => console.log(`[demo] ${line}`),
  });
  describeSite(site);

  try {
    return options.headless
      ? await takeScreenshots(site, browser.path, resolve(options.out))
      : await openHeaded(site, browser.path);
  } finally {
    await site.close();
  }
}

/** @returns {{ headless: boolean, out: string } | undefined} undefined when only help was requested */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        headless: { type: 'boolean', default: false },
        out: { type: 'string', default: join(ROOT, 'test-results', 'demo') },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, {
      cause: error,
    });
  }
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  return { headless: values.headless, out: values.out };
}

function hasDisplay() {
  if (process.platform !== 'linux') {
    return true;
  }
  return Boolean(process.env.DISPLAY) || Boolean(process.env.WAYLAND_DISPLAY);
}

async function buildExtension() {
  console.log('Building the extension into dist/ …');
  const { build } = await import('vite');
  await build({ root: ROOT, logLevel: 'warn' });
  if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
    throw new Error(`The build wrote no manifest.json into ${EXTENSION_PATH}.`);
  }
}

/** @param {DemoSite} site */
function describeSite(site) {
  console.log(
    `Demo site: ${site.httpsUrl(DEMO_HOST)} and ${site.httpUrl(DEMO_HOST)} on 127.0.0.1 ` +
      `(the browser resolves every *.test name to 127.0.0.1).`,
  );
  if (!site.standardPorts) {
    console.log(
      `Ports 443 and 80 are taken or need root, so the demo listens on ${site.httpsPort} (HTTPS) ` +
        `and ${site.httpPort} (HTTP). The demo's links go through plain HTTP, so the extension still ` +
        `sees each redirect to HTTPS, but its own check of http://${DEMO_HOST}/ on port 80 cannot ` +
        'reach the demo.',
    );
  }
}

/**
 * Opens the browser with a window and waits until it exits or the user presses Ctrl-C.
 *
 * @param {DemoSite} site
 * @param {string} browserPath
 * @returns {Promise<number>} exit code
 */
async function openHeaded(site, browserPath) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-demo-'));
  const startUrl = site.httpUrl(DEMO_HOST, '/');
  const child = spawn(
    browserPath,
    [`--user-data-dir=${userDataDir}`, ...extensionBrowserArguments(EXTENSION_PATH), startUrl],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  console.log(`Opened ${startUrl} with the extension loaded. Press Ctrl-C to stop.`);

  /** @type {Promise<number>} */
  const exited = new Promise((resolveExit, rejectExit) => {
    child.once('error', (error) =>
      rejectExit(new Error(`Failed to start ${browserPath}: ${error.message}`)),
    );
    child.once('exit', (code, signal) => resolveExit(signal === null ? (code ?? 0) : 0));
  });

  const stop = () => {
    console.log('\nStopping the browser and the demo site …');
    child.kill('SIGTERM');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    const code = await exited;
    console.log(`The browser exited with code ${code}.`);
    return code;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Grades each demo page in headless Chromium and saves a screenshot of its popup.
 *
 * @param {DemoSite} site
 * @param {string} browserPath
 * @param {string} outDir
 * @returns {Promise<number>} exit code
 */
async function takeScreenshots(site, browserPath, outDir) {
  const { chromium } = await import('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-demo-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: browserPath,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...extensionBrowserArguments(EXTENSION_PATH), '--disable-gpu'],
  });
  context.setDefaultTimeout(WAIT_TIMEOUT_MS);

  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    mkdirSync(outDir, { recursive: true });

    for (const name of GRADED_PAGES) {
      const page = await context.newPage();
      await page.goto(site.httpUrl(DEMO_HOST, `/${name}`));
      const tabId = await findTabId(worker, page.url());

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 420, height: 640 });
      await popup.goto(`chrome-extension://${extensionId}/${POPUP_PATH}?tabId=${tabId}`);
      await waitForGrade(popup, page);

      const file = join(outDir, `popup-${name}.png`);
      await popup.screenshot({ path: file, fullPage: true });
      const grade = await popup.getByTestId('grade').textContent();
      const score = await popup.getByTestId('score').textContent();
      console.log(`/${name}: grade ${grade ?? '?'}, ${score ?? 'no score'} -> ${file}`);
    }
    return 0;
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Returns the id of the one tab showing `url`, asking the extension's service worker.
 *
 * @param {import('playwright-core').Worker} worker
 * @param {string} url
 * @returns {Promise<number>}
 */
async function findTabId(worker, url) {
  const ids = await worker.evaluate(async (expectedUrl) => {
    const tabs = await chrome.tabs.query({});
    return tabs
      .filter((tab) => tab.url === expectedUrl)
      .flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
  }, url);
  const [id] = ids;
  if (ids.length !== 1 || id === undefined) {
    throw new Error(`Expected one tab showing ${url}, found ${ids.length}.`);
  }
  return id;
}

/**
 * Waits until the popup shows a grade. A page loaded before the service worker's listeners
 * were ready is not recorded: it is reloaded once, and the popup updates when the record lands.
 *
 * @param {import('playwright-core').Page} popup
 * @param {import('playwright-core').Page} page
 */
async function waitForGrade(popup, page) {
  const grade = popup.getByTestId('grade');
  const notRecorded = popup.locator('[data-state="not-recorded"]');
  await grade.or(notRecorded).first().waitFor();
  if (await notRecorded.isVisible()) {
    await page.reload();
    await grade.waitFor();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (/** @type {unknown} */ error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
