// Reads HAR 1.2 logs (Chrome DevTools, Firefox, WebPageTest) into response records, and
// writes response records as a HAR 1.2 log. Pure: no Node or browser APIs beyond the
// globals both have (URL, atob, TextDecoder), so the extension and the CLI share it.

import type {
  BrowserCookie,
  HeaderPair,
  HttpProbe,
  RedirectHop,
  ResponseRecord,
  ScriptRecord,
  SubresourceRecord,
} from './types';

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

/**
 * Data a HAR cannot hold in its standard fields, written by `writeHar` under the page's
 * `_hardeningInspector` field so that a recording reads back unchanged.
 */
interface RecordExtras {
  cookies?: BrowserCookie[];
  httpProbe?: HttpProbe;
  droppedSubresources?: number;
  source?: string;
}

const EXTRAS_FIELD = '_hardeningInspector';

// Chrome DevTools resource types (`_resourceType`) and the `webRequest` resource types
// the extension's recorder uses for subresources. Types without an entry keep their name.
const DEVTOOLS_TO_WEBREQUEST: Readonly<Record<string, string>> = {
  document: 'sub_frame',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  eventsource: 'xmlhttprequest',
  'csp-violation-report': 'csp_report',
  texttrack: 'media',
  prefetch: 'other',
  manifest: 'other',
  'signed-exchange': 'other',
  preflight: 'other',
};

const WEBREQUEST_TO_DEVTOOLS: Readonly<Record<string, string>> = {
  sub_frame: 'document',
  main_frame: 'document',
  xmlhttprequest: 'xhr',
  csp_report: 'csp-violation-report',
};

/** Reports whether a parsed JSON value looks like a HAR file: an object with `log.entries`. */
export function isHarLog(value: unknown): boolean {
  const log = objectField(value, 'log');
  return log !== undefined && Array.isArray(log.entries);
}

// ---------------------------------------------------------------------------------------
// Reading

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
    .map((entry) =>
      entry.text === undefined ? { url: entry.url } : { url: entry.url, content: entry.text },
    );
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
    ...(typeof extras.source === 'string' ? { source: extras.source } : {}),
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

// ---------------------------------------------------------------------------------------
// Writing

export interface WriteHarOptions {
  /** ISO 8601 time stamped on every page and entry; defaults to the current time. */
  startedDateTime?: string;
  /** The `log.creator.version`. */
  creatorVersion?: string;
}

export interface HarHeader {
  name: string;
  value: string;
}

export interface HarEntry {
  pageref: string;
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: never[];
    headers: HarHeader[];
    queryString: Array<{ name: string; value: string }>;
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: never[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _resourceType: string;
}

export interface HarPageEntry {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: Record<string, never>;
  [EXTRAS_FIELD]?: RecordExtras;
}

export interface HarLog {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    pages: HarPageEntry[];
    entries: HarEntry[];
  };
}

/**
 * Writes response records as a HAR 1.2 log, one page per record: its redirect hops, the
 * document (with `html` as `content.text`), then its subresources. Sizes and timings that
 * the record does not hold are written as -1 or 0, which HAR allows for unknown values.
 * The browser cookie jar, the HTTP probe, the dropped-subresource count and the source go
 * into the page's `_hardeningInspector` field.
 */
export function writeHar(
  records: readonly ResponseRecord[],
  options: WriteHarOptions = {},
): HarLog {
  const startedDateTime = options.startedDateTime ?? new Date().toISOString();
  const pages: HarPageEntry[] = [];
  const entries: HarEntry[] = [];

  records.forEach((record, index) => {
    const pageref = `page_${index + 1}`;
    const extras: RecordExtras = {
      ...(record.cookies === undefined ? {} : { cookies: record.cookies }),
      ...(record.httpProbe === undefined ? {} : { httpProbe: record.httpProbe }),
      ...(record.droppedSubresources === undefined
        ? {}
        : { droppedSubresources: record.droppedSubresources }),
      ...(record.source === undefined ? {} : { source: record.source }),
    };
    pages.push({
      startedDateTime,
      id: pageref,
      title: record.redirects?.[0]?.url ?? record.url,
      pageTimings: {},
      ...(Object.keys(extras).length > 0 ? { [EXTRAS_FIELD]: extras } : {}),
    });

    const entry = (
      url: string,
      status: number,
      headers: readonly HeaderPair[],
      type: string,
    ): HarEntry => buildEntry({ pageref, startedDateTime, url, status, headers, type });

    for (const hop of record.redirects ?? []) {
      const hopEntry = entry(hop.url, hop.status, hop.headers ?? [], 'document');
      // `redirectURL` keeps the Location value as received, relative or not, as browsers export it.
      hopEntry.response.redirectURL = hop.location ?? '';
      entries.push(hopEntry);
    }

    const documentEntry = entry(record.url, record.status, documentHeaders(record), 'document');
    documentEntry.request.headers = (record.requestHeaders ?? []).map(([name, value]) => ({
      name,
      value,
    }));
    if (record.html !== undefined) {
      documentEntry.response.content = {
        size: record.html.length,
        mimeType: contentType(record.headers) ?? 'text/html',
        text: record.html,
      };
    }
    entries.push(documentEntry);

    const scriptContent = new Map(
      (record.scripts ?? []).map((script) => [script.url, script.content]),
    );
    const subresources = record.subresources ?? [];
    for (const subresource of subresources) {
      const subresourceEntry = entry(subresource.url, 0, [], subresource.type);
      const content =
        subresource.type === 'script' ? scriptContent.get(subresource.url) : undefined;
      if (content !== undefined) {
        subresourceEntry.response.content = {
          size: content.length,
          mimeType: 'text/javascript',
          text: content,
        };
      }
      entries.push(subresourceEntry);
    }
    for (const script of record.scripts ?? []) {
      if (
        !subresources.some(
          (subresource) => subresource.url === script.url && subresource.type === 'script',
        )
      ) {
        // NOTE: a script the record lists without a matching subresource reads back as both.
        const scriptEntry = entry(script.url, 0, [], 'script');
        if (script.content !== undefined) {
          scriptEntry.response.content = {
            size: script.content.length,
            mimeType: 'text/javascript',
            text: script.content,
          };
        }
        entries.push(scriptEntry);
      }
    }
  });

  return {
    log: {
      version: '1.2',
      creator: { name: 'hardening-inspector', version: options.creatorVersion ?? '' },
      pages,
      entries,
    },
  };
}

/** Returns the document's header lines plus the `setCookies` lines missing from `headers`. */
function documentHeaders(record: ResponseRecord): HeaderPair[] {
  const headers = [...record.headers];
  const present = new Set(
    record.headers
      .filter(([name]) => name.toLowerCase() === 'set-cookie')
      .map(([, value]) => value),
  );
  for (const line of record.setCookies ?? []) {
    if (!present.has(line)) {
      headers.push(['set-cookie', line]);
    }
  }
  return headers;
}

function buildEntry(input: {
  pageref: string;
  startedDateTime: string;
  url: string;
  status: number;
  headers: readonly HeaderPair[];
  type: string;
}): HarEntry {
  return {
    pageref: input.pageref,
    startedDateTime: input.startedDateTime,
    time: 0,
    request: {
      method: 'GET',
      url: input.url,
      httpVersion: '',
      cookies: [],
      headers: [],
      queryString: queryStringOf(input.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: input.status,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: input.headers.map(([name, value]) => ({ name, value })),
      content: { size: 0, mimeType: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    _resourceType: WEBREQUEST_TO_DEVTOOLS[input.type] ?? input.type,
  };
}

function queryStringOf(url: string): Array<{ name: string; value: string }> {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function objectField(value: unknown, field: string): Record<string, unknown> | undefined {
  return asObject(asObject(value)?.[field]);
}

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([headerName]) => headerName.toLowerCase() === name)?.[1];
}

function contentType(headers: readonly HeaderPair[]): string | undefined {
  return headerValue(headers, 'content-type');
}

/** Returns a MIME type's essence: `text/html; charset=utf-8` becomes `text/html`. */
function essence(mimeType: string | undefined): string {
  return (mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function resolveUrl(target: string | undefined, base: string): string | null {
  if (target === undefined || target === '') {
    return null;
  }
  try {
    return new URL(target, base).href;
  } catch {
    return null;
  }
}

/** Compares two URLs after parsing, ignoring the fragment, which is never sent to the server. */
function sameUrl(a: string, b: string): boolean {
  try {
    const left = new URL(a);
    const right = new URL(b);
    left.hash = '';
    right.hash = '';
    return left.href === right.href;
  } catch {
    return a === b;
  }
}

function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index] as T;
    if (predicate(item)) {
      return item;
    }
  }
  return undefined;
}
