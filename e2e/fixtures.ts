// Playwright fixtures: the demo site on loopback, headless Chromium with the built extension
// loaded, and helpers that reach the extension's service worker and popup.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Worker,
} from '@playwright/test';

import type { CheckId } from '../src/scoring/types';
import type { TabReport, TabReportRequest } from '../src/shared/messages';

import { extensionBrowserArguments, findBrowser } from './browser.mjs';
import { DEMO_PAGES, renderDocument, type PageSet } from './servers/demo-pages.mjs';
import { startDemoSite, type DemoSite } from './servers/demo-site.mjs';

export { expect };

/** The built extension that the tests load. `npm run test:e2e` builds it first. */
export const EXTENSION_PATH = resolve(import.meta.dirname, '..', 'dist');

const POPUP_PATH = 'src/popup/index.html';
const READY_HOST = 'ready.test';

const READY_PAGES: PageSet = {
  '/': { body: renderDocument({ title: 'Ready', main: '<p>The recorder is running.</p>' }) },
};

export interface ExtensionFixtures {
  /**
   * The demo site, started for each test so that ports 443 and 80 are free again between
   * tests for other servers. Each test can serve its own pages under its own host names.
   */
  site: DemoSite;
  /** The extension's id, read from its service worker's URL. */
  extensionId: string;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  site: async ({}, use, testInfo) => {
    const site = await startDemoSite({ pages: DEMO_PAGES, ports: 'auto' });
    if (!site.standardPorts) {
      testInfo.annotations.push({
        type: 'ports',
        description:
          `The test site listens on ports ${site.httpsPort} (HTTPS) and ${site.httpPort} (HTTP) ` +
          'because ports 443 and 80 are taken or need root, so the redirect probe to ' +
          'http://HOST/ cannot reach it.',
      });
    }
    try {
      await use(site);
    } finally {
      await site.close();
    }
  },

  context: async ({ site }, use, testInfo) => {
    if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
      throw new Error(`No built extension in ${EXTENSION_PATH}: run \`npm run build\` first.`);
    }
    const browser = findBrowser();
    const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-e2e-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browser.path,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [...extensionBrowserArguments(EXTENSION_PATH), '--disable-gpu'],
    });
    try {
      await waitForExtension(context);
      await waitUntilRecording(context, site);
      await use(context);
    } finally {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      testInfo.annotations.push({ type: 'browser', description: browser.path });
    }
  },

  extensionId: async ({ context }, use) => {
    await use(extensionIdOf(await serviceWorkerOf(context)));
  },
});

/** Returns the extension's running service worker, waiting for it to start when none runs. */
export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().find(isExtensionWorker);
  if (running !== undefined) {
    return running;
  }
  return context.waitForEvent('serviceworker', { predicate: isExtensionWorker });
}

/** Maximum wait for the extension's service worker after launch, in milliseconds. */
const EXTENSION_START_TIMEOUT_MS = 10_000;

async function waitForExtension(context: BrowserContext): Promise<void> {
  if (context.serviceWorkers().some(isExtensionWorker)) {
    return;
  }
  try {
    await context.waitForEvent('serviceworker', {
      predicate: isExtensionWorker,
      timeout: EXTENSION_START_TIMEOUT_MS,
    });
  } catch (error) {
    throw new Error(
      `The extension's service worker did not start within ${EXTENSION_START_TIMEOUT_MS} ms. ` +
        `Check that ${EXTENSION_PATH} contains a complete build (npm run build), and that no ` +
        'other build rewrote it while the test ran.',
      { cause: error },
    );
  }
}

function isExtensionWorker(worker: Worker): boolean {
  return worker.url().startsWith('chrome-extension://');
}

function extensionIdOf(worker: Worker): string {
  return new URL(worker.url()).host;
}

/**
 * Finds the id of the tab that shows `page` by asking the service worker's `chrome.tabs`,
 * waiting until exactly one tab has the page's URL.
 */
export async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  const url = page.url();
  let matches: number[] = [];
  await expect
    .poll(
      async () => {
        const worker = await serviceWorkerOf(context);
        matches = await worker.evaluate(async (expectedUrl) => {
          const tabs = await chrome.tabs.query({});
          return tabs
            .filter((tab) => tab.url === expectedUrl)
            .flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
        }, url);
        return matches.length;
      },
      { message: `exactly one tab should show ${url}` },
    )
    .toBe(1);
  return matches[0]!;
}

/** Opens the popup page for one tab as a normal page and waits until it shows a grade. */
export async function openPopup(
  context: BrowserContext,
  extensionId: string,
  tabId: number,
): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/${POPUP_PATH}?tabId=${tabId}`);
  await expect(popup.getByTestId('grade')).toBeVisible();
  return popup;
}

/**
 * Sends `get-tab-report` for a tab from an extension page, as the popup does, and returns
 * the service worker's response.
 */
export async function requestTabReport(extensionPage: Page, tabId: number): Promise<TabReport> {
  return extensionPage.evaluate(
    (id) =>
      chrome.runtime.sendMessage<TabReportRequest, TabReport>({
        type: 'get-tab-report',
        tabId: id,
      }),
    tabId,
  );
}

/** Waits until the recorder has graded the tab, and returns its report. */
export async function waitForGradedReport(
  extensionPage: Page,
  tabId: number,
): Promise<Extract<TabReport, { state: 'graded' }>> {
  let report: TabReport | undefined;
  await expect
    .poll(
      async () => {
        report = await requestTabReport(extensionPage, tabId);
        return report.state;
      },
      { message: `tab ${tabId} should be graded` },
    )
    .toBe('graded');
  return report as Extract<TabReport, { state: 'graded' }>;
}

/** Reads everything the extension keeps in `chrome.storage.session`, through its service worker. */
export async function readSessionStorage(
  context: BrowserContext,
): Promise<Record<string, unknown>> {
  const worker = await serviceWorkerOf(context);
  return worker.evaluate(() => chrome.storage.session.get(null));
}

/** Opens the readiness page on its own host name and waits until the recorder has graded it. */
async function waitUntilRecording(context: BrowserContext, site: DemoSite): Promise<void> {
  site.setPages(READY_HOST, READY_PAGES);
  await waitForFirstRecord(context, site.httpsUrl(READY_HOST, '/'));
}

/**
 * Opens `url` and waits until the recorder has graded it. The first navigation after launch
 * can come before the service worker's `webRequest` listeners are registered, so the page is
 * reloaded until a report exists.
 */
export async function waitForFirstRecord(context: BrowserContext, url: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(context, page);

  const extensionId = extensionIdOf(await serviceWorkerOf(context));
  const extensionPage = await context.newPage();
  await extensionPage.goto(`chrome-extension://${extensionId}/${POPUP_PATH}?tabId=${tabId}`);

  await expect
    .poll(
      async () => {
        const report = await requestTabReport(extensionPage, tabId);
        if (report.state === 'not-recorded') {
          await page.reload();
        }
        return report.state;
      },
      { message: 'the extension should record a first page', timeout: 20_000 },
    )
    .toBe('graded');

  await extensionPage.close();
  await page.close();
}

export interface GradedPage {
  page: Page;
  tabId: number;
  popup: Page;
}

/** Opens `url` in a new tab, then the popup for that tab once it shows a grade. */
export async function openAndGrade(
  context: BrowserContext,
  extensionId: string,
  url: string,
): Promise<GradedPage> {
  const page = await context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(context, page);
  const popup = await openPopup(context, extensionId, tabId);
  return { page, tabId, popup };
}

/** Locates the popup's row of one check. */
export function checkRow(popup: Page, checkId: CheckId): Locator {
  return popup.locator(`[data-check="${checkId}"]`);
}

type WorkerRunningStatus = 'stopped' | 'starting' | 'running' | 'stopping';

/**
 * Stops every service worker of the browser through the DevTools protocol, as the browser
 * does to an idle worker, and resolves once the extension's worker has stopped. Playwright
 * keeps its `Worker` object across the stop, so the protocol's version updates are the
 * signal. The returned promise resolves when the worker runs again, which any extension
 * event or message causes.
 */
export async function stopServiceWorker(
  context: BrowserContext,
  extensionId: string,
): Promise<{ restarted: Promise<void> }> {
  const page = context.pages()[0] ?? (await context.newPage());
  const devtools = await context.newCDPSession(page);
  const scriptPrefix = `chrome-extension://${extensionId}/`;

  const waitForStatus = (status: WorkerRunningStatus): Promise<void> =>
    new Promise((resolveStatus) => {
      devtools.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const reached = versions.some(
          (version) =>
            version.scriptURL.startsWith(scriptPrefix) && version.runningStatus === status,
        );
        if (reached) {
          resolveStatus();
        }
      });
    });

  await devtools.send('ServiceWorker.enable');
  const stopped = waitForStatus('stopped');
  await devtools.send('ServiceWorker.stopAllWorkers');
  await stopped;
  return { restarted: waitForStatus('running') };
}
