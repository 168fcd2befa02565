// The state the worker keeps for one tab in `storage.session`: the top document's record,
// the records of its frames, the log of the page's responses, and what the recorder needs to
// apply later events.

import type { ResponseRecord } from '../scoring/types';
import type { RecordedResponse } from '../shared/messages';

/** Maximum subresources kept per page; later ones are counted in `droppedSubresources`. */
export const MAX_SUBRESOURCES = 500;

/**
 * Maximum scripts listed in one document's record. Later scripts of the document are not
 * listed, so the `vulnerable-libraries` check does not see them.
 */
export const MAX_SCRIPTS = 200;

/** Maximum frame documents kept per page; later ones are counted in `droppedFrames`. */
export const MAX_FRAMES = 50;

/**
 * Maximum responses kept per page in the response log; later ones are counted in
 * `droppedResponses`. With the header cap below, a full log stays under about 1 MiB.
 */
export const MAX_RESPONSES = 250;

/**
 * Maximum header bytes kept per response in the response log, counted as name, value and
 * four separator bytes per line. Lines past it are counted in the response's `droppedHeaders`.
 */
export const MAX_HEADER_BYTES = 4096;

/** One document response of the tab, the top document's or a frame's. */
export interface DocumentEntry {
  /** The `webRequest` request id, which stays the same across the redirects of one load. */
  requestId: string;
  /** 0 for the top document, else the frame the document loads into. */
  frameId: number;
  /** True once the final response's headers arrived; false during redirects or after an error. */
  responded: boolean;
  record: ResponseRecord;
}

/** A script response that arrived before the top document's commit. */
export interface PendingScript {
  url: string;
  /** The `documentId` of the document that loaded the script; absent where the browser has none. */
  documentId?: string;
}

export interface TabState {
  top: DocumentEntry;
  /**
   * True once the browser committed the top document. Requests seen before the commit may belong
   * to the previous page, which is still running, so subresources are only kept after it.
   */
  committed: boolean;
  /**
   * Script responses that arrived after the top document's response but before its commit, up to
   * {@link MAX_SCRIPTS}. The commit lists those of the committed document and
   * drops the list. Absent when empty.
   */
  pendingScripts?: PendingScript[];
  /** The `documentId` of the committed top document, where the browser reports one. */
  topDocumentId?: string;
  frames: DocumentEntry[];
  droppedFrames: number;
  /** Every response of the page in the order received, up to {@link MAX_RESPONSES}. */
  responses: RecordedResponse[];
  droppedResponses: number;
  /** True once the HTTPS-redirect probe was sent, or recorded as disabled, for this document. */
  probeRequested: boolean;
}

/** Checks the shape of a value read back from storage, which may come from an older version. */
export function isTabState(value: unknown): value is TabState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const state = value as Partial<Record<keyof TabState, unknown>>;
  return (
    isDocumentEntry(state.top) &&
    typeof state.committed === 'boolean' &&
    (state.topDocumentId === undefined || typeof state.topDocumentId === 'string') &&
    (state.pendingScripts === undefined ||
      (Array.isArray(state.pendingScripts) && state.pendingScripts.every(isPendingScript))) &&
    Array.isArray(state.frames) &&
    state.frames.every(isDocumentEntry) &&
    typeof state.droppedFrames === 'number' &&
    Array.isArray(state.responses) &&
    typeof state.droppedResponses === 'number' &&
    typeof state.probeRequested === 'boolean'
  );
}

function isPendingScript(value: unknown): value is PendingScript {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const script = value as Partial<Record<keyof PendingScript, unknown>>;
  return (
    typeof script.url === 'string' &&
    (script.documentId === undefined || typeof script.documentId === 'string')
  );
}

function isDocumentEntry(value: unknown): value is DocumentEntry {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Partial<Record<keyof DocumentEntry, unknown>>;
  const record = entry.record as Partial<Record<keyof ResponseRecord, unknown>> | undefined;
  return (
    typeof entry.requestId === 'string' &&
    typeof entry.frameId === 'number' &&
    typeof entry.responded === 'boolean' &&
    typeof record === 'object' &&
    record !== null &&
    typeof record.url === 'string' &&
    typeof record.status === 'number' &&
    Array.isArray(record.headers)
  );
}

/**
 * Returns the top document's record as the grader reads it. Its `scripts` are the scripts
 * the top document itself loaded, with the libraries matched in their bodies so far.
 */
export function topRecordForGrading(state: TabState): ResponseRecord {
  return state.top.record;
}

/** Compares two document URLs without their fragments, which never reach the server. */
export function isSameDocumentUrl(a: string, b: string): boolean {
  return withoutFragment(a) === withoutFragment(b);
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}
