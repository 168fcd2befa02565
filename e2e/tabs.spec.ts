// Per-tab records: kept apart per tab, removed with the tab, and kept across a restart of
// the service worker.

import { LOAD_HISTORY_STORAGE_KEY } from '../src/shared/messages';

import {
  expect,
  openAndGrade,
  readSessionStorage,
  stopServiceWorker,
  test,
  waitForGradedReport,
} from './fixtures';

test('two tabs are graded independently', async ({ context, extensionId, site }) => {
  const hardened = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('tab-a.test', '/hardened'),
  );
  const weak = await openAndGrade(context, extensionId, site.httpsUrl('tab-b.test', '/weak'));

  expect(hardened.tabId).not.toBe(weak.tabId);
  await expect(hardened.popup.getByTestId('grade')).toHaveText('A+');
  await expect(hardened.popup.getByTestId('url')).toHaveText(
    'https://tab-a.test' + urlPort(site.httpsPort) + '/hardened',
  );
  await expect(weak.popup.getByTestId('grade')).toHaveText('F');
  await expect(weak.popup.getByTestId('url')).toHaveText(
    'https://tab-b.test' + urlPort(site.httpsPort) + '/weak',
  );

  // Reloading one tab leaves the other tab's record as it was.
  await weak.page.reload();
  await hardened.popup.reload();
  await expect(hardened.popup.getByTestId('grade')).toHaveText('A+');
});

test('closing a tab removes its record', async ({ context, extensionId, site }) => {
  const url = site.httpsUrl('closed.test', '/hardened');
  const { page, popup, tabId } = await openAndGrade(context, extensionId, url);
  await waitForGradedReport(popup, tabId);
  // Tab records are stored under keys that end with the tab id, such as `tab:42`.
  const tabKeys = async (): Promise<string[]> =>
    Object.keys(await readSessionStorage(context)).filter((key) =>
      new RegExp(`(^|\\D)${tabId}$`).test(key),
    );
  const keysMentioningPage = async (): Promise<string[]> =>
    Object.entries(await readSessionStorage(context))
      .filter(([, value]) => JSON.stringify(value).includes('https://closed.test'))
      .map(([key]) => key);

  expect(await tabKeys()).not.toEqual([]);

  await page.close();

  await expect.poll(tabKeys, { message: `storage.session should forget tab ${tabId}` }).toEqual([]);
  // Only the history of page loads, kept per URL for the whole browser session, may still
  // name the page.
  expect(await keysMentioningPage()).toEqual([LOAD_HISTORY_STORAGE_KEY]);
});

test('record survives a service worker stop', async ({ context, extensionId, site }) => {
  const before = await openAndGrade(context, extensionId, site.httpsUrl('restart.test', '/review'));
  const { report: reportBefore } = await waitForGradedReport(before.popup, before.tabId);

  const { restarted } = await stopServiceWorker(context, extensionId);

  // Messaging the background starts the worker again, with nothing in memory: the report
  // must come from the stored record.
  const { report: reportAfter } = await waitForGradedReport(before.popup, before.tabId);
  await restarted;
  expect(reportAfter.url).toBe(reportBefore.url);
  expect(reportAfter.score).toBe(reportBefore.score);
  expect(reportAfter.grade).toBe(reportBefore.grade);

  // The new worker records new navigations too.
  const after = await openAndGrade(
    context,
    extensionId,
    site.httpsUrl('restart-after.test', '/weak'),
  );
  await expect(after.popup.getByTestId('grade')).toHaveText('F');
});

function urlPort(port: number): string {
  return port === 443 ? '' : `:${port}`;
}
