// An in-memory `Connector` for component tests: it serves reports set by the test, records the
// tab reloads, options-page openings and patched-fork marks requested, and fires change
// notifications on demand and after each mark, as storage changes would.

import type { TabLog, TabReport } from '../shared/messages';
import { siteOrigin } from '../shared/settings';

import type { Connector } from './connector';

export interface FakeConnector extends Connector {
  /** Sets the report that the next `getTabReport(tabId)` calls return. */
  setReport(tabId: number, report: TabReport): void;
  /** Sets the log that the next `getTabLog(tabId)` calls return; an empty log until set. */
  setLog(tabId: number, log: TabLog): void;
  /** Makes `getTabReport(tabId)` reject with `error` until a report is set again. */
  failWith(tabId: number, error: Error): void;
  /** Calls the listeners subscribed to the tab, as a recorder write would. */
  notifyChange(tabId: number): void;
  /** Number of listeners currently subscribed to the tab. */
  listenerCount(tabId: number): number;
  readonly reloadedTabs: number[];
  /** The patched-fork marks set through the connector, per page origin. */
  readonly silencedLibraries: Map<string, string[]>;
  readonly reportRequests: number[];
  readonly optionsPageOpenings: number;
}

export function createFakeConnector(options: {
  activeTabId?: number;
  reports?: Record<number, TabReport>;
  logs?: Record<number, TabLog>;
}): FakeConnector {
  const reports = new Map<number, TabReport | Error>(
    Object.entries(options.reports ?? {}).map(([tabId, report]) => [Number(tabId), report]),
  );
  const listeners = new Map<number, Set<() => void>>();
  const reloadedTabs: number[] = [];
  const reportRequests: number[] = [];
  const logs = new Map<number, TabLog>(
    Object.entries(options.logs ?? {}).map(([tabId, log]) => [Number(tabId), log]),
  );
  let optionsPageOpenings = 0;
  const silencedLibraries = new Map<string, string[]>();
  const notifyAll = (): void => {
    for (const tabListeners of listeners.values()) {
      for (const listener of tabListeners) {
        listener();
      }
    }
  };

  return {
    activeTabId() {
      return Promise.resolve(options.activeTabId);
    },

    getTabReport(tabId) {
      reportRequests.push(tabId);
      const report = reports.get(tabId);
      if (report === undefined) {
        return Promise.reject(new Error(`no report set for tab ${tabId}`));
      }
      if (report instanceof Error) {
        return Promise.reject(report);
      }
      return Promise.resolve(report);
    },

    getTabLog(tabId) {
      return Promise.resolve(logs.get(tabId) ?? emptyLog());
    },

    subscribe(tabId, listener) {
      const tabListeners = listeners.get(tabId) ?? new Set();
      tabListeners.add(listener);
      listeners.set(tabId, tabListeners);
      return () => {
        tabListeners.delete(listener);
      };
    },

    reloadTab(tabId) {
      reloadedTabs.push(tabId);
      return Promise.resolve();
    },

    getSilencedLibraries(pageUrl) {
      const origin = siteOrigin(pageUrl);
      return Promise.resolve(origin === undefined ? [] : (silencedLibraries.get(origin) ?? []));
    },

    setLibrarySilenced(pageUrl, library, silenced) {
      const origin = siteOrigin(pageUrl);
      if (origin === undefined) {
        return Promise.reject(new Error(`cannot silence a library for "${pageUrl}"`));
      }
      const others = (silencedLibraries.get(origin) ?? []).filter((name) => name !== library);
      const names = silenced ? [...others, library] : others;
      silencedLibraries.set(origin, names);
      notifyAll();
      return Promise.resolve(names);
    },

    optionsPageUrl() {
      return 'chrome-extension://fake/src/options/index.html';
    },

    openOptionsPage() {
      optionsPageOpenings += 1;
      return Promise.resolve();
    },

    setReport(tabId, report) {
      reports.set(tabId, report);
    },

    setLog(tabId, log) {
      logs.set(tabId, log);
    },

    failWith(tabId, error) {
      reports.set(tabId, error);
    },

    notifyChange(tabId) {
      for (const listener of listeners.get(tabId) ?? []) {
        listener();
      }
    },

    listenerCount(tabId) {
      return listeners.get(tabId)?.size ?? 0;
    },

    reloadedTabs,
    reportRequests,
    silencedLibraries,
    get optionsPageOpenings() {
      return optionsPageOpenings;
    },
  };
}

/** Returns the log of a tab with nothing recorded. */
export function emptyLog(): TabLog {
  return {
    navigationId: null,
    pageUrl: null,
    responses: [],
    droppedResponses: 0,
    frames: [],
    loads: [],
    gradeOptions: {},
  };
}
