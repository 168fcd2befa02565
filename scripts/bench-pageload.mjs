#!/usr/bin/env node
// @ts-check
// `npm run bench:pageload`: measures the page-load time the extension adds. It serves a
// page of 50 scripts from the demo site on 127.0.0.1. Headless Chromium with the built
// extension and a second Chromium without it load the page in turn, each time on a new host
// name, so that no load finds the scripts in the HTTP cache. With the extension, the script
// also times how long after the load event the worker had matched every script.
/* global chrome -- functions passed to worker.evaluate run in the extension's service worker. */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

import { extensionBrowserArguments, findBrowser } from '../e2e/browser.mjs';
import { DEMO_PAGES, renderDocument } from '../e2e/servers/demo-pages.mjs';
import { startDemoSite } from '../e2e/servers/demo-site.mjs';
import { manyScriptsPages } from '../e2e/servers/library-pages.mjs';

/** @typedef {import('playwright-core').BrowserContext} BrowserContext */
/** @typedef {import('playwright-core').Worker} Worker */

const ROOT = resolve(import.meta.dirname, '..');
const EXTENSION_PATH = join(ROOT, 'dist');

const USAGE = `Usage: npm run bench:pageload [-- --rounds N --scripts N]

Loads a local page of N scripts in headless Chromium with and without the built extension
(dist/), alternating, and prints the median load time of each, their difference, and the
median time the extension's worker took after the load event to match every script.

Options:
  --rounds N    timed loads per browser, after one untimed load each (default: 9)
  --scripts N   scripts on the page (default: 50)
  --help        show this help`;

/** Maximum wait for the worker to match every script of one load, in milliseconds. */
const SCAN_TIMEOUT_MS = 30_000;
/** Time between two reads of the worker's stored state, in milliseconds. */
const POLL_INTERVAL_MS = 25;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '9' },
    scripts: { type: 'string', default: '50' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = positiveInteger(values.rounds, '--rounds');
const scriptCount = positiveInteger(values.scripts, '--scripts');

if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
  throw new Error(`No built extension in ${EXTENSION_PATH}: run \`npm run build\` first.`);
}

const browserPath = findBrowser().path;
const pages = manyScriptsPages(scriptCount);
const site = await startDemoSite({ pages: DEMO_PAGES, ports: 'auto' });
/** @type {string[]} */
const userDataDirs = [];

try {
  const plain = await launch(false);
  const withExtension = await launch(true);
  const worker = await extensionWorker(withExtension);
  // The worker logs every body it could not read; those scripts stay unmatched.
  /** @param {import('playwright-core').ConsoleMessage} message */
  const printWorkerMessage = (message) => console.error(`extension worker: ${message.text()}`);
  worker.on('console', printWorkerMessage);
  await waitForFirstRecord(withExtension, worker);

  /** @type {number[]} */
  const plainTimes = [];
  /** @type {number[]} */
  const extensionTimes = [];
  /** @type {number[]} */
  const scanTimes = [];

  for (let round = 0; round <= rounds; round += 1) {
    const plainLoad = await loadOnce(plain, `plain-${round}`);
    const extensionLoad = await loadOnce(withExtension, `extension-${round}`);
    const scanned = await waitForMatches(worker, extensionLoad.url);
    await extensionLoad.page.close();
    await plainLoad.page.close();
    // The first round warms up both browsers and the worker's compiled database.
    if (round === 0) {
      continue;
    }
    plainTimes.push(plainLoad.loadMs);
    extensionTimes.push(extensionLoad.loadMs);
    scanTimes.push(scanned - extensionLoad.loadEndedAt);
  }

  const plainMedian = median(plainTimes);
  const extensionMedian = median(extensionTimes);
  console.log(
    `page of ${scriptCount} scripts on 127.0.0.1, ${rounds} loads per browser after one warm-up load`,
  );
  console.log(`browser: ${chromiumVersion(browserPath)}, headless`);
  console.log(
    `machine: ${availableParallelism()} logical cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ` +
      `load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}`,
  );
  console.log(`load event, without the extension: median ${plainMedian.toFixed(0)} ms`);
  console.log(`load event, with the extension:    median ${extensionMedian.toFixed(0)} ms`);
  console.log(
    `added by the extension:            ${(extensionMedian - plainMedian).toFixed(0)} ms`,
  );
  console.log(
    `every script matched, after the load event: median ${median(scanTimes).toFixed(0)} ms`,
  );
  console.log(`loads without (ms): ${plainTimes.map((time) => time.toFixed(0)).join(' ')}`);
  console.log(`loads with (ms):    ${extensionTimes.map((time) => time.toFixed(0)).join(' ')}`);
  // Closing the browser closes its tabs while the worker still handles their events.
  worker.off('console', printWorkerMessage);
  await plain.close();
  await withExtension.close();
} finally {
  await site.close();
  for (const dir of userDataDirs) {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Launches headless Chromium with a fresh profile, with or without the extension. Both
 * browsers get the same flags otherwise.
 *
 * @param {boolean} loadExtension
 * @returns {Promise<BrowserContext>}
 */
async function launch(loadExtension) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-bench-'));
  userDataDirs.push(userDataDir);
  const flags = extensionBrowserArguments(EXTENSION_PATH).filter(
    (flag) => loadExtension || !flag.includes('extension'),
  );
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: browserPath,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [...flags, '--disable-gpu'],
  });
}

/**
 * @param {BrowserContext} context
 * @returns {Promise<Worker>}
 */
async function extensionWorker(context) {
  const isExtension = (/** @type {Worker} */ worker) =>
    worker.url().startsWith('chrome-extension://');
  return (
    context.serviceWorkers().find(isExtension) ??
    context.waitForEvent('serviceworker', { predicate: isExtension, timeout: 10_000 })
  );
}

/**
 * Loads a small page until the recorder has stored it, because the first navigation after
 * launch can come before the worker's `webRequest` listeners are registered.
 *
 * @param {BrowserContext} context
 * @param {Worker} worker
 */
async function waitForFirstRecord(context, worker) {
  site.setPages('ready.test', {
    '/': { body: renderDocument({ title: 'Ready', main: '<p>Ready.</p>' }) },
  });
  const page = await context.newPage();
  const url = site.httpsUrl('ready.test', '/');
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await page.goto(url);
    if ((await storedScripts(worker, url)) !== undefined) {
      await page.close();
      return;
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
  throw new Error(`the extension did not record ${url} after 20 loads`);
}

/**
 * Loads the many-scripts page on a new host name and returns its load time: the load
 * event's end in the page's navigation timing.
 *
 * @param {BrowserContext} context
 * @param {string} name  A name for this load, which becomes the host name's first label.
 */
async function loadOnce(context, name) {
  const host = `${name}.pageload.test`;
  site.setPages(host, pages);
  const url = site.httpsUrl(host, '/');
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const loadEndedAt = Date.now();
  const loadMs = await page.evaluate(() => {
    const [navigation] = /** @type {PerformanceNavigationTiming[]} */ (
      performance.getEntriesByType('navigation')
    );
    return navigation === undefined ? Number.NaN : navigation.loadEventEnd - navigation.startTime;
  });
  return { page, url, loadMs, loadEndedAt };
}

/**
 * Waits until the worker has stored a match for every script of the page, and returns
 * when it saw them, in milliseconds since the Unix epoch.
 *
 * @param {Worker} worker
 * @param {string} url
 * @returns {Promise<number>}
 */
async function waitForMatches(worker, url) {
  const deadline = Date.now() + SCAN_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const scripts = await storedScripts(worker, url);
    if (
      scripts !== undefined &&
      scripts.length === scriptCount &&
      scripts.every((script) => script.libraries !== undefined)
    ) {
      return Date.now();
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, POLL_INTERVAL_MS));
  }
  const scripts = await storedScripts(worker, url);
  const matched = scripts?.filter((script) => script.libraries !== undefined).length ?? 0;
  throw new Error(
    `the worker matched ${matched} of the ${scripts?.length ?? 0} scripts recorded for ${url} (${scriptCount} expected) in ${SCAN_TIMEOUT_MS} ms`,
  );
}

/**
 * Returns the scripts stored in the record of the tab that shows `url`, or undefined when
 * no tab's record has that URL.
 *
 * @param {Worker} worker
 * @param {string} url
 * @returns {Promise<Array<{ url: string, libraries?: unknown[] }> | undefined>}
 */
function storedScripts(worker, url) {
  return worker.evaluate(async (pageUrl) => {
    const stored = await chrome.storage.session.get(null);
    for (const [key, value] of Object.entries(stored)) {
      const state =
        /** @type {{ top?: { record?: { url: string, scripts?: Array<{ url: string, libraries?: unknown[] }> } } }} */ (
          value
        );
      const record = key.startsWith('tab:') ? state?.top?.record : undefined;
      if (record?.url === pageUrl) {
        return record.scripts ?? [];
      }
    }
    return undefined;
  }, url);
}

/**
 * @param {string} path
 * @returns {string}
 */
function chromiumVersion(path) {
  try {
    return execFileSync(path, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return path;
  }
}

/**
 * @param {readonly number[]} values
 * @returns {number}
 */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/**
 * @param {string} value
 * @param {string} option
 * @returns {number}
 */
function positiveInteger(value, option) {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`invalid ${option} "${value}": expected a positive integer`);
  }
  return number;
}
