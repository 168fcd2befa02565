import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { getDecodeSplit, parseXContentTypeOptions } from './x-content-type-options';

// Sources: Fetch standard, "get, decode, and split" and "determine nosniff".
describe('getDecodeSplit', () => {
  test.each([
    { lines: ['a'], values: ['a'], source: 'one value' },
    { lines: ['a, b'], values: ['a', 'b'], source: 'split on commas, tabs and spaces trimmed' },
    { lines: ['a', 'b'], values: ['a', 'b'], source: 'lines combined with ", "' },
    { lines: [' \ta \t'], values: ['a'], source: 'HTTP tab or space trimmed' },
    {
      lines: ['"a, b", c'],
      values: ['"a, b"', 'c'],
      source: 'no split inside a quoted string, quotes kept',
    },
    { lines: ['"a\\", b"'], values: ['"a\\", b"'], source: 'a backslash escapes the quote' },
    {
      lines: ['"open, ended'],
      values: ['"open, ended'],
      source: 'an unterminated quote runs to the end',
    },
    { lines: [''], values: [''], source: 'an empty line is one empty value' },
    { lines: ['a,'], values: ['a', ''], source: 'a trailing comma adds an empty value' },
    { lines: [',,'], values: ['', '', ''], source: 'only commas' },
  ])('splits $lines ($source)', ({ lines, values }) => {
    expect(getDecodeSplit(lines)).toEqual(values);
  });

  test('getDecodeSplit returns null without lines', () => {
    expect(getDecodeSplit([])).toBeNull();
  });
});

describe('parseXContentTypeOptions', () => {
  test.each([
    { lines: ['nosniff'], state: 'nosniff' },
    { lines: ['NoSniff'], state: 'nosniff' },
    { lines: ['  nosniff  '], state: 'nosniff' },
    { lines: ['nosniff, nosniff'], state: 'nosniff' },
    { lines: ['nosniff', 'garbage'], state: 'nosniff' },
    { lines: ['nosniff, garbage'], state: 'nosniff' },
    { lines: ['garbage, nosniff'], state: 'invalid' },
    { lines: ['garbage', 'nosniff'], state: 'invalid' },
    { lines: ['"nosniff"'], state: 'invalid' },
    { lines: ['nosniff;'], state: 'invalid' },
    { lines: ['no-sniff'], state: 'invalid' },
    { lines: [''], state: 'invalid' },
    { lines: [], state: 'missing' },
  ])('reads $lines as $state (Fetch, determine nosniff)', ({ lines, state }) => {
    expect(parseXContentTypeOptions(lines).state).toBe(state);
  });

  test('parseXContentTypeOptions quotes the first value when invalid', () => {
    expect(parseXContentTypeOptions(['  sniff , nosniff'])).toEqual({
      state: 'invalid',
      value: '  sniff , nosniff',
      firstValue: 'sniff',
    });
  });

  test('parseXContentTypeOptions returns a result for any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (lines) => {
        const result = parseXContentTypeOptions(lines);
        expect(['missing', 'nosniff', 'invalid']).toContain(result.state);
      }),
    );
  });

  test('parseXContentTypeOptions reads a 1 MB header quickly', () => {
    const huge = 'nosniff' + ' '.repeat(1_000_000) + ',' + '"'.repeat(3) + 'x'.repeat(1_000_000);
    const started = performance.now();

    expect(parseXContentTypeOptions([huge]).state).toBe('nosniff');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
