// Writes response records as a HAR 1.2 log that Chrome DevTools and the command-line
// grader read back.

import type { HeaderPair, ResponseRecord } from '../types';
import {
  EXTRAS_FIELD,
  WEBREQUEST_TO_DEVTOOLS,
  contentType,
  type RecordExtras,
  type ScriptLibraries,
} from './shared';

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
      ...(record.droppedScripts === undefined ? {} : { droppedScripts: record.droppedScripts }),
      ...(record.source === undefined ? {} : { source: record.source }),
      ...scriptLibrariesOf(record),
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

/** Collects the libraries found in the record's scripts, for the page's extras field. */
function scriptLibrariesOf(record: ResponseRecord): Pick<RecordExtras, 'scriptLibraries'> {
  const found = (record.scripts ?? []).filter((script) => script.libraries !== undefined);
  if (found.length === 0) {
    return {};
  }
  const scriptLibraries: Record<string, ScriptLibraries> = {};
  for (const script of found) {
    scriptLibraries[script.url] = {
      libraries: script.libraries,
      ...(script.librariesIncomplete === undefined
        ? {}
        : { librariesIncomplete: script.librariesIncomplete }),
    };
  }
  return { scriptLibraries };
}
