// Structured field values (RFC 8941, RFC 9651) parsed without throwing, for the checks of
// headers that the HTML Standard and Permissions Policy define as structured fields.

import {
  parseDictionary,
  parseItem,
  Token,
  type BareItem,
  type Dictionary,
  type Item,
} from 'structured-headers';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Combines the lines of a repeated header as RFC 8941 §4.2 requires of a parser: joined
 * with a comma, so two lines of a header whose value must be one item fail to parse.
 */
export function combineFieldLines(lines: readonly string[]): string {
  return lines.join(', ');
}

export function parseStructuredItem(value: string): ParseResult<Item> {
  return attempt(() => parseItem(value));
}

export function parseStructuredDictionary(value: string): ParseResult<Dictionary> {
  return attempt(() => parseDictionary(value));
}

/** Returns the token's text, or undefined when the bare item is not a token. */
export function tokenText(item: BareItem): string | undefined {
  return item instanceof Token ? item.toString() : undefined;
}

// The package throws its ParseError for malformed input and may throw other errors, for
// example on a byte sequence that is not valid base64. Each of them means an invalid field.
function attempt<T>(parse: () => T): ParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
