// The recorder's events: what the worker takes from the browser's `webRequest`,
// `webNavigation` and `cookies` details, checked and reduced to the fields a record needs.

import type { BrowserCookie, HeaderPair, SubresourceRecord } from '../scoring/types';

export type DocumentType = 'main_frame' | 'sub_frame';

/** An event that changes a tab's state; `reduceTab` applies it. */
export type RecorderEvent =
  | {
      kind: 'document-request';
      requestId: string;
      frameId: number;
      documentType: DocumentType;
      url: string;
    }
  | {
      kind: 'document-response';
      requestId: string;
      frameId: number;
      documentType: DocumentType;
      url: string;
      status: number;
      headers: HeaderPair[];
    }
  | {
      kind: 'document-redirect';
      requestId: string;
      frameId: number;
      documentType: DocumentType;
      url: string;
      status: number;
      /** The absolute URL the browser followed, resolved from `Location`. */
      location: string;
      headers: HeaderPair[];
    }
  | {
      kind: 'document-committed';
      frameId: number;
      url: string;
      /** The committed document's `documentId` (Chromium 106+); absent in Firefox. */
      documentId?: string;
    }
  | { kind: 'cookies-read'; frameId: number; url: string; cookies: BrowserCookie[] }
  | {
      kind: 'page-markup';
      url: string;
      /** The `<meta http-equiv>` markup; empty when the page has none. */
      html: string;
      plainHttpRequests: SubresourceRecord[];
    };

/** A request of a page for something other than its top document. */
export interface SubresourceEvent {
  requestId: string;
  url: string;
  type: string;
}

/** The response headers of a page's request for something other than a frame's document. */
export interface SubresourceResponseEvent {
  requestId: string;
  frameId: number;
  url: string;
  type: string;
  status: number;
  headers: HeaderPair[];
  /** The `documentId` of the document that made the request (Chromium 106+); absent in Firefox. */
  documentId?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/** The fields the worker reads from `webRequest` event details, all optional until checked. */
export interface WebRequestDetails {
  requestId?: unknown;
  tabId?: unknown;
  frameId?: unknown;
  type?: unknown;
  url?: unknown;
  statusCode?: unknown;
  redirectUrl?: unknown;
  responseHeaders?: unknown;
  documentId?: unknown;
}

/** The fields the worker reads from `webNavigation.onCommitted` details. */
export interface CommitDetails {
  frameId: number;
  url: string;
  documentId?: unknown;
}

/** The fields of a header item of `webRequest`: `value`, or `binaryValue` when not UTF-8. */
interface HeaderItem {
  name?: unknown;
  value?: unknown;
  binaryValue?: unknown;
}

/**
 * Reports whether a request goes over the network (`http`, `https`, `ws`, `wss`). Chromium also
 * reports the extension's own files that a page loads, such as its content script.
 */
export function isNetworkUrl(url: string): boolean {
  return /^(?:https?|wss?):/i.test(url);
}

export function isDocumentType(type: unknown): type is DocumentType {
  return type === 'main_frame' || type === 'sub_frame';
}

/** Parses `onBeforeRequest` details of a frame's document request. */
export function parseDocumentRequest(details: WebRequestDetails): Parsed<RecorderEvent> {
  const base = parseDocumentBase(details);
  if (!base.ok) {
    return base;
  }
  return { ok: true, value: { kind: 'document-request', ...base.value } };
}

/** Parses `onHeadersReceived` details of a frame's document response. */
export function parseDocumentResponse(details: WebRequestDetails): Parsed<RecorderEvent> {
  const base = parseDocumentBase(details);
  if (!base.ok) {
    return base;
  }
  const status = parseStatus(details.statusCode);
  if (status === undefined) {
    return { ok: false, problem: `invalid status code ${String(details.statusCode)}` };
  }
  const headers = parseHeaders(details.responseHeaders);
  if (!headers.ok) {
    return headers;
  }
  return {
    ok: true,
    value: { kind: 'document-response', ...base.value, status, headers: headers.value },
  };
}

/** Parses `onBeforeRedirect` details of a frame's document request into a redirect hop. */
export function parseDocumentRedirect(details: WebRequestDetails): Parsed<RecorderEvent> {
  const base = parseDocumentBase(details);
  if (!base.ok) {
    return base;
  }
  const status = parseStatus(details.statusCode);
  if (status === undefined) {
    return { ok: false, problem: `invalid status code ${String(details.statusCode)}` };
  }
  if (typeof details.redirectUrl !== 'string' || !isAbsoluteUrl(details.redirectUrl)) {
    return { ok: false, problem: `invalid redirect URL ${String(details.redirectUrl)}` };
  }
  const headers = parseHeaders(details.responseHeaders);
  if (!headers.ok) {
    return headers;
  }
  return {
    ok: true,
    value: {
      kind: 'document-redirect',
      ...base.value,
      status,
      location: details.redirectUrl,
      headers: headers.value,
    },
  };
}

/** Parses `onBeforeRequest` details of any other request of a page. */
export function parseSubresource(details: WebRequestDetails): Parsed<SubresourceEvent> {
  if (typeof details.requestId !== 'string') {
    return { ok: false, problem: 'missing request id' };
  }
  if (typeof details.url !== 'string' || !isAbsoluteUrl(details.url)) {
    return { ok: false, problem: `invalid URL ${String(details.url)}` };
  }
  if (typeof details.type !== 'string' || details.type === '') {
    return { ok: false, problem: `invalid resource type ${String(details.type)}` };
  }
  return {
    ok: true,
    value: { requestId: details.requestId, url: details.url, type: details.type },
  };
}

/** Parses `onHeadersReceived` details of any other request of a page. */
export function parseSubresourceResponse(
  details: WebRequestDetails,
): Parsed<SubresourceResponseEvent> {
  const request = parseSubresource(details);
  if (!request.ok) {
    return request;
  }
  if (typeof details.frameId !== 'number' || !Number.isInteger(details.frameId)) {
    return { ok: false, problem: `invalid frame id ${String(details.frameId)}` };
  }
  const status = parseStatus(details.statusCode);
  if (status === undefined) {
    return { ok: false, problem: `invalid status code ${String(details.statusCode)}` };
  }
  const headers = parseHeaders(details.responseHeaders);
  if (!headers.ok) {
    return headers;
  }
  const response: SubresourceResponseEvent = {
    ...request.value,
    frameId: details.frameId,
    status,
    headers: headers.value,
  };
  const documentId = parseDocumentId(details.documentId);
  if (documentId !== undefined) {
    response.documentId = documentId;
  }
  return { ok: true, value: response };
}

/** Converts `webNavigation.onCommitted` details to a commit event, with the document id if any. */
export function toCommitEvent(details: CommitDetails): RecorderEvent {
  const documentId = parseDocumentId(details.documentId);
  return documentId === undefined
    ? { kind: 'document-committed', frameId: details.frameId, url: details.url }
    : { kind: 'document-committed', frameId: details.frameId, url: details.url, documentId };
}

/**
 * Reads a `documentId` field, which Chromium 106+ sets in `webRequest` details of requests made by
 * a document and in `webNavigation` details. Firefox has no such field, so the result is undefined.
 */
function parseDocumentId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Converts `webRequest` header items to header pairs in the order received. A value that is
 * not UTF-8 arrives as `binaryValue` bytes and is decoded as Latin-1, one character per byte.
 */
export function parseHeaders(items: unknown): Parsed<HeaderPair[]> {
  if (items === undefined) {
    return { ok: true, value: [] };
  }
  if (!Array.isArray(items)) {
    return { ok: false, problem: 'response headers are not a list' };
  }
  const pairs: HeaderPair[] = [];
  for (const item of items as HeaderItem[]) {
    if (typeof item !== 'object' || item === null || typeof item.name !== 'string') {
      return { ok: false, problem: `invalid header item ${JSON.stringify(item)}` };
    }
    if (typeof item.value === 'string') {
      pairs.push([item.name, item.value]);
    } else if (Array.isArray(item.binaryValue)) {
      pairs.push([item.name, String.fromCharCode(...(item.binaryValue as number[]))]);
    } else {
      pairs.push([item.name, '']);
    }
  }
  return { ok: true, value: pairs };
}

/** The cookie fields of the `cookies` API that the grader reads; the value is never kept. */
export interface CookieDetails {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  hostOnly: boolean;
  session: boolean;
}

/** Converts a `cookies` API cookie to the record's form, without its value. */
export function toBrowserCookie(cookie: CookieDetails): BrowserCookie {
  return {
    name: cookie.name,
    domain: cookie.domain,
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: parseSameSite(cookie.sameSite),
    hostOnly: cookie.hostOnly,
    session: cookie.session,
  };
}

function parseSameSite(value: string | undefined): BrowserCookie['sameSite'] {
  if (value === 'strict' || value === 'lax' || value === 'no_restriction') {
    return value;
  }
  return 'unspecified';
}

function parseDocumentBase(details: WebRequestDetails): Parsed<{
  requestId: string;
  frameId: number;
  documentType: DocumentType;
  url: string;
}> {
  if (typeof details.requestId !== 'string') {
    return { ok: false, problem: 'missing request id' };
  }
  if (!isDocumentType(details.type)) {
    return { ok: false, problem: `not a document request: type ${String(details.type)}` };
  }
  if (typeof details.frameId !== 'number' || !Number.isInteger(details.frameId)) {
    return { ok: false, problem: `invalid frame id ${String(details.frameId)}` };
  }
  if (typeof details.url !== 'string' || !isAbsoluteUrl(details.url)) {
    return { ok: false, problem: `invalid URL ${String(details.url)}` };
  }
  return {
    ok: true,
    value: {
      requestId: details.requestId,
      frameId: details.frameId,
      documentType: details.type,
      url: details.url,
    },
  };
}

function parseStatus(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 999) {
    return value;
  }
  return undefined;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
