import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import { emitTabUpdated, fakeBrowser, resetFakeBrowser } from './testing/fake-browser';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('./testing/fake-browser')).fakeBrowser,
}));

const { browserConnector, isTabStorageKey, tabIdFromQuery } = await import('./connector');

beforeEach(() => {
  resetFakeBrowser();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('tabIdFromQuery', () => {
  test.each([
    ['?tabId=42', 42],
    ['?view=full&tabId=7', 7],
    ['?tabId=0', 0],
    ['', undefined],
    ['?tabId=', undefined],
    ['?tabId=-3', undefined],
    ['?tabId=4.5', undefined],
    ['?tabId=12abc', undefined],
  ])('%j gives %j', (search, expected) => {
    expect(tabIdFromQuery(search)).toBe(expected);
  });
});

describe('isTabStorageKey', () => {
  test.each([
    ['tab:42', 42, true],
    ['tab-42', 42, true],
    ['42', 42, true],
    ['tab:420', 42, false],
    ['tab:142', 42, false],
    ['settings', 42, false],
  ])('%j for tab %i is %j', (key, tabId, expected) => {
    expect(isTabStorageKey(key, tabId)).toBe(expected);
  });
});

describe('browserConnector', () => {
  test('activeTabId prefers the tabId query parameter', async () => {
    vi.stubGlobal('location', { search: '?tabId=9' });
    fakeBrowser.tabs.activeTabs = [{ id: 3 }];

    expect(await browserConnector.activeTabId()).toBe(9);
  });

  test('activeTabId falls back to the active tab', async () => {
    vi.stubGlobal('location', { search: '' });
    fakeBrowser.tabs.activeTabs = [{ id: 3 }];

    expect(await browserConnector.activeTabId()).toBe(3);
  });

  test('activeTabId reads the inspected tab in DevTools', async () => {
    vi.stubGlobal('location', { search: '' });
    vi.stubGlobal('chrome', { devtools: { inspectedWindow: { tabId: 14 } } });
    fakeBrowser.tabs.activeTabs = [{ id: 3 }];

    expect(await browserConnector.activeTabId()).toBe(14);
  });

  test('activeTabId is undefined without an active tab', async () => {
    vi.stubGlobal('location', { search: '' });

    expect(await browserConnector.activeTabId()).toBeUndefined();
  });

  test('getTabReport sends the typed request', async () => {
    const tabReport = { state: 'unsupported', url: 'chrome://extensions/' };
    fakeBrowser.runtime.respond = () => tabReport;

    expect(await browserConnector.getTabReport(5)).toEqual(tabReport);
    expect(fakeBrowser.runtime.sentMessages).toEqual([{ type: 'get-tab-report', tabId: 5 }]);
  });

  test('getTabLog sends the typed request', async () => {
    const log = { navigationId: '10', pageUrl: 'https://shop.example.test/' };
    fakeBrowser.runtime.respond = () => log;

    expect(await browserConnector.getTabLog(5)).toEqual(log);
    expect(fakeBrowser.runtime.sentMessages).toEqual([{ type: 'get-tab-log', tabId: 5 }]);
  });

  test('getTabLog rejects an empty response', async () => {
    await expect(browserConnector.getTabLog(5)).rejects.toThrow(
      'the background service worker sent no response',
    );
  });

  test('getTabReport rejects an empty response', async () => {
    await expect(browserConnector.getTabReport(5)).rejects.toThrow(
      'the background service worker sent no response',
    );
  });

  test('subscribe fires on the tab session key only', async () => {
    const listener = vi.fn();
    browserConnector.subscribe(42, listener);

    await fakeBrowser.storage.session.set({ 'tab:420': {} });
    await fakeBrowser.storage.sync.set({ 'tab:42': {} });
    expect(listener).not.toHaveBeenCalled();

    await fakeBrowser.storage.session.set({ 'tab:42': {} });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('subscribe fires on the load history key', async () => {
    const listener = vi.fn();
    browserConnector.subscribe(42, listener);

    await fakeBrowser.storage.session.set({ 'load-history': [] });

    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('subscribe fires on a patched-fork mark', async () => {
    const listener = vi.fn();
    browserConnector.subscribe(42, listener);

    await fakeBrowser.storage.session.set({ silencedLibraries: {} });
    expect(listener).not.toHaveBeenCalled();

    await browserConnector.setLibrarySilenced('https://shop.example.test/', 'jquery', true);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('patched-fork marks are read per origin', async () => {
    await browserConnector.setLibrarySilenced('https://shop.example.test/cart', 'jquery', true);

    expect(await browserConnector.getSilencedLibraries('https://shop.example.test/')).toEqual([
      'jquery',
    ]);
    expect(await browserConnector.getSilencedLibraries('https://blog.example.test/')).toEqual([]);
  });

  test('subscribe fires when the tab completes loading', () => {
    const listener = vi.fn();
    browserConnector.subscribe(42, listener);

    emitTabUpdated(42, { status: 'loading' });
    emitTabUpdated(41, { status: 'complete' });
    expect(listener).not.toHaveBeenCalled();

    emitTabUpdated(42, { status: 'complete' });
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test('unsubscribe removes both listeners', async () => {
    const listener = vi.fn();
    const unsubscribe = browserConnector.subscribe(42, listener);

    unsubscribe();
    await fakeBrowser.storage.session.set({ 'tab:42': {} });
    emitTabUpdated(42, { status: 'complete' });

    expect(listener).not.toHaveBeenCalled();
  });

  test('reloadTab and openOptionsPage call the browser', async () => {
    await browserConnector.reloadTab(8);
    await browserConnector.openOptionsPage();

    expect(fakeBrowser.tabs.reloaded).toEqual([8]);
    expect(fakeBrowser.runtime.optionsPageOpenings).toBe(1);
    expect(browserConnector.optionsPageUrl()).toBe(
      'chrome-extension://fake-extension-id/src/options/index.html',
    );
  });
});
