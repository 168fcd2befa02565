// Grading contexts for the checks' unit tests. Unlike the grader's own context, the stack is
// `unknown` unless a test names one, so each test controls the order of the fixes.

import type { CheckContext } from '../check';
import { isDevelopmentHost } from '../development-host';
import { HeaderList } from '../headers';
import type { HeaderPair, ResponseRecord, Stack } from '../types';

const PAGE_URL = 'https://shop.example.test/';

/** Builds the context of an HTTPS page on a production host that sent `headers`. */
export function contextForHeaders(headers: HeaderPair[], stack: Stack = 'unknown'): CheckContext {
  return contextForMarkup(headers, undefined, stack);
}

/** Builds the context of an HTTPS page on a production host with headers and markup. */
export function contextForMarkup(
  headers: HeaderPair[],
  html?: string,
  stack: Stack = 'unknown',
): CheckContext {
  return {
    record: { url: PAGE_URL, status: 200, headers, ...(html === undefined ? {} : { html }) },
    url: new URL(PAGE_URL),
    https: true,
    developmentHost: false,
    headers: new HeaderList(headers),
    stack,
    options: {},
  };
}

/**
 * Builds the context of a page at `url`, which may be plain HTTP, a development host or not a
 * URL at all, with the record's other fields.
 */
export function contextForPage(url: string, record: Partial<ResponseRecord> = {}): CheckContext {
  const full: ResponseRecord = { url, status: 200, headers: [], ...record };
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return {
    record: full,
    url: parsed,
    https: parsed?.protocol === 'https:',
    developmentHost: parsed !== null && isDevelopmentHost(parsed.hostname),
    headers: new HeaderList(full.headers),
    stack: 'unknown',
    options: {},
  };
}
