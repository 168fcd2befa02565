// The one way the extension's pages reach the background service worker and the tab they
// describe. Components receive a `Connector`, so tests can hand them the fake beside this file.

import browser from 'webextension-polyfill';

import {
  LOAD_HISTORY_STORAGE_KEY,
  type ResponseOf,
  type TabLog,
  type TabLogRequest,
  type TabReport,
  type TabReportRequest,
} from '../shared/messages';
import {
  loadSilencedLibraries,
  setLibrarySilenced,
  SILENCED_LIBRARIES_KEY,
  silencedLibrariesFor,
} from '../shared/settings';

export interface Connector {
  /**
   * Returns the id of the tab the page describes: the `?tabId=N` query parameter when present,
   * else the tab that DevTools inspects in a DevTools page, else the active tab of the current
   * window, or undefined when there is none.
   */
  activeTabId(): Promise<number | undefined>;
  /** Requests the tab's report from the background service worker. */
  getTabReport(tabId: number): Promise<TabReport>;
  /** Requests the tab's response log and the earlier loads of its page. */
  getTabLog(tabId: number): Promise<TabLog>;
  /**
   * Calls `listener` whenever the tab's record or report may have changed: its stored record or
   * the load history was written, a library was marked as a patched fork or the mark removed,
   * or the tab finished loading. Returns a function that removes the listener.
   */
  subscribe(tabId: number, listener: () => void): () => void;
  reloadTab(tabId: number): Promise<void>;
  /** Returns the library names marked as a patched fork on the origin of `pageUrl`. */
  getSilencedLibraries(pageUrl: string): Promise<string[]>;
  /**
   * Marks a library as a patched fork on the origin of `pageUrl`, or removes the mark, and
   * returns the origin's marked names afterwards.
   */
  setLibrarySilenced(pageUrl: string, library: string, silenced: boolean): Promise<string[]>;
  /** URL of the options page, for a link that also works with a middle click. */
  optionsPageUrl(): string;
  openOptionsPage(): Promise<void>;
}

/**
 * Reads the `?tabId=N` override from a page URL. A popup page opened in a normal tab is itself
 * the active tab, so tests pass the id of the tab to describe this way.
 */
export function tabIdFromQuery(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tabId');
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

/**
 * Reports whether a `storage.session` key belongs to the tab. The recorder stores one key per
 * tab, named with the tab id at its end (for example `tab:42`).
 */
export function isTabStorageKey(key: string, tabId: number): boolean {
  return new RegExp(`(^|\\D)${tabId}$`).test(key);
}

/** Returns the tab that DevTools inspects, in a DevTools page or panel, else undefined. */
function inspectedTabId(): number | undefined {
  const chromeGlobal = (
    globalThis as { chrome?: { devtools?: { inspectedWindow?: { tabId?: unknown } } } }
  ).chrome;
  const tabId = chromeGlobal?.devtools?.inspectedWindow?.tabId;
  return typeof tabId === 'number' ? tabId : undefined;
}

export const browserConnector: Connector = {
  async activeTabId() {
    const fromQuery = tabIdFromQuery(globalThis.location?.search ?? '');
    if (fromQuery !== undefined) {
      return fromQuery;
    }
    const inspected = inspectedTabId();
    if (inspected !== undefined) {
      return inspected;
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },

  async getTabReport(tabId) {
    const request: TabReportRequest = { type: 'get-tab-report', tabId };
    const response = await browser.runtime.sendMessage<
      TabReportRequest,
      ResponseOf['get-tab-report'] | undefined
    >(request);
    if (response === undefined) {
      throw new Error('the background service worker sent no response');
    }
    return response;
  },

  async getTabLog(tabId) {
    const request: TabLogRequest = { type: 'get-tab-log', tabId };
    const response = await browser.runtime.sendMessage<
      TabLogRequest,
      ResponseOf['get-tab-log'] | undefined
    >(request);
    if (response === undefined) {
      throw new Error('the background service worker sent no response');
    }
    return response;
  },

  subscribe(tabId, listener) {
    const onStorageChanged = (changes: Record<string, unknown>, areaName: string): void => {
      const recordChanged =
        areaName === 'session' &&
        Object.keys(changes).some(
          (key) => isTabStorageKey(key, tabId) || key === LOAD_HISTORY_STORAGE_KEY,
        );
      // A patched-fork mark changes the grade that the worker computes from the record.
      const silencingChanged = areaName === 'sync' && SILENCED_LIBRARIES_KEY in changes;
      if (recordChanged || silencingChanged) {
        listener();
      }
    };
    const onTabUpdated = (updatedTabId: number, changeInfo: { status?: string }): void => {
      if (updatedTabId === tabId && changeInfo.status === 'complete') {
        listener();
      }
    };
    browser.storage.onChanged.addListener(onStorageChanged);
    browser.tabs.onUpdated.addListener(onTabUpdated);
    return () => {
      browser.storage.onChanged.removeListener(onStorageChanged);
      browser.tabs.onUpdated.removeListener(onTabUpdated);
    };
  },

  async reloadTab(tabId) {
    await browser.tabs.reload(tabId);
  },

  async getSilencedLibraries(pageUrl) {
    return silencedLibrariesFor(await loadSilencedLibraries(), pageUrl);
  },

  setLibrarySilenced(pageUrl, library, silenced) {
    return setLibrarySilenced(pageUrl, library, silenced);
  },

  optionsPageUrl() {
    const page = browser.runtime.getManifest().options_ui?.page ?? '';
    return browser.runtime.getURL(page);
  },

  async openOptionsPage() {
    await browser.runtime.openOptionsPage();
  },
};
