// Helpers of the specs that prove the fixes on real servers. They launch one extension browser
// per spec file, grade a page in a new tab, read the fix that the popup shows for a stack, and
// compare two reports check by check.

import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';

import type { CheckId, CheckResult, Fix, Report, Verdict } from '../src/scoring/types';

import { extensionBrowserArguments, findBrowser } from './browser.mjs';
import {
  EXTENSION_PATH,
  checkRow,
  openPopup,
  serviceWorkerOf,
  tabIdOf,
  waitForFirstRecord,
  waitForGradedReport,
} from './fixtures';

export { expect };

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
}

/**
 * The test type of the proof specs. `extensionBrowser` is launched once per worker, so a spec
 * file reuses one browser for all its tests. Each test clears the cookies it set.
 */
export const test = base.extend<object, { extensionBrowser: ExtensionBrowser }>({
  extensionBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      if (!existsSync(join(EXTENSION_PATH, 'manifest.json'))) {
        throw new Error(`No built extension in ${EXTENSION_PATH}: run \`npm run build\` first.`);
      }
      const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-proof-'));
      const context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: findBrowser().path,
        headless: true,
        ignoreHTTPSErrors: true,
        args: [...extensionBrowserArguments(EXTENSION_PATH), '--disable-gpu'],
      });
      try {
        const worker = await serviceWorkerOf(context);
        await use({ context, extensionId: new URL(worker.url()).host });
      } finally {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
});

/** Loads `url` until the recorder grades it, as the shared fixtures do. */
export async function waitUntilRecording(browser: ExtensionBrowser, url: string): Promise<void> {
  await waitForFirstRecord(browser.context, url);
}

export interface GradedTab {
  page: Page;
  popup: Page;
  report: Report;
  close: () => Promise<void>;
}

/**
 * Opens a new tab, lets `visit` navigate it (a `goto`, or a sign-in), then opens the popup
 * for the tab and returns the report it shows.
 */
export async function gradeTab(
  browser: ExtensionBrowser,
  visit: (page: Page) => Promise<void>,
): Promise<GradedTab> {
  const page = await browser.context.newPage();
  await visit(page);
  const tabId = await tabIdOf(browser.context, page);
  const popup = await openPopup(browser.context, browser.extensionId, tabId);
  const { report } = await waitForGradedReport(popup, tabId);
  return {
    page,
    popup,
    report,
    close: async () => {
      await popup.close();
      await page.close();
    },
  };
}

export interface ShownFix {
  /** The stack whose tab the popup selects first: the detected stack. */
  firstStack: string | null;
  where: string;
  code: string;
}

/** Expands a check's row in the popup, selects a stack's tab and reads its place and code. */
export async function readShownFix(
  popup: Page,
  checkId: CheckId,
  stack: Fix['stack'],
): Promise<ShownFix> {
  const row = checkRow(popup, checkId);
  await row.locator('.check-toggle').click();
  const panel = row.getByRole('tabpanel');
  const firstStack = await panel.getAttribute('data-stack');
  await row.locator(`[role="tab"][id$="-tab-${stack}"]`).click();
  await expect(panel).toHaveAttribute('data-stack', stack);
  const where = (await panel.locator('.fix-where').textContent()) ?? '';
  const code = (await panel.locator('pre').textContent()) ?? '';
  return { firstStack, where, code };
}

/** Returns a check's result from a report, failing the test when the check is absent. */
export function resultOf(report: Report, checkId: CheckId): CheckResult {
  const result = report.checks.find((check) => check.id === checkId);
  if (result === undefined) {
    throw new Error(`The report has no ${checkId} check.`);
  }
  return result;
}

const VERDICT_SEVERITY: Readonly<Record<Verdict, number>> = {
  pass: 0,
  'n/a': 0,
  info: 1,
  warn: 2,
  fail: 3,
};

/**
 * Lists the checks whose verdict got worse from `before` to `after`, or kept the verdict
 * with a smaller modifier. A check that was `n/a` before did not apply then, so it has no
 * verdict to compare.
 */
export function worsenedChecks(before: Report, after: Report): string[] {
  const worsened: string[] = [];
  for (const earlier of before.checks) {
    if (earlier.verdict === 'n/a') {
      continue;
    }
    const later = after.checks.find((check) => check.id === earlier.id);
    if (later === undefined) {
      worsened.push(`${earlier.id}: missing from the second report`);
      continue;
    }
    const moreSevere = VERDICT_SEVERITY[later.verdict] > VERDICT_SEVERITY[earlier.verdict];
    const smallerModifier = later.verdict === earlier.verdict && later.modifier < earlier.modifier;
    if (moreSevere || smallerModifier) {
      worsened.push(
        `${earlier.id}: ${earlier.verdict} (${earlier.outcome}, ${earlier.modifier}) became ` +
          `${later.verdict} (${later.outcome}, ${later.modifier}): ${later.evidence}`,
      );
    }
  }
  return worsened;
}

/** Summarises a report's verdicts for failure messages. */
export function describeReport(report: Report): string {
  return report.checks
    .map((check) => `${check.id}: ${check.verdict} (${check.outcome}) ${check.evidence}`)
    .join('\n');
}

export interface FixProof {
  browser: ExtensionBrowser;
  checkId: CheckId;
  /** The stack whose fix is applied. */
  stack: Fix['stack'];
  /** The stack the popup should select first, when the page lets the extension detect it. */
  detectedStack?: Fix['stack'];
  /** What the fix's place text must name, so that the test puts the code in the place it names. */
  where: RegExp;
  /** The verdict and outcome the check must reach after the fix. */
  expected: { verdict: Verdict; outcome?: string };
  /** Navigates a new tab to the graded page. */
  visit: (page: Page) => Promise<void>;
  /** Starts or restarts the server in the failing configuration. */
  startFailing: () => Promise<void>;
  /** Puts the shown code into the configuration and restarts what it changes. */
  applyFix: (fix: ShownFix) => Promise<void>;
  /** The server's configuration, for failure messages. */
  describeServer: () => string;
}

/**
 * Grades the page in its failing configuration, reads the fix the popup shows for the stack,
 * applies it, grades the page again, and expects the check to reach the expected verdict with
 * no other check's verdict getting worse.
 */
export async function proveFix(
  proof: FixProof,
): Promise<{ before: Report; after: Report; fix: ShownFix }> {
  const { browser, checkId } = proof;

  await proof.startFailing();
  await browser.context.clearCookies();
  const failing = await gradeTab(browser, proof.visit);
  const before = failing.report;
  expect(
    resultOf(before, checkId).verdict,
    `${checkId} should not pass in the failing configuration:\n${describeReport(before)}`,
  ).not.toBe('pass');
  const fix = await readShownFix(failing.popup, checkId, proof.stack);
  await failing.close();

  if (proof.detectedStack !== undefined) {
    expect(fix.firstStack, 'the popup should show the detected stack first').toBe(
      proof.detectedStack,
    );
  }
  expect(fix.where, 'the place the fix names').toMatch(proof.where);

  await proof.applyFix(fix);
  await browser.context.clearCookies();
  const fixed = await gradeTab(browser, proof.visit);
  const after = fixed.report;
  await fixed.close();

  const result = resultOf(after, checkId);
  const context = `\nApplied fix:\n${fix.code}\n\nReport after the fix:\n${describeReport(after)}\n\n${proof.describeServer()}`;
  expect(result.verdict, `${checkId} after the fix${context}`).toBe(proof.expected.verdict);
  if (proof.expected.outcome !== undefined) {
    expect(result.outcome, `${checkId} outcome after the fix${context}`).toBe(
      proof.expected.outcome,
    );
  }
  expect(worsenedChecks(before, after), `checks that got worse${context}`).toEqual([]);
  return { before, after, fix };
}

/**
 * Turns off the extension's redirect probe, as a user can in the options page. Tests do this
 * when their server is not on port 80, where the probe would reach another server or none.
 */
export async function turnOffRedirectProbe(browser: ExtensionBrowser): Promise<void> {
  const worker = await serviceWorkerOf(browser.context);
  await worker.evaluate(() =>
    chrome.storage.sync.set({
      settings: { redirectProbe: false, sessionCookieNames: [], csrfCookieNames: [] },
    }),
  );
}
