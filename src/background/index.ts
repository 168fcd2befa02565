// The service worker: records every tab's document responses, identifies the libraries of
// the scripts they loaded, returns the report a UI requests and keeps each tab's badge
// showing its grade. Every listener is registered
// synchronously at the top level, so the browser can wake the worker for any of its events.

import browser from 'webextension-polyfill';
import type { Runtime, Tabs, WebNavigation, WebRequest } from 'webextension-polyfill';

import { gradeRecord } from '../scoring/index';
import { createLogger } from '../shared/logger';
import {
  isExtensionRequest,
  isPageMarkupMessage,
  LOAD_HISTORY_STORAGE_KEY,
  type TabLog,
  type TabReport,
} from '../shared/messages';
import {
  beforeRedirectOptions,
  extensionOrigin,
  headersReceivedOptions,
  requestInitiatorOrigin,
  sessionStorageArea,
  setBadgeTextColor,
} from '../shared/platform';
import { loadGradeOptions, loadSettings, SILENCED_LIBRARIES_KEY } from '../shared/settings';
import { BadgeScheduler, badgeForGrade } from './badge';
import {
  isDocumentType,
  isNetworkUrl,
  type Parsed,
  parseDocumentRedirect,
  parseDocumentRequest,
  parseDocumentResponse,
  parseHeaders,
  parseSubresource,
  parseSubresourceResponse,
  type RecorderEvent,
  toBrowserCookie,
  toCommitEvent,
} from './events';
import { readLoadHistory, recordLoad } from './load-history';
import { HttpProbeRunner, probeTarget } from './probe';
import {
  applyProbe,
  applyScriptMatches,
  applySubresourceBatch,
  claimProbe,
  reduceTab,
  type ScriptMatch,
  type SubresourceItem,
} from './reducer';
import { ScriptScanner } from './script-scan';
import { buildTabLog } from './tab-log';
import { buildTabReport, isSupportedPageUrl } from './tab-report';
import { isTabState, type TabState, topRecordForGrading } from './tab-state';
import { type LogContext, TabStore, type TabUpdate } from './tab-store';

const logger = createLogger('background');
const sessionArea = sessionStorageArea();
const store = new TabStore<TabState>({ area: sessionArea, logger, isState: isTabState });
const probes = new HttpProbeRunner((input, init) => fetch(input, init));
const badges = new BadgeScheduler(refreshBadge);
const ownOrigin = extensionOrigin();
const scripts = new ScriptScanner({
  read: (tabId) => store.read(tabId),
  store: storeScriptMatches,
  fetchBody: (input, init) => fetch(input, init),
  logger,
});
// Tabs whose top document finished loading: scripts that load later are matched right away.
// NOTE: the set lives in memory, so after a worker restart a script that loads late waits for
// the tab's next completed document.
const loadedTabs = new Set<number>();

const ALL_URLS: WebRequest.RequestFilter = { urls: ['<all_urls>'] };
const DOCUMENTS: WebRequest.RequestFilter = {
  urls: ['<all_urls>'],
  types: ['main_frame', 'sub_frame'],
};
// The probe is the worker's own request, so it belongs to no tab.
const PROBES: WebRequest.RequestFilter = { urls: ['http://*/*'], tabId: -1 };

browser.webRequest.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS);
browser.webRequest.onHeadersReceived.addListener(
  onHeadersReceived,
  DOCUMENTS,
  headersReceivedOptions(),
);
// NOTE: `extraHeaders` on every request costs Chromium an extra step per response, but the
// response log needs it to show `Set-Cookie` and the other headers Chromium hides without it.
browser.webRequest.onHeadersReceived.addListener(
  onSubresourceHeadersReceived,
  ALL_URLS,
  headersReceivedOptions(),
);
browser.webRequest.onBeforeRedirect.addListener(
  onBeforeRedirect,
  DOCUMENTS,
  beforeRedirectOptions(),
);
browser.webRequest.onResponseStarted.addListener(onResponseStarted, {
  urls: ['<all_urls>'],
  types: ['main_frame'],
});
browser.webRequest.onHeadersReceived.addListener(onProbeResponse, PROBES, headersReceivedOptions());
browser.webRequest.onBeforeRedirect.addListener(onProbeResponse, PROBES, beforeRedirectOptions());
browser.webNavigation.onCommitted.addListener(onCommitted);
browser.webNavigation.onCompleted.addListener(onCompleted);
browser.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));
browser.tabs.onReplaced.addListener((_addedTabId, removedTabId) => forgetTab(removedTabId));
browser.tabs.onUpdated.addListener(onTabUpdated);
browser.runtime.onMessage.addListener(onMessage);
browser.storage.onChanged.addListener(onStorageChanged);

function onBeforeRequest(details: WebRequest.OnBeforeRequestDetailsType): void {
  if (details.tabId < 0 || !isNetworkUrl(details.url)) {
    return;
  }
  if (isDocumentType(details.type)) {
    if (details.type === 'main_frame' && details.frameId === 0) {
      loadedTabs.delete(details.tabId);
    }
    recordEvent(details, parseDocumentRequest(details));
    return;
  }
  const subresource = accept(details, parseSubresource(details));
  if (subresource !== undefined) {
    recordSubresource(details.tabId, { kind: 'request', ...subresource });
  }
}

function onSubresourceHeadersReceived(details: WebRequest.OnHeadersReceivedDetailsType): void {
  if (details.tabId < 0 || isDocumentType(details.type) || !isNetworkUrl(details.url)) {
    return;
  }
  const response = accept(details, parseSubresourceResponse(details));
  if (response !== undefined) {
    recordSubresource(details.tabId, { kind: 'response', ...response });
    if (response.type === 'script' && loadedTabs.has(details.tabId)) {
      scripts.schedule(details.tabId);
    }
  }
}

/** Queues a subresource event; events that arrive together are written in one update. */
function recordSubresource(tabId: number, item: SubresourceItem): void {
  void store
    .updateBatched(tabId, item, applySubresourceBatch, describeBatch)
    .then((update) => afterUpdate(tabId, update));
}

function onHeadersReceived(details: WebRequest.OnHeadersReceivedDetailsType): void {
  if (details.tabId >= 0) {
    recordEvent(details, parseDocumentResponse(details));
  }
}

function onBeforeRedirect(details: WebRequest.OnBeforeRedirectDetailsType): void {
  if (details.tabId >= 0) {
    recordEvent(details, parseDocumentRedirect(details));
  }
}

function onResponseStarted(details: WebRequest.OnResponseStartedDetailsType): void {
  if (details.tabId >= 0 && details.frameId === 0) {
    void startProbe(details.tabId, details.requestId);
  }
}

function onProbeResponse(
  details: WebRequest.OnHeadersReceivedDetailsType | WebRequest.OnBeforeRedirectDetailsType,
): void {
  if (details.tabId !== -1 || requestInitiatorOrigin(details) !== ownOrigin) {
    return;
  }
  if (!probes.isProbing(details.url)) {
    return;
  }
  const headers = parseHeaders(details.responseHeaders);
  probes.observe(details.url, {
    status: details.statusCode,
    headers: headers.ok ? headers.value : [],
    ...('redirectUrl' in details ? { redirectUrl: details.redirectUrl } : {}),
  });
}

function onCommitted(details: WebNavigation.OnCommittedDetailsType): void {
  if (details.tabId < 0 || details.frameId !== 0) {
    return;
  }
  void dispatch(details.tabId, toCommitEvent(details), {
    frameId: details.frameId,
    url: details.url,
  });
}

function onCompleted(details: WebNavigation.OnCompletedDetailsType): void {
  if (details.tabId < 0 || !/^https?:/.test(details.url)) {
    return;
  }
  void readCookies(details.tabId, details.frameId, details.url);
  if (details.frameId === 0) {
    loadedTabs.add(details.tabId);
  }
  scripts.schedule(details.tabId);
}

function onTabUpdated(tabId: number, changeInfo: Tabs.OnUpdatedChangeInfoType): void {
  if (changeInfo.url !== undefined && !isSupportedPageUrl(changeInfo.url)) {
    void store
      .update(tabId, () => undefined, { url: changeInfo.url })
      .then((update) => {
        afterUpdate(tabId, update);
      });
  }
}

/** Regrades every tab's badge when the user silences a library or takes the mark back. */
function onStorageChanged(changes: Record<string, unknown>, areaName: string): void {
  if (areaName !== 'sync' || !(SILENCED_LIBRARIES_KEY in changes)) {
    return;
  }
  browser.tabs.query({}).then(
    (tabs) => {
      for (const tab of tabs) {
        if (tab.id !== undefined) {
          badges.schedule(tab.id);
        }
      }
    },
    (error: unknown) => logger.error('Listing the tabs to update their badges failed', error),
  );
}

function onMessage(message: unknown, sender: Runtime.MessageSender): Promise<unknown> | undefined {
  if (isExtensionRequest(message)) {
    return message.type === 'get-tab-log' ? tabLog(message.tabId) : tabReport(message.tabId);
  }
  if (isPageMarkupMessage(message)) {
    const tabId = sender.tab?.id;
    if (tabId === undefined || sender.frameId !== 0) {
      logger.warn('Ignoring page markup not sent by a top-level document', {
        tabId,
        frameId: sender.frameId,
        url: message.url,
      });
      return undefined;
    }
    const event: RecorderEvent = {
      kind: 'page-markup',
      url: message.url,
      html: message.html,
      plainHttpRequests: message.plainHttpRequests,
    };
    return dispatch(tabId, event, { url: message.url });
  }
  return undefined;
}

/** Applies a parsed `webRequest` event to its tab, or logs why the details were malformed. */
function recordEvent(
  details: { tabId: number; requestId: string },
  parsed: Parsed<RecorderEvent>,
): void {
  const event = accept(details, parsed);
  if (event !== undefined) {
    void dispatch(details.tabId, event, { requestId: details.requestId });
  }
}

function accept<T>(
  details: { tabId: number; requestId: string },
  parsed: Parsed<T>,
): T | undefined {
  if (parsed.ok) {
    return parsed.value;
  }
  logger.warn(`Ignoring malformed request details: ${parsed.problem}`, {
    tabId: details.tabId,
    requestId: details.requestId,
  });
  return undefined;
}

async function dispatch(tabId: number, event: RecorderEvent, context: LogContext): Promise<void> {
  const update = await store.update(tabId, (state) => reduceTab(state, event), context);
  afterUpdate(tabId, update);
}

function afterUpdate(tabId: number, update: TabUpdate<TabState>): void {
  if (update.previous?.top !== update.next?.top) {
    badges.schedule(tabId);
  }
}

function describeBatch(items: SubresourceItem[]): LogContext {
  return { requestIds: items.slice(0, 10).map((item) => item.requestId), count: items.length };
}

function forgetTab(tabId: number): void {
  badges.cancel(tabId);
  scripts.forget(tabId);
  loadedTabs.delete(tabId);
  void store.remove(tabId);
}

async function readCookies(tabId: number, frameId: number, url: string): Promise<void> {
  let cookies;
  try {
    cookies = await browser.cookies.getAll({ url });
  } catch (error) {
    logger.error('Reading the cookies of a document failed', error, { tabId, frameId, url });
    return;
  }
  const event: RecorderEvent = {
    kind: 'cookies-read',
    frameId,
    url,
    cookies: cookies.map(toBrowserCookie),
  };
  await dispatch(tabId, event, { frameId, url });
  if (frameId === 0) {
    await saveLoad(tabId);
  }
}

/** Stores the libraries matched in a tab's scripts, and regrades its page when they changed. */
async function storeScriptMatches(
  tabId: number,
  matches: ReadonlyMap<string, ScriptMatch>,
): Promise<void> {
  const update = await store.update(tabId, (state) => applyScriptMatches(state, matches), {
    scripts: matches.size,
  });
  afterUpdate(tabId, update);
  if (update.previous?.top !== update.next?.top) {
    await saveLoad(tabId);
  }
}

/** Sends the HTTPS-redirect probe for a tab's new top document, when one applies. */
async function startProbe(tabId: number, requestId: string): Promise<void> {
  let probeEnabled: boolean;
  try {
    probeEnabled = (await loadSettings()).redirectProbe;
  } catch (error) {
    logger.error('Reading the settings failed; the probe is not sent', error, { tabId, requestId });
    return;
  }

  const claimed: { url: string | null } = { url: null };
  const claim = await store.update(
    tabId,
    (state) => {
      const result = claimProbe(state, requestId, probeEnabled, probeTarget);
      claimed.url = result.url;
      return result.state;
    },
    { requestId },
  );
  afterUpdate(tabId, claim);
  if (claimed.url === null) {
    return;
  }

  const probe = await probes.run(claimed.url);
  const update = await store.update(tabId, (state) => applyProbe(state, requestId, probe), {
    requestId,
  });
  afterUpdate(tabId, update);
  if (update.next !== update.previous) {
    await saveLoad(tabId);
  }
}

// Writes of the load history run one after another, because each reads the history first.
let historyWrites: Promise<void> = Promise.resolve();

/**
 * Grades the tab's loaded top document and stores the report in the load history, replacing
 * the snapshot of the same load when the page was graded before.
 */
function saveLoad(tabId: number): Promise<void> {
  historyWrites = historyWrites.then(async () => {
    try {
      const state = await store.read(tabId);
      if (state === undefined || !state.top.responded || !state.committed) {
        return;
      }
      const record = topRecordForGrading(state);
      const report = gradeRecord(record, await loadGradeOptions(record.url));
      const stored = (await sessionArea.get(LOAD_HISTORY_STORAGE_KEY))[LOAD_HISTORY_STORAGE_KEY];
      const history = recordLoad(readLoadHistory(stored), state.top.requestId, report, Date.now());
      await sessionArea.set({ [LOAD_HISTORY_STORAGE_KEY]: history });
    } catch (error) {
      logger.error('Saving the load history failed', error, { tabId });
    }
  });
  return historyWrites;
}

async function tabLog(tabId: number): Promise<TabLog> {
  const [state, stored] = await Promise.all([
    store.read(tabId),
    sessionArea.get(LOAD_HISTORY_STORAGE_KEY),
  ]);
  const gradeOptions = await loadGradeOptions(state?.top.record.url ?? '');
  return buildTabLog(state, readLoadHistory(stored[LOAD_HISTORY_STORAGE_KEY]), gradeOptions);
}

async function tabReport(tabId: number): Promise<TabReport> {
  const tab = await browser.tabs.get(tabId);
  const tabUrl = tab.url ?? '';
  const [state, gradeOptions] = await Promise.all([store.read(tabId), loadGradeOptions(tabUrl)]);
  return buildTabReport(tabUrl, state, gradeOptions);
}

async function refreshBadge(tabId: number): Promise<void> {
  try {
    const state = await store.read(tabId);
    if (state === undefined || !state.top.responded) {
      await browser.action.setBadgeText({ tabId, text: '' });
      return;
    }
    const record = topRecordForGrading(state);
    const report = gradeRecord(record, await loadGradeOptions(record.url));
    const badge = badgeForGrade(report.grade);
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.backgroundColor }),
      setBadgeTextColor(tabId, badge.textColor),
    ]);
  } catch (error) {
    // Most often the tab was closed while the update was waiting.
    logger.error('Updating the badge failed', error, { tabId });
  }
}
