// Messages between the extension's contexts. The UIs send requests to the background
// service worker, which replies with the matching response type.

import type {
  GradeOptions,
  HeaderPair,
  Report,
  ResponseRecord,
  SubresourceRecord,
} from '../scoring/types';

export type TabReportRequest = { type: 'get-tab-report'; tabId: number };

/** Requests the tab's response log, its frames' records and the earlier loads of its page. */
export type TabLogRequest = { type: 'get-tab-log'; tabId: number };

export type TabReport =
  /** A page the extension cannot record: `chrome://`, `file://`, the new-tab page, the Web Store. */
  | { state: 'unsupported'; url: string }
  /** A supported page with nothing recorded yet, usually opened before the extension started. */
  | { state: 'not-recorded'; url: string }
  | { state: 'graded'; url: string; report: Report; record: ResponseRecord };

/** One response the tab received, as `webRequest.onHeadersReceived` reported it. */
export interface RecordedResponse {
  /** The `webRequest` request id; a redirect and its target share it. */
  requestId: string;
  frameId: number;
  /** The `webRequest` resource type: `main_frame`, `sub_frame`, `script`, `stylesheet`, ... */
  type: string;
  url: string;
  status: number;
  /** Header lines in the order received, up to the recorder's byte cap per response. */
  headers: HeaderPair[];
  /** How many header lines were left out because the response passed the byte cap. */
  droppedHeaders?: number;
}

/** A frame document of the page with its record, which the grader reads like a top document. */
export interface FrameDocument {
  requestId: string;
  frameId: number;
  record: ResponseRecord;
}

/**
 * The report of one load of a page, kept for comparing it with a later load of the same URL.
 * Checks carry no remediation, to keep the stored history small.
 */
export interface LoadSnapshot {
  /** The request id of the load's top document. */
  requestId: string;
  /** When the load was graded, in milliseconds since the Unix epoch. */
  gradedAt: number;
  report: Report;
}

/** The `storage.session` key of the history of page loads. */
export const LOAD_HISTORY_STORAGE_KEY = 'load-history';

export interface TabLog {
  /** The request id of the tab's top document, or null when nothing is recorded. */
  navigationId: string | null;
  /** The URL of the tab's top document, or null when nothing is recorded. */
  pageUrl: string | null;
  /** The page's responses in the order received: the top document's first. */
  responses: RecordedResponse[];
  /** How many responses of the page were not kept because the log was full. */
  droppedResponses: number;
  frames: FrameDocument[];
  /** Earlier and current loads of the page's URL in this browser session, oldest first. */
  loads: LoadSnapshot[];
  /** The options the page's report was graded with, for grading frames alike. */
  gradeOptions: GradeOptions;
}

export type ExtensionRequest = TabReportRequest | TabLogRequest;

export interface ResponseOf {
  'get-tab-report': TabReport;
  'get-tab-log': TabLog;
}

export function isExtensionRequest(message: unknown): message is ExtensionRequest {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as { type?: unknown; tabId?: unknown };
  return (
    (candidate.type === 'get-tab-report' || candidate.type === 'get-tab-log') &&
    typeof candidate.tabId === 'number'
  );
}

/**
 * Sent by the content script of a top-level document with what only the page shows: the markup
 * of its `<meta http-equiv>` elements (which can carry a Content-Security-Policy) and the
 * plain-HTTP URLs its scripts, stylesheets, frames and plugins load. On an HTTPS page Chromium
 * blocks those requests before the extension's `webRequest` listeners see them.
 */
export type PageMarkupMessage = {
  type: 'page-markup';
  url: string;
  html: string;
  plainHttpRequests: SubresourceRecord[];
};

export function isPageMarkupMessage(message: unknown): message is PageMarkupMessage {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as Partial<Record<keyof PageMarkupMessage, unknown>>;
  return (
    candidate.type === 'page-markup' &&
    typeof candidate.url === 'string' &&
    typeof candidate.html === 'string' &&
    Array.isArray(candidate.plainHttpRequests) &&
    candidate.plainHttpRequests.every(isSubresourceRecord)
  );
}

function isSubresourceRecord(value: unknown): value is SubresourceRecord {
  const candidate = value as Partial<Record<keyof SubresourceRecord, unknown>> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.url === 'string' &&
    typeof candidate.type === 'string'
  );
}
