// Definitions and small helpers shared by the HAR reader and writer.

import type { BrowserCookie, HeaderPair, HttpProbe, ScriptRecord } from '../types';

/**
 * Data a HAR cannot hold in its standard fields, written by `writeHar` under the page's
 * `_hardeningInspector` field so that a recording reads back unchanged.
 */
export interface RecordExtras {
  cookies?: BrowserCookie[];
  httpProbe?: HttpProbe;
  droppedSubresources?: number;
  droppedScripts?: number;
  source?: string;
  /**
   * The libraries the recorder found in each script, by script URL. A HAR contains no script
   * bodies, so without them a library found by its content would be lost on reading back.
   */
  scriptLibraries?: Record<string, ScriptLibraries>;
}

export type ScriptLibraries = Pick<ScriptRecord, 'libraries' | 'librariesIncomplete'>;

export const EXTRAS_FIELD = '_hardeningInspector';

// Chrome DevTools resource types (`_resourceType`) and the `webRequest` resource types
// the extension's recorder uses for subresources. Types without an entry keep their name.
export const DEVTOOLS_TO_WEBREQUEST: Readonly<Record<string, string>> = {
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

export const WEBREQUEST_TO_DEVTOOLS: Readonly<Record<string, string>> = {
  sub_frame: 'document',
  main_frame: 'document',
  xmlhttprequest: 'xhr',
  csp_report: 'csp-violation-report',
};

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function objectField(value: unknown, field: string): Record<string, unknown> | undefined {
  return asObject(asObject(value)?.[field]);
}

export function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([headerName]) => headerName.toLowerCase() === name)?.[1];
}

export function contentType(headers: readonly HeaderPair[]): string | undefined {
  return headerValue(headers, 'content-type');
}

/** Returns a MIME type's essence: `text/html; charset=utf-8` becomes `text/html`. */
export function essence(mimeType: string | undefined): string {
  return (mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function resolveUrl(target: string | undefined, base: string): string | null {
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
export function sameUrl(a: string, b: string): boolean {
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

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

export function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index] as T;
    if (predicate(item)) {
      return item;
    }
  }
  return undefined;
}
