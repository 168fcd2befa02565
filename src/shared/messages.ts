// Messages between the extension's contexts. The UIs send requests to the background
// service worker, which answers with the matching response type.

import type { Report, ResponseRecord, SubresourceRecord } from '../scoring/types';

export type TabReportRequest = { type: 'get-tab-report'; tabId: number };

export type TabReport =
  /** A page the extension cannot record: `chrome://`, `file://`, the new-tab page, the Web Store. */
  | { state: 'unsupported'; url: string }
  /** A supported page with nothing recorded yet, usually opened before the extension started. */
  | { state: 'not-recorded'; url: string }
  | { state: 'graded'; url: string; report: Report; record: ResponseRecord };

export type ExtensionRequest = TabReportRequest;

export interface ResponseOf {
  'get-tab-report': TabReport;
}

export function isExtensionRequest(message: unknown): message is ExtensionRequest {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as { type?: unknown; tabId?: unknown };
  return candidate.type === 'get-tab-report' && typeof candidate.tabId === 'number';
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
