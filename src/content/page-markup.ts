// Reads from a document what the worker's `webRequest` listeners cannot see.

import type { SubresourceRecord } from '../scoring/types';

/** Maximum length of the collected markup, in characters; elements past it are left out. */
export const MAX_META_MARKUP_LENGTH = 65_536;

/** Maximum plain-HTTP element URLs reported per page. */
export const MAX_PLAIN_HTTP_REQUESTS = 100;

/**
 * Returns the markup of the `<meta http-equiv>` elements that are children of `<head>`, one per
 * line, in document order. Browsers apply a `Content-Security-Policy` pragma only from a
 * `<meta>` inside `<head>` (HTML Standard, the `http-equiv` Content security policy state), so
 * the others are skipped.
 */
export function collectMetaMarkup(document: Document): string {
  const lines: string[] = [];
  let length = 0;
  for (const element of document.querySelectorAll('head > meta[http-equiv]')) {
    const markup = element.outerHTML;
    if (length + markup.length > MAX_META_MARKUP_LENGTH) {
      break;
    }
    lines.push(markup);
    length += markup.length + 1;
  }
  return lines.join('\n');
}

// Elements whose plain-HTTP loads Chromium blocks on an HTTPS page, with the attribute that
// holds the URL and the `webRequest` type of the request. Images and media are left out,
// because Chromium requests them over HTTPS instead, and `webRequest` reports that request.
const BLOCKABLE_ELEMENTS: ReadonlyArray<{ selector: string; attribute: string; type: string }> = [
  { selector: 'script[src]', attribute: 'src', type: 'script' },
  { selector: 'link[rel~="stylesheet" i][href]', attribute: 'href', type: 'stylesheet' },
  { selector: 'iframe[src], frame[src]', attribute: 'src', type: 'sub_frame' },
  { selector: 'object[data]', attribute: 'data', type: 'object' },
  { selector: 'embed[src]', attribute: 'src', type: 'object' },
];

/**
 * Returns the plain-HTTP URLs that the document's scripts, stylesheets, frames and plugins
 * load, resolved against the document's base URL, once each, in document order.
 * NOTE: elements added after the scan (the content script runs at `document_end`) are missed.
 */
export function collectPlainHttpRequests(document: Document): SubresourceRecord[] {
  const requests: SubresourceRecord[] = [];
  const seen = new Set<string>();
  for (const { selector, attribute, type } of BLOCKABLE_ELEMENTS) {
    for (const element of document.querySelectorAll(selector)) {
      const url = resolveUrl(element.getAttribute(attribute) ?? '', document.baseURI);
      if (url === null || !url.startsWith('http:') || seen.has(`${type} ${url}`)) {
        continue;
      }
      seen.add(`${type} ${url}`);
      requests.push({ url, type });
      if (requests.length >= MAX_PLAIN_HTTP_REQUESTS) {
        return requests;
      }
    }
  }
  return requests;
}

function resolveUrl(value: string, base: string): string | null {
  try {
    return new URL(value, base).href;
  } catch {
    return null;
  }
}
