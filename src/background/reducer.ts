// Pure updates of a tab's state, one per recorder event. Each returns the state unchanged
// (the same object) when the event does not apply, so the store can skip the write.

import type {
  HeaderPair,
  HttpProbe,
  ResponseRecord,
  ScriptLibrary,
  ScriptRecord,
  SubresourceRecord,
} from '../scoring/types';
import type { RecordedResponse } from '../shared/messages';
import type {
  DocumentType,
  RecorderEvent,
  SubresourceEvent,
  SubresourceResponseEvent,
} from './events';
import {
  type DocumentEntry,
  isSameDocumentUrl,
  MAX_FRAMES,
  MAX_HEADER_BYTES,
  MAX_RESPONSES,
  MAX_SCRIPTS,
  MAX_SUBRESOURCES,
  type TabState,
} from './tab-state';

/** A subresource event waiting in a batch: its request, or its response headers. */
export type SubresourceItem =
  ({ kind: 'request' } & SubresourceEvent) | ({ kind: 'response' } & SubresourceResponseEvent);

export function reduceTab(state: TabState | undefined, event: RecorderEvent): TabState | undefined {
  switch (event.kind) {
    case 'document-request':
      return event.documentType === 'main_frame'
        ? startTopDocument(state, event.requestId, event.frameId, event.url)
        : startFrame(state, event.requestId, event.frameId, event.url);
    case 'document-response':
      return applyResponse(state, event);
    case 'document-redirect':
      return applyRedirect(state, event);
    case 'document-committed':
      return applyCommit(state, event.frameId, event.url, event.documentId);
    case 'cookies-read':
      return updateDocument(state, event.frameId, event.url, (record) => ({
        ...record,
        cookies: event.cookies,
      }));
    case 'page-markup':
      return applyPageMarkup(state, event);
  }
}

/**
 * Adds a page's subresources in the order requested, once per URL and type, up to
 * {@link MAX_SUBRESOURCES}, and counts the rest in the record's `droppedSubresources`.
 */
export function addSubresources(
  state: TabState | undefined,
  events: readonly SubresourceEvent[],
): TabState | undefined {
  return mergeSubresources(
    state,
    events.map((event) => ({ url: event.url, type: event.type })),
  );
}

/**
 * Applies a batch of subresource requests and responses: requests go to the top record's
 * subresources as {@link addSubresources} adds them, responses to the page's response log.
 */
export function applySubresourceBatch(
  state: TabState | undefined,
  items: readonly SubresourceItem[],
): TabState | undefined {
  const requests = items.flatMap((item) =>
    item.kind === 'request' ? [{ url: item.url, type: item.type }] : [],
  );
  const responses = items.flatMap((item) =>
    item.kind === 'response'
      ? [
          toRecordedResponse(
            item.requestId,
            item.frameId,
            item.type,
            item.url,
            item.status,
            item.headers,
          ),
        ]
      : [],
  );
  const scripts = items.flatMap((item) => (item.kind === 'response' ? [item] : []));
  return addScripts(appendResponses(mergeSubresources(state, requests), responses), scripts);
}

/**
 * Lists the scripts that loaded in the record of the document shown in their frame, once per
 * URL and up to {@link MAX_SCRIPTS} per document. A script counts when its response status
 * was 2xx or 304; a redirect's target is listed by its own response. Before the top document's
 * commit, scripts wait in `pendingScripts`, because only the commit identifies the new page.
 */
function addScripts(
  state: TabState | undefined,
  responses: readonly SubresourceResponseEvent[],
): TabState | undefined {
  if (state === undefined) {
    return state;
  }
  const loaded = responses.filter(
    (response) => response.type === 'script' && isLoadedStatus(response.status),
  );
  if (!state.committed) {
    return holdScripts(state, loaded);
  }
  let next = state;
  for (const response of loaded) {
    next = listScript(next, scriptFrameId(next, response), response.url);
  }
  return next;
}

/**
 * Returns the frame of the document that loaded a script: the top frame when the script's
 * `documentId` is the committed top document's, else the reported `frameId`. Chromium 156 was
 * seen to report a top document's first subresources with a nonzero `frameId`.
 */
function scriptFrameId(state: TabState, response: SubresourceResponseEvent): number {
  const documentId = response.documentId;
  return documentId !== undefined && documentId === state.topDocumentId ? 0 : response.frameId;
}

/**
 * Keeps the scripts that arrive between the top document's response and its commit, up to
 * {@link MAX_SCRIPTS}. Chromium can deliver a new page's first script responses before the
 * `webNavigation` commit reaches the worker, while scripts of the previous page may still load.
 */
function holdScripts(state: TabState, responses: readonly SubresourceResponseEvent[]): TabState {
  // Before the new top document's response, every script belongs to the previous page.
  if (!state.top.responded) {
    return state;
  }
  const pending = [...(state.pendingScripts ?? [])];
  for (const response of responses) {
    if (pending.length >= MAX_SCRIPTS) {
      break;
    }
    // Frames of the new page are recorded only after the commit, so without a `documentId` to
    // compare, a frame's script belongs to the previous page.
    if (response.frameId !== 0 && response.documentId === undefined) {
      continue;
    }
    const documentId = response.documentId;
    if (pending.some((held) => held.url === response.url && held.documentId === documentId)) {
      continue;
    }
    pending.push(
      documentId === undefined ? { url: response.url } : { url: response.url, documentId },
    );
  }
  if (pending.length === (state.pendingScripts?.length ?? 0)) {
    return state;
  }
  return { ...state, pendingScripts: pending };
}

/**
 * Lists the held scripts of the committed top document and drops the rest. When the script and
 * the commit both carry a `documentId`, the script is listed only if the ids are equal. Otherwise
 * (Firefox) the script is listed, because it arrived after the new document's response.
 * NOTE: without `documentId`, a script of the previous page that finishes loading between the
 * new document's response and its commit is listed in the new page's record.
 */
function listPendingScripts(state: TabState, documentId: string | undefined): TabState {
  let next = withoutPendingScripts(state);
  for (const script of state.pendingScripts ?? []) {
    const sameDocument =
      documentId === undefined ||
      script.documentId === undefined ||
      script.documentId === documentId;
    if (sameDocument) {
      next = listScript(next, 0, script.url);
    }
  }
  return next;
}

function withoutPendingScripts(state: TabState): TabState {
  const next = { ...state };
  delete next.pendingScripts;
  return next;
}

/** Adds one script to the record of the document shown in a frame, unless listed or full. */
function listScript(state: TabState, frameId: number, url: string): TabState {
  const entry = frameId === 0 ? state.top : state.frames.find((frame) => frame.frameId === frameId);
  if (entry === undefined || !entry.responded) {
    return state;
  }
  const scripts = entry.record.scripts ?? [];
  if (scripts.some((script) => script.url === url)) {
    return state;
  }
  if (scripts.length >= MAX_SCRIPTS) {
    return (
      updateEntry(state, entry.requestId, (found) => ({
        ...found,
        record: { ...found.record, droppedScripts: (found.record.droppedScripts ?? 0) + 1 },
      })) ?? state
    );
  }
  const script: ScriptRecord = { url };
  return (
    updateEntry(state, entry.requestId, (found) => ({
      ...found,
      record: { ...found.record, scripts: [...scripts, script] },
    })) ?? state
  );
}

function isLoadedStatus(status: number): boolean {
  return (status >= 200 && status < 300) || status === 304;
}

/** The libraries found in a script's URL or body, as the record stores them. */
export interface ScriptMatch {
  libraries: ScriptLibrary[];
  /** True when only part of the body was matched: it was cut at the size cap, or matching timed out. */
  incomplete: boolean;
}

/**
 * Stores matched libraries in every listed script of the page and its frames that has a
 * match for its URL and none stored yet.
 */
export function applyScriptMatches(
  state: TabState | undefined,
  matches: ReadonlyMap<string, ScriptMatch>,
): TabState | undefined {
  if (state === undefined || matches.size === 0) {
    return state;
  }
  const withMatches = (entry: DocumentEntry): DocumentEntry => {
    const scripts = entry.record.scripts;
    if (scripts === undefined || !scripts.some((script) => needsMatch(script, matches))) {
      return entry;
    }
    const matched = scripts.map((script) => {
      const match = matches.get(script.url);
      if (match === undefined || script.libraries !== undefined) {
        return script;
      }
      const result: ScriptRecord = { ...script, libraries: match.libraries };
      if (match.incomplete) {
        result.librariesIncomplete = true;
      }
      return result;
    });
    return { ...entry, record: { ...entry.record, scripts: matched } };
  };

  const top = withMatches(state.top);
  const frames = state.frames.map(withMatches);
  if (top === state.top && frames.every((frame, index) => frame === state.frames[index])) {
    return state;
  }
  return { ...state, top, frames };
}

function needsMatch(script: ScriptRecord, matches: ReadonlyMap<string, ScriptMatch>): boolean {
  return script.libraries === undefined && matches.has(script.url);
}

/**
 * Adds responses to the page's log, up to {@link MAX_RESPONSES}, and counts the rest in
 * `droppedResponses`. Before the commit, responses belong to the previous page and are skipped.
 */
function appendResponses(
  state: TabState | undefined,
  additions: readonly RecordedResponse[],
): TabState | undefined {
  if (state === undefined || !state.committed || additions.length === 0) {
    return state;
  }
  return addToLog(state, additions);
}

function addToLog(state: TabState, additions: readonly RecordedResponse[]): TabState {
  const room = Math.max(0, MAX_RESPONSES - state.responses.length);
  const kept = additions.slice(0, room);
  return {
    ...state,
    responses: kept.length === 0 ? state.responses : [...state.responses, ...kept],
    droppedResponses: state.droppedResponses + (additions.length - kept.length),
  };
}

/**
 * Builds a log entry with the header lines that fit in {@link MAX_HEADER_BYTES}, in the order
 * received, and the count of lines left out.
 */
export function toRecordedResponse(
  requestId: string,
  frameId: number,
  type: string,
  url: string,
  status: number,
  headers: readonly HeaderPair[],
): RecordedResponse {
  const kept: HeaderPair[] = [];
  let bytes = 0;
  for (const header of headers) {
    bytes += header[0].length + header[1].length + 4;
    if (bytes > MAX_HEADER_BYTES) {
      break;
    }
    kept.push(header);
  }
  const response: RecordedResponse = { requestId, frameId, type, url, status, headers: kept };
  if (kept.length < headers.length) {
    response.droppedHeaders = headers.length - kept.length;
  }
  return response;
}

function mergeSubresources(
  state: TabState | undefined,
  additions: readonly SubresourceRecord[],
): TabState | undefined {
  if (state === undefined || !state.committed || additions.length === 0) {
    return state;
  }
  const record = state.top.record;
  const subresources = [...(record.subresources ?? [])];
  const seen = new Set(subresources.map(subresourceKey));
  let dropped = record.droppedSubresources ?? 0;

  for (const addition of additions) {
    const subresource: SubresourceRecord = { url: addition.url, type: addition.type };
    const key = subresourceKey(subresource);
    if (seen.has(key)) {
      continue;
    }
    seen.add(key);
    if (subresources.length < MAX_SUBRESOURCES) {
      subresources.push(subresource);
    } else {
      dropped += 1;
    }
  }

  if (
    subresources.length === (record.subresources?.length ?? 0) &&
    dropped === (record.droppedSubresources ?? 0)
  ) {
    return state;
  }
  const nextRecord: ResponseRecord = { ...record, subresources };
  if (dropped > 0) {
    nextRecord.droppedSubresources = dropped;
  }
  return { ...state, top: { ...state.top, record: nextRecord } };
}

/**
 * Marks the top document's probe as requested, once per navigation, and returns the URL to
 * probe. With the probe turned off, the record states `disabled` and no URL is returned.
 */
export function claimProbe(
  state: TabState | undefined,
  requestId: string,
  probeEnabled: boolean,
  target: (record: ResponseRecord) => string | null,
): { state: TabState | undefined; url: string | null } {
  if (state === undefined || state.top.requestId !== requestId || state.probeRequested) {
    return { state, url: null };
  }
  if (!state.top.responded) {
    return { state, url: null };
  }
  const url = target(state.top.record);
  if (url === null) {
    return { state, url: null };
  }
  if (!probeEnabled) {
    const record: ResponseRecord = { ...state.top.record, httpProbe: { state: 'disabled' } };
    return { state: { ...state, probeRequested: true, top: { ...state.top, record } }, url: null };
  }
  return { state: { ...state, probeRequested: true }, url };
}

/** Stores a probe's result, unless the tab has moved on to another top document since. */
export function applyProbe(
  state: TabState | undefined,
  requestId: string,
  probe: HttpProbe,
): TabState | undefined {
  if (state === undefined || state.top.requestId !== requestId) {
    return state;
  }
  const record: ResponseRecord = { ...state.top.record, httpProbe: probe };
  return { ...state, top: { ...state.top, record } };
}

/**
 * Stores the page's `<meta http-equiv>` markup and adds the plain-HTTP requests its elements
 * make, when the page is still the tab's recorded top document.
 */
function applyPageMarkup(
  state: TabState | undefined,
  event: Extract<RecorderEvent, { kind: 'page-markup' }>,
): TabState | undefined {
  if (state === undefined || !isSameDocumentUrl(state.top.record.url, event.url)) {
    return state;
  }
  const withHtml =
    event.html === ''
      ? state
      : updateDocument(state, 0, event.url, (record) => ({ ...record, html: event.html }));
  return mergeSubresources(withHtml, event.plainHttpRequests);
}

function emptyEntry(requestId: string, frameId: number, url: string): DocumentEntry {
  return { requestId, frameId, responded: false, record: { url, status: 0, headers: [] } };
}

function startTopDocument(
  state: TabState | undefined,
  requestId: string,
  frameId: number,
  url: string,
): TabState | undefined {
  // A main-frame request outside frame 0 is a prerendered page, not the tab's displayed one.
  // NOTE: a prerendered page that the user then opens is therefore not recorded. A main-frame
  // request that ends as a download or a 204 never commits, yet it replaces the record of the
  // page still shown.
  if (frameId !== 0 || state?.top.requestId === requestId) {
    return state;
  }
  return {
    top: emptyEntry(requestId, 0, url),
    committed: false,
    frames: [],
    droppedFrames: 0,
    responses: [],
    droppedResponses: 0,
    probeRequested: false,
  };
}

function startFrame(
  state: TabState | undefined,
  requestId: string,
  frameId: number,
  url: string,
): TabState | undefined {
  // Before the commit, a frame request comes from the previous page, which is still running.
  // NOTE: when the commit reaches the worker after the new page's first requests, a frame that
  // the new page requested before it is dropped as well.
  if (state === undefined || !state.committed) {
    return state;
  }
  if (state.frames.some((frame) => frame.requestId === requestId)) {
    return state;
  }
  const withSubresource = addSubresources(state, [{ requestId, url, type: 'sub_frame' }]) ?? state;
  const others = withSubresource.frames.filter((frame) => frame.frameId !== frameId);
  if (others.length >= MAX_FRAMES) {
    return { ...withSubresource, frames: others, droppedFrames: withSubresource.droppedFrames + 1 };
  }
  return { ...withSubresource, frames: [...others, emptyEntry(requestId, frameId, url)] };
}

/**
 * Finds the entry of a document request. When the worker missed the request's start because
 * it was started during the request, starts an entry for the tab's top document, or for a
 * frame of a recorded tab.
 */
function ensureEntry(
  state: TabState | undefined,
  event: { requestId: string; frameId: number; documentType: DocumentType; url: string },
): TabState | undefined {
  if (event.documentType === 'main_frame') {
    return startTopDocument(state, event.requestId, event.frameId, event.url);
  }
  return startFrame(state, event.requestId, event.frameId, event.url);
}

/**
 * Stores a document's response in its entry and adds it to the response log. The top
 * document's response is logged before the commit, because it starts the page.
 */
function applyResponse(
  state: TabState | undefined,
  event: Extract<RecorderEvent, { kind: 'document-response' }>,
): TabState | undefined {
  const started = ensureEntry(state, event);
  const next = updateEntry(started, event.requestId, (entry) => ({
    ...entry,
    responded: true,
    record: { ...entry.record, url: event.url, status: event.status, headers: event.headers },
  }));
  if (next === undefined || next === started) {
    return next;
  }
  const response = toRecordedResponse(
    event.requestId,
    event.frameId,
    event.documentType,
    event.url,
    event.status,
    event.headers,
  );
  return addToLog(next, [response]);
}

function applyRedirect(
  state: TabState | undefined,
  event: Extract<RecorderEvent, { kind: 'document-redirect' }>,
): TabState | undefined {
  const next = updateEntry(ensureEntry(state, event), event.requestId, (entry) => {
    const hop = {
      url: event.url,
      status: event.status,
      location: event.location,
      headers: event.headers,
    };
    return {
      ...entry,
      responded: false,
      record: {
        ...entry.record,
        url: event.location,
        status: 0,
        headers: [],
        redirects: [...(entry.record.redirects ?? []), hop],
      },
    };
  });
  // Scripts held after a redirect hop's response came from the previous page, not the target.
  if (next?.pendingScripts !== undefined && next.top.requestId === event.requestId) {
    return withoutPendingScripts(next);
  }
  return next;
}

/**
 * Marks the top document committed and lists its scripts that arrived before the commit. A
 * commit of another URL means the tab shows a document that did not come through the recorded
 * request (restored from the back/forward cache, or never fetched), so the stale state is dropped.
 */
function applyCommit(
  state: TabState | undefined,
  frameId: number,
  url: string,
  documentId: string | undefined,
): TabState | undefined {
  // An `about:blank` commit can precede a new tab's first real navigation, and a tab that
  // really shows an `about:` page is reported unsupported by its URL anyway.
  if (state === undefined || frameId !== 0 || url.startsWith('about:')) {
    return state;
  }
  if (!isSameDocumentUrl(state.top.record.url, url)) {
    return undefined;
  }
  if (state.committed) {
    return state;
  }
  const committed: TabState =
    documentId === undefined
      ? { ...state, committed: true }
      : { ...state, committed: true, topDocumentId: documentId };
  return listPendingScripts(committed, documentId);
}

function updateEntry(
  state: TabState | undefined,
  requestId: string,
  change: (entry: DocumentEntry) => DocumentEntry,
): TabState | undefined {
  if (state === undefined) {
    return state;
  }
  if (state.top.requestId === requestId) {
    return { ...state, top: change(state.top) };
  }
  const index = state.frames.findIndex((frame) => frame.requestId === requestId);
  if (index === -1) {
    return state;
  }
  const frames = state.frames.map((frame, i) => (i === index ? change(frame) : frame));
  return { ...state, frames };
}

/** Changes the record of the document shown in a frame, if its URL is the one recorded. */
function updateDocument(
  state: TabState | undefined,
  frameId: number,
  url: string,
  change: (record: ResponseRecord) => ResponseRecord,
): TabState | undefined {
  if (state === undefined) {
    return state;
  }
  const entry = frameId === 0 ? state.top : state.frames.find((frame) => frame.frameId === frameId);
  if (entry === undefined || !isSameDocumentUrl(entry.record.url, url)) {
    return state;
  }
  return updateEntry(state, entry.requestId, (found) => ({
    ...found,
    record: change(found.record),
  }));
}

function subresourceKey(subresource: SubresourceRecord): string {
  return `${subresource.type} ${subresource.url}`;
}
