import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hasNonTokenCharacters, parseReferrerPolicy } from './referrer-policy';

// Source: Referrer Policy spec, "parse a referrer policy from a Referrer-Policy header";
// case-insensitive tokens as Chromium's SecurityPolicy::ReferrerPolicyFromString.
describe('parseReferrerPolicy', () => {
  test.each([
    { lines: ['no-referrer'], policy: 'no-referrer', source: 'one token' },
    {
      lines: ['unsafe-url, strict-origin'],
      policy: 'strict-origin',
      source: 'the last token wins',
    },
    {
      lines: ['strict-origin', 'unsafe-url'],
      policy: 'unsafe-url',
      source: 'lines split like one list',
    },
    { lines: ['same-origin, foo'], policy: 'same-origin', source: 'unknown tokens are skipped' },
    { lines: ['foo, origin'], policy: 'origin', source: 'unknown tokens are skipped' },
    { lines: ['no-referrer,'], policy: 'no-referrer', source: 'empty tokens are skipped' },
    {
      lines: ['  Strict-Origin-When-Cross-Origin '],
      policy: 'strict-origin-when-cross-origin',
      source: 'trimmed, case-insensitive',
    },
    { lines: ['no-referrer\tstrict-origin'], policy: null, source: 'only commas separate tokens' },
    { lines: ['never'], policy: null, source: 'legacy <meta> keywords are not header tokens' },
    { lines: ['"no-referrer"'], policy: null, source: 'quotes are not stripped' },
    { lines: [''], policy: null, source: 'an empty header contains no policy' },
  ])('reads $lines as $policy ($source)', ({ lines, policy }) => {
    const result = parseReferrerPolicy(lines);

    if (policy === null) {
      expect(result.state).toBe('invalid');
    } else {
      expect(result).toMatchObject({ state: 'recognised', policy });
    }
  });

  test('parseReferrerPolicy is missing without lines', () => {
    expect(parseReferrerPolicy([])).toEqual({ state: 'missing' });
  });

  test('parseReferrerPolicy lists the skipped tokens', () => {
    expect(parseReferrerPolicy(['x-policy, same-origin, ,  y '])).toEqual({
      state: 'recognised',
      policy: 'same-origin',
      value: 'x-policy, same-origin, ,  y ',
      unknownTokens: ['x-policy', 'y'],
    });
  });

  test.each([
    ['no-referrer', false],
    ['foo-bar', false],
    ['foo_bar', true],
    ['"same-origin"', true],
  ])('hasNonTokenCharacters(%j) is %s', (token, expected) => {
    expect(hasNonTokenCharacters(token)).toBe(expected);
  });

  test('parseReferrerPolicy returns a result for any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (lines) => {
        const result = parseReferrerPolicy(lines);
        expect(['missing', 'recognised', 'invalid']).toContain(result.state);
      }),
    );
  });

  test('parseReferrerPolicy reads a 1 MB header quickly', () => {
    const huge = 'x,'.repeat(500_000) + 'no-referrer';
    const started = performance.now();

    expect(parseReferrerPolicy([huge])).toMatchObject({ policy: 'no-referrer' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
