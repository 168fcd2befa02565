// Real DevTools: a browser launched with `--auto-open-devtools-for-tabs` runs the extension's
// DevTools page for each tab, which creates the Hardening panel for the inspected tab.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type CDPSession } from '@playwright/test';

import { extensionBrowserArguments, findBrowser } from './browser.mjs';
import { EXTENSION_PATH, expect, serviceWorkerOf, tabIdOf, test } from './fixtures';

/** Evaluates an expression in another target through a non-flattened CDP session. */
async function evaluateInTarget(
  session: CDPSession,
  targetId: string,
  expression: string,
): Promise<unknown> {
  const { sessionId } = await session.send('Target.attachToTarget', { targetId, flatten: false });
  const response = new Promise<string>((resolveMessage) => {
    session.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId === sessionId) {
        resolveMessage(event.message);
      }
    });
  });
  const message = {
    id: 1,
    method: 'Runtime.evaluate',
    params: { expression, returnByValue: true, awaitPromise: true },
  };
  await session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  const parsed = JSON.parse(await response) as { result?: { result?: { value?: unknown } } };
  return parsed.result?.result?.value;
}

test('real DevTools runs the DevTools page for the tab', async ({ site }) => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-devtools-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findBrowser().path,
    headless: true,
    ignoreHTTPSErrors: true,
    args: [
      ...extensionBrowserArguments(EXTENSION_PATH),
      '--disable-gpu',
      '--auto-open-devtools-for-tabs',
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(site.httpsUrl('devtools-open.test', '/'));
    const tabId = await tabIdOf(context, page);
    const worker = await serviceWorkerOf(context);

    await expect
      .poll(async () =>
        worker.evaluate(async () => {
          const contexts = await chrome.runtime.getContexts({
            contextTypes: [chrome.runtime.ContextType.DEVELOPER_TOOLS],
          });
          return contexts.map((devtools) => new URL(devtools.documentUrl ?? '').pathname);
        }),
      )
      .toContain('/src/devtools/devtools.html');

    const session = await context.newCDPSession(page);
    const { targetInfos } = await session.send('Target.getTargets');
    const devtoolsPages = targetInfos.filter((target) =>
      target.url.endsWith('/src/devtools/devtools.html'),
    );
    expect(devtoolsPages.length).toBeGreaterThan(0);
    const inspected = await Promise.all(
      devtoolsPages.map((target) =>
        evaluateInTarget(session, target.targetId, 'chrome.devtools.inspectedWindow.tabId'),
      ),
    );
    expect(inspected).toContain(tabId);

    // NOTE: DevTools lists extension panels in its overflow menu, so this test reads the mark
    // that the DevTools page sets once `devtools.panels.create` succeeded, and does not click
    // the panel's tab in the DevTools window.
    const inspectingPage = devtoolsPages[inspected.indexOf(tabId)];
    await expect
      .poll(async () =>
        evaluateInTarget(
          session,
          inspectingPage?.targetId ?? '',
          'document.documentElement.dataset.panel',
        ),
      )
      .toBe('created');
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
});
