// Messages between the extension's contexts. The UIs send requests to the background
// service worker, which answers with the matching response type.

import type { Report, ResponseRecord } from '../scoring/types';

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
 * Sent by the content script of a top-level document: the markup of its `<meta http-equiv>`
 * elements, because those can carry a Content-Security-Policy that headers do not show.
 */
export type MetaPoliciesMessage = { type: 'meta-policies'; url: string; html: string };

export function isMetaPoliciesMessage(message: unknown): message is MetaPoliciesMessage {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const candidate = message as { type?: unknown; url?: unknown; html?: unknown };
  return (
    candidate.type === 'meta-policies' &&
    typeof candidate.url === 'string' &&
    typeof candidate.html === 'string'
  );
}
