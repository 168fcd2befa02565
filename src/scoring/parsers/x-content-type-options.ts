// X-Content-Type-Options as browsers read it (Fetch standard, "determine nosniff"), and
// Fetch's "get, decode, and split" that several framing and sniffing headers share.

/**
 * Combines a header's lines with ", " and splits the result on commas outside double
 * quotes, trimming spaces and tabs (Fetch standard, "get, decode, and split"). Quoted
 * strings keep their quotes. Returns null when the header is absent.
 */
export function getDecodeSplit(lines: readonly string[]): string[] | null {
  if (lines.length === 0) {
    return null;
  }
  const input = lines.join(', ');
  const values: string[] = [];
  let position = 0;
  let temporaryValue = '';

  for (;;) {
    const stop = nextQuoteOrComma(input, position);
    temporaryValue += input.slice(position, stop);
    position = stop;

    if (position < input.length && input[position] === '"') {
      const end = quotedStringEnd(input, position);
      temporaryValue += input.slice(position, end);
      position = end;
      if (position < input.length) {
        continue;
      }
    }

    values.push(trimTabsAndSpaces(temporaryValue));
    temporaryValue = '';
    if (position >= input.length) {
      return values;
    }
    // The character at `position` is a comma.
    position += 1;
  }
}

function nextQuoteOrComma(input: string, from: number): number {
  for (let index = from; index < input.length; index++) {
    const char = input[index];
    if (char === '"' || char === ',') {
      return index;
    }
  }
  return input.length;
}

/** Returns the index just past an HTTP quoted string that opens at `start`, or the input's end. */
function quotedStringEnd(input: string, start: number): number {
  let position = start + 1;
  while (position < input.length) {
    const char = input[position];
    if (char === '\\') {
      position += 2;
      continue;
    }
    position += 1;
    if (char === '"') {
      return position;
    }
  }
  return input.length;
}

/** Trims HTTP tabs and spaces with index loops, because a `[\t ]+$` regex backtracks quadratically on long runs of spaces. */
export function trimTabsAndSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isTabOrSpace(value[start])) {
    start++;
  }
  while (end > start && isTabOrSpace(value[end - 1])) {
    end--;
  }
  return value.slice(start, end);
}

function isTabOrSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t';
}

export type XContentTypeOptions =
  | { state: 'missing' }
  /** `nosniff` applies. `value` is the combined header as received. */
  | { state: 'nosniff'; value: string }
  /** The first value is not `nosniff`, so browsers may sniff. */
  | { state: 'invalid'; value: string; firstValue: string };

/**
 * Parses X-Content-Type-Options lines: the first comma-separated value of the combined
 * header, trimmed, is compared ASCII case-insensitively to `nosniff`.
 */
export function parseXContentTypeOptions(lines: readonly string[]): XContentTypeOptions {
  const values = getDecodeSplit(lines);
  if (values === null) {
    return { state: 'missing' };
  }
  const value = lines.join(', ');
  const firstValue = values[0] ?? '';
  if (firstValue.toLowerCase() === 'nosniff') {
    return { state: 'nosniff', value };
  }
  return { state: 'invalid', value, firstValue };
}
