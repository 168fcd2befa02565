// Reads HAR 1.2 logs (Chrome DevTools, Firefox, WebPageTest) into response records.

import type {
  BrowserCookie,
  HeaderPair,
  HttpProbe,
  RedirectHop,
  ResponseRecord,
  ScriptRecord,
  SubresourceRecord,
} from '../types';
import {
  DEVTOOLS_TO_WEBREQUEST,
  EXTRAS_FIELD,
  asObject,
  contentType,
  essence,
  findLast,
  headerValue,
  isHttpUrl,
  objectField,
  resolveUrl,
  sameUrl,
  type RecordExtras,
  type ScriptLibraries,
} from './shared';

/** One page of a HAR log: its top document and the documents of its frames. */
export interface HarPage {
  /** The page's `id` in `log.pages`, or null for entries that name no page. */
  id: string | null;
  /** The page's `title`: its URL in Chrome exports, the document title in Firefox exports. */
  title: string;
  document: ResponseRecord;
  frames: ResponseRecord[];
}

export type HarReadResult =
  { ok: true; pages: HarPage[]; warnings: string[] } | { ok: false; error: string };

/** Reports whether a parsed JSON value looks like a HAR file: an object with `log.entries`. */
export function isHarLog(value: unknown): boolean {
  const log = objectField(value, 'log');
  return log !== undefined && Array.isArray(log.entries);
}

/** A HAR entry reduced to what grading needs, with its position in the log. */
interface Entry {
  index: number;
  pageref: string | null;
  url: string;
  status: number;
  headers: HeaderPair[];
  requestHeaders: HeaderPair[];
  /** Absolute target of a 3xx response (`redirectURL`, else `Location`), or null. */
  redirectTarget: string | null;
  /** The raw `Location` header, else `redirectURL`, for the redirect hop record. */
  location: string | undefined;
  /** The `webRequest` resource type: from `_resourceType`, WebPageTest's type or the MIME type. */
  type: string;
  /** True when the log itself typed the entry as a document, not only its MIME type. */
  declaredDocument: boolean;
  mimeType: string;
  text: string | undefined;
  hasResponseCookies: boolean;
}

/**
 * Reads a parsed HAR log into one record per page. The page's top document is the first
 * entry whose URL is the page's start URL or lies on its redirect chain. Without such an
 * entry, it is the first document entry. Its redirect hops are the entries linked by
 * `redirectURL` or `Location`. Every other entry of the page becomes a subresource, script
 * entries also become scripts, and other document entries become frame records.
 */
export function readHar(value: unknown): HarReadResult {
  const log = objectField(value, 'log');
  if (log === undefined) {
    return { ok: false, error: 'not a HAR file: the top-level object has no "log" object' };
  }
  if (!Array.isArray(log.entries)) {
    return { ok: false, error: 'not a HAR file: "log.entries" is missing or not an array' };
  }

  const warnings: string[] = [];
  const entries: Entry[] = [];
  log.entries.forEach((raw: unknown, index: number) => {
    const entry = readEntry(raw, index);
    if (entry === null) {
      warnings.push(`entry ${index} skipped: it has no request URL or no response status`);
    } else {
      entries.push(entry);
    }
  });
  if (entries.length === 0) {
    return { ok: false, error: 'the HAR log has no usable entries' };
  }

  const pages: HarPage[] = [];
  for (const group of groupByPage(log.pages, entries)) {
    const page = readPage(
      group,
      entries.some((entry) => entry.declaredDocument),
    );
    if (page === null) {
      if (group.id !== null) {
        warnings.push(`page "${group.id}" skipped: it has no document entry`);
      }
      continue;
    }
    if (
      page.document.headers.every(([name]) => name.toLowerCase() !== 'set-cookie') &&
      group.entries.some((entry) => entry.hasResponseCookies && page.document.url === entry.url)
    ) {
      warnings.push(
        `page "${group.id ?? page.document.url}": the document has parsed cookies but no Set-Cookie header, so the cookie checks cannot see them`,
      );
    }
    pages.push(page);
  }

  if (pages.length === 0) {
    return {
      ok: false,
      error:
        'the HAR log has no document entry (no entry of type document and no text/html response)',
    };
  }
  return { ok: true, pages, warnings };
}

interface PageGroup {
  id: string | null;
  title: string;
  startUrls: string[];
  extras: RecordExtras;
  entries: Entry[];
}

/**
 * Groups entries by `pageref` in the order of `log.pages`. Entries that name no listed page
 * form one extra group, graded only when the log lists no page at all or they hold a document.
 */
function groupByPage(rawPages: unknown, entries: readonly Entry[]): PageGroup[] {
  const groups: PageGroup[] = [];
  for (const raw of Array.isArray(rawPages) ? rawPages : []) {
    const page = asObject(raw);
    const id = typeof page?.id === 'string' ? page.id : null;
    if (page === undefined || id === null || groups.some((group) => group.id === id)) {
      continue;
    }
    const title = typeof page.title === 'string' ? page.title : '';
    const startUrls = [title, page._URL, page._url].filter(
      (candidate): candidate is string => typeof candidate === 'string' && isHttpUrl(candidate),
    );
    groups.push({ id, title, startUrls, extras: readExtras(page[EXTRAS_FIELD]), entries: [] });
  }

  const orphans: Entry[] = [];
  for (const entry of entries) {
    const group = groups.find((candidate) => candidate.id === entry.pageref);
    if (group === undefined) {
      orphans.push(entry);
    } else {
      group.entries.push(entry);
    }
  }
  if (orphans.length > 0) {
    groups.push({ id: null, title: '', startUrls: [], extras: {}, entries: orphans });
  }
  return groups;
}

function readPage(group: PageGroup, logDeclaresTypes: boolean): HarPage | null {
  const isDocument = (entry: Entry): boolean =>
    logDeclaresTypes ? entry.declaredDocument : entry.mimeType === 'text/html';

  const anchor =
    group.entries.find((entry) => group.startUrls.some((url) => sameUrl(url, entry.url))) ??
    group.entries.find(isDocument);
  if (anchor === undefined) {
    return null;
  }

  const topChain = redirectChain(group.entries, anchor);
  const inTopChain = new Set(topChain.map((entry) => entry.index));
  const rest = group.entries.filter((entry) => !inTopChain.has(entry.index));

  const document = toRecord(topChain, group.extras);
  const subresources: SubresourceRecord[] = rest.map((entry) => ({
    url: entry.url,
    type: entry.type,
  }));
  const scripts: ScriptRecord[] = rest
    .filter((entry) => entry.type === 'script')
    .map((entry) => ({
      url: entry.url,
      ...(entry.text === undefined ? {} : { content: entry.text }),
      ...readScriptLibraries(group.extras.scriptLibraries?.[entry.url]),
    }));
  if (subresources.length > 0) {
    document.subresources = subresources;
  }
  if (scripts.length > 0) {
    document.scripts = scripts;
  }

  const frames: ResponseRecord[] = [];
  const inFrameChain = new Set<number>();
  for (const entry of rest) {
    if (inFrameChain.has(entry.index) || !isDocument(entry) || entry.status === 0) {
      continue;
    }
    const chain = redirectChain(rest, entry);
    chain.forEach((link) => inFrameChain.add(link.index));
    frames.push(toRecord(chain, {}));
  }

  return { id: group.id, title: group.title, document, frames };
}

/**
 * Returns the redirect chain through `anchor`, first hop first: earlier entries whose
 * redirect target is the anchor's URL, the anchor, then the entries its redirects lead to.
 */
function redirectChain(entries: readonly Entry[], anchor: Entry): Entry[] {
  const chain = [anchor];
  const used = new Set([anchor.index]);

  for (let first = anchor; ;) {
    const previous = findLast(
      entries,
      (entry) =>
        entry.index < first.index &&
        !used.has(entry.index) &&
        entry.redirectTarget !== null &&
        sameUrl(entry.redirectTarget, first.url),
    );
    if (previous === undefined) {
      break;
    }
    chain.unshift(previous);
    used.add(previous.index);
    first = previous;
  }

  for (let last = anchor; last.redirectTarget !== null;) {
    const target = last.redirectTarget;
    const next = entries.find(
      (entry) => entry.index > last.index && !used.has(entry.index) && sameUrl(entry.url, target),
    );
    if (next === undefined) {
      break;
    }
    chain.push(next);
    used.add(next.index);
    last = next;
  }
  return chain;
}

function toRecord(chain: readonly Entry[], extras: RecordExtras): ResponseRecord {
  const final = chain[chain.length - 1] as Entry;
  const record: ResponseRecord = { url: final.url, status: final.status, headers: final.headers };
  if (final.requestHeaders.length > 0) {
    record.requestHeaders = final.requestHeaders;
  }

  const redirects = chain.slice(0, -1).map((hop): RedirectHop => ({
    url: hop.url,
    status: hop.status,
    ...(hop.location === undefined ? {} : { location: hop.location }),
    ...(hop.headers.length > 0 ? { headers: hop.headers } : {}),
  }));
  if (redirects.length > 0) {
    record.redirects = redirects;
  }
  if (final.text !== undefined && final.mimeType === 'text/html') {
    record.html = final.text;
  }
  if (extras.cookies !== undefined) {
    record.cookies = extras.cookies;
  }
  if (extras.droppedSubresources !== undefined) {
    record.droppedSubresources = extras.droppedSubresources;
  }
  if (extras.droppedScripts !== undefined) {
    record.droppedScripts = extras.droppedScripts;
  }
  if (extras.httpProbe !== undefined) {
    record.httpProbe = extras.httpProbe;
  }
  if (extras.source !== undefined) {
    record.source = extras.source;
  }
  return record;
}

function readEntry(raw: unknown, index: number): Entry | null {
  const entry = asObject(raw);
  const request = objectField(entry, 'request');
  const response = objectField(entry, 'response');
  if (entry === undefined || request === undefined || response === undefined) {
    return null;
  }
  if (typeof request.url !== 'string' || typeof response.status !== 'number') {
    return null;
  }

  const headers = readHeaders(response.headers);
  const content = objectField(response, 'content');
  const mimeType = essence(
    typeof content?.mimeType === 'string' ? content.mimeType : contentType(headers),
  );
  const location = headerValue(headers, 'location');
  const redirectUrl =
    typeof response.redirectURL === 'string' && response.redirectURL !== ''
      ? response.redirectURL
      : undefined;
  const isRedirect = response.status >= 300 && response.status < 400;
  const declaredType = declaredResourceType(entry);

  return {
    index,
    pageref: typeof entry.pageref === 'string' ? entry.pageref : null,
    url: request.url,
    status: response.status,
    headers,
    requestHeaders: readHeaders(request.headers),
    redirectTarget: isRedirect ? resolveUrl(redirectUrl ?? location, request.url) : null,
    location: location ?? redirectUrl,
    type: declaredType === undefined ? typeFromMime(mimeType) : toWebRequestType(declaredType),
    declaredDocument: declaredType === 'document',
    mimeType,
    text: readContentText(content),
    hasResponseCookies: Array.isArray(response.cookies) && response.cookies.length > 0,
  };
}

/** Reads the DevTools `_resourceType`, or WebPageTest's `_request_type`, lower-cased. */
function declaredResourceType(entry: Record<string, unknown>): string | undefined {
  for (const field of ['_resourceType', '_request_type']) {
    const value = entry[field];
    if (typeof value === 'string' && value !== '') {
      return value.toLowerCase();
    }
  }
  return undefined;
}

/**
 * Reads `[name, value]` pairs in the order of the log. A value holding several lines
 * joined with `\n` (how Chrome exports repeated `Set-Cookie` headers) becomes one pair per line.
 */
function readHeaders(raw: unknown): HeaderPair[] {
  const headers: HeaderPair[] = [];
  for (const item of Array.isArray(raw) ? raw : []) {
    const header = asObject(item);
    if (typeof header?.name !== 'string' || typeof header.value !== 'string') {
      continue;
    }
    for (const line of header.value.split('\n')) {
      headers.push([header.name, line.replace(/\r$/, '')]);
    }
  }
  return headers;
}

/** Decodes `content.text`, which HAR stores base64-encoded when `encoding` is `base64`. */
function readContentText(content: Record<string, unknown> | undefined): string | undefined {
  if (typeof content?.text !== 'string') {
    return undefined;
  }
  if (content.encoding !== 'base64') {
    return content.text;
  }
  try {
    const bytes = Uint8Array.from(atob(content.text), (character) => character.charCodeAt(0));
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return undefined;
  }
}

function readExtras(raw: unknown): RecordExtras {
  const extras = asObject(raw);
  if (extras === undefined) {
    return {};
  }
  return {
    ...(Array.isArray(extras.cookies) ? { cookies: extras.cookies as BrowserCookie[] } : {}),
    ...(asObject(extras.httpProbe) === undefined
      ? {}
      : { httpProbe: extras.httpProbe as HttpProbe }),
    ...(typeof extras.droppedSubresources === 'number'
      ? { droppedSubresources: extras.droppedSubresources }
      : {}),
    ...(typeof extras.droppedScripts === 'number' ? { droppedScripts: extras.droppedScripts } : {}),
    ...(typeof extras.source === 'string' ? { source: extras.source } : {}),
    ...(asObject(extras.scriptLibraries) === undefined
      ? {}
      : { scriptLibraries: extras.scriptLibraries as Record<string, ScriptLibraries> }),
  };
}

/** Reads one script's stored libraries; the grader's check validates each library itself. */
function readScriptLibraries(raw: unknown): ScriptLibraries {
  const stored = asObject(raw);
  if (stored === undefined || !Array.isArray(stored.libraries)) {
    return {};
  }
  return {
    libraries: stored.libraries as NonNullable<ScriptLibraries['libraries']>,
    ...(typeof stored.librariesIncomplete === 'boolean'
      ? { librariesIncomplete: stored.librariesIncomplete }
      : {}),
  };
}

function toWebRequestType(devtoolsType: string): string {
  return DEVTOOLS_TO_WEBREQUEST[devtoolsType] ?? devtoolsType;
}

/** Guesses a `webRequest` resource type from a MIME type, for logs without `_resourceType`. */
function typeFromMime(mimeType: string): string {
  if (mimeType === 'text/html' || mimeType === 'application/xhtml+xml') {
    return 'sub_frame';
  }
  if (mimeType.includes('javascript') || mimeType === 'text/ecmascript') {
    return 'script';
  }
  if (mimeType === 'text/css') {
    return 'stylesheet';
  }
  if (mimeType.startsWith('image/')) {
    return 'image';
  }
  if (mimeType.startsWith('font/') || mimeType.includes('font-')) {
    return 'font';
  }
  if (mimeType.startsWith('audio/') || mimeType.startsWith('video/')) {
    return 'media';
  }
  if (mimeType.includes('json') || mimeType.endsWith('/xml')) {
    return 'xmlhttprequest';
  }
  return 'other';
}
