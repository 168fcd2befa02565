// Turns the text of one input file into the response records to grade: a response
// record as JSON, or a HAR log with one record per page.

import { readHar } from '../scoring/har';
import type { ResponseRecord } from '../scoring/types';

export interface InputDocument {
  /** The document's place in the input: empty for a record file, `page ID` (and `frame N`) for a HAR. */
  part: string;
  record: ResponseRecord;
}

export type InputResult =
  { ok: true; documents: InputDocument[]; warnings: string[] } | { ok: false; error: string };

export interface ReadInputOptions {
  /** Also return the document of every frame of a HAR page. */
  frames: boolean;
}

export function parseInput(text: string, options: ReadInputOptions): InputResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `invalid JSON: ${oneLine(reason)}` };
  }

  if (isObject(value) && 'log' in value) {
    return readHarInput(value, options);
  }
  if (isObject(value) && 'grade' in value && 'checks' in value) {
    return {
      ok: false,
      error:
        'this is a report, not a response record: grade the HAR export of the page instead ' +
        '("Responses (HAR)" in the popup or the DevTools panel)',
    };
  }
  const problem = validateRecord(value);
  if (problem !== null) {
    return { ok: false, error: `not a response record or a HAR file: ${problem}` };
  }
  return { ok: true, documents: [{ part: '', record: value as ResponseRecord }], warnings: [] };
}

function readHarInput(value: unknown, options: ReadInputOptions): InputResult {
  const result = readHar(value);
  if (!result.ok) {
    return result;
  }
  const documents: InputDocument[] = [];
  for (const page of result.pages) {
    const pageName = page.id === null ? 'entries without a page' : `page ${page.id}`;
    documents.push({ part: pageName, record: page.document });
    if (options.frames) {
      page.frames.forEach((frame, index) => {
        documents.push({ part: `${pageName}, frame ${index + 1}`, record: frame });
      });
    }
  }
  return { ok: true, documents, warnings: result.warnings };
}

/**
 * Checks the shape of a response record: `url`, `status` and `headers` are required, and
 * the optional fields must have their documented types. Returns what is wrong, or null.
 */
export function validateRecord(value: unknown): string | null {
  if (!isObject(value)) {
    return `expected a JSON object, got ${describe(value)}`;
  }
  if (value.url === undefined) {
    return 'missing "url"';
  }
  if (typeof value.url !== 'string' || !URL.canParse(value.url)) {
    return `"url" must be an absolute URL, got ${describe(value.url)}`;
  }
  if (value.status === undefined) {
    return 'missing "status"';
  }
  if (typeof value.status !== 'number' || !Number.isInteger(value.status)) {
    return `"status" must be an integer HTTP status, got ${describe(value.status)}`;
  }
  if (value.headers === undefined) {
    return 'missing "headers"';
  }

  return (
    checkHeaderPairs(value.headers, 'headers') ??
    checkHeaderPairs(value.requestHeaders, 'requestHeaders', true) ??
    checkArray(value.setCookies, 'setCookies', (item) =>
      typeof item === 'string' ? null : 'must be a string',
    ) ??
    checkArray(value.redirects, 'redirects', checkRedirect) ??
    checkArray(value.scripts, 'scripts', (item) => checkUrlObject(item, {})) ??
    checkArray(value.subresources, 'subresources', (item) =>
      checkUrlObject(item, { type: 'string' }),
    ) ??
    checkArray(value.cookies, 'cookies', checkCookie) ??
    checkOptional(value.html, 'html', 'string') ??
    checkOptional(value.source, 'source', 'string')
  );
}

function checkHeaderPairs(value: unknown, field: string, optional = false): string | null {
  if (value === undefined && optional) {
    return null;
  }
  if (!Array.isArray(value)) {
    return (
      `"${field}" must be an array of [name, value] pairs, got ${describe(value)}: ` +
      'write it as [["strict-transport-security", "max-age=31536000"], ["x-frame-options", "DENY"]]'
    );
  }
  const index = value.findIndex(
    (pair) =>
      !Array.isArray(pair) ||
      pair.length !== 2 ||
      typeof pair[0] !== 'string' ||
      typeof pair[1] !== 'string',
  );
  return index === -1
    ? null
    : `"${field}[${index}]" must be a [name, value] pair of strings, got ${describe(value[index])}`;
}

function checkArray(
  value: unknown,
  field: string,
  checkItem: (item: unknown) => string | null,
): string | null {
  if (value === undefined) {
    return null;
  }
  if (!Array.isArray(value)) {
    return `"${field}" must be an array, got ${describe(value)}`;
  }
  for (const [index, item] of value.entries()) {
    const problem = checkItem(item);
    if (problem !== null) {
      return `"${field}[${index}]" ${problem}`;
    }
  }
  return null;
}

function checkRedirect(item: unknown): string | null {
  const problem = checkUrlObject(item, { status: 'number' });
  if (problem !== null) {
    return problem;
  }
  const hop = item as Record<string, unknown>;
  if (hop.location !== undefined && typeof hop.location !== 'string') {
    return `must have a string "location", got ${describe(hop.location)}`;
  }
  return hop.headers === undefined ? null : checkHeaderPairs(hop.headers, 'headers');
}

function checkCookie(item: unknown): string | null {
  if (!isObject(item)) {
    return `must be an object, got ${describe(item)}`;
  }
  return typeof item.name === 'string'
    ? null
    : `must have a string "name", got ${describe(item.name)}`;
}

function checkUrlObject(
  item: unknown,
  fields: Readonly<Record<string, 'string' | 'number'>>,
): string | null {
  if (!isObject(item)) {
    return `must be an object, got ${describe(item)}`;
  }
  for (const [field, type] of Object.entries({ url: 'string', ...fields })) {
    if (typeof item[field] !== type) {
      return `must have a ${type} "${field}", got ${describe(item[field])}`;
    }
  }
  return null;
}

function checkOptional(value: unknown, field: string, type: 'string'): string | null {
  return value === undefined || typeof value === type
    ? null
    : `"${field}" must be a ${type}, got ${describe(value)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a JSON value for an error message, short enough for one line. */
function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
