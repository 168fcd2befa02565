// The files the popup and the panel export: the report as JSON, the review document as
// Markdown (the command-line grader's writer), and the page's responses as a HAR 1.2 log.

import { formatMarkdown } from '../cli/formats/markdown';
import { type HarLog, writeHar } from '../scoring/har';
import type { HeaderPair, Report, ResponseRecord } from '../scoring/types';
import type { RecordedResponse } from '../shared/messages';

export interface ExportFile {
  name: string;
  mimeType: string;
  text: string;
}

/** Names the input of the review document, which the CLI names by its file. */
const RECORDING_NAME = 'recorded in the browser by Hardening Inspector';

export function reportJsonFile(report: Report): ExportFile {
  return {
    name: `${fileStem(report.url)}.report.json`,
    mimeType: 'application/json',
    text: `${JSON.stringify(report, null, 2)}\n`,
  };
}

export function reportMarkdownFile(report: Report): ExportFile {
  return {
    name: `${fileStem(report.url)}.review.md`,
    mimeType: 'text/markdown',
    text: formatMarkdown([{ file: RECORDING_NAME, part: '', report }]),
  };
}

export function harFile(
  record: ResponseRecord,
  responses: readonly RecordedResponse[],
  startedDateTime: string,
): ExportFile {
  return {
    name: `${fileStem(record.url)}.har`,
    mimeType: 'application/json',
    text: `${JSON.stringify(buildHarLog(record, responses, startedDateTime), null, 2)}\n`,
  };
}

/**
 * Writes the page's record as a HAR log with `writeHar`, then fills each subresource entry
 * with the status and headers of its recorded response, which the record alone lacks.
 * `writeHar` writes the redirect hops, the document, then one entry per subresource in the
 * record's order, so the entries after the document line up with `record.subresources`. A
 * subresource without a recorded response keeps status 0, as browsers export failed requests.
 */
export function buildHarLog(
  record: ResponseRecord,
  responses: readonly RecordedResponse[],
  startedDateTime: string,
): HarLog {
  const har = writeHar([record], { startedDateTime });
  const firstSubresource = (record.redirects?.length ?? 0) + 1;

  (record.subresources ?? []).forEach((subresource, index) => {
    const entry = har.log.entries[firstSubresource + index];
    const response = finalResponse(responses, subresource.url, subresource.type);
    if (entry === undefined || response === undefined) {
      return;
    }
    entry.response.status = response.status;
    entry.response.headers = response.headers.map(([name, value]) => ({ name, value }));
    entry.response.content.mimeType = headerValue(response.headers, 'content-type') ?? '';
  });
  return har;
}

/** Returns the last response of a URL and type that is not a redirect, else the last one. */
function finalResponse(
  responses: readonly RecordedResponse[],
  url: string,
  type: string,
): RecordedResponse | undefined {
  const matching = responses.filter((response) => response.url === url && response.type === type);
  const final = matching.filter((response) => response.status < 300 || response.status >= 400);
  return final.at(-1) ?? matching.at(-1);
}

function headerValue(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([headerName]) => headerName.toLowerCase() === name)?.[1];
}

/** Makes a file name from a page URL: `shop.example.test-account` for `/account/`. */
export function fileStem(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'page';
  }
  const path = parsed.pathname.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  const host = parsed.host.replace(/[^A-Za-z0-9._-]+/g, '-');
  return path === '' ? host : `${host}-${path}`;
}
