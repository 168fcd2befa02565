import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseHstsHeader, parseHstsValue } from './hsts';

describe('parseHstsValue', () => {
  // Each row: the value, the expected policy fields, and the rule that decides it.
  test.each([
    ['max-age=31536000', 31536000, false, false, 'RFC 6797 §6.1.1: max-age in seconds'],
    ['max-age=31536000; includeSubDomains', 31536000, true, false, 'RFC 6797 §6.1.2'],
    [
      'MAX-AGE=10; INCLUDESUBDOMAINS',
      10,
      true,
      false,
      'RFC 6797 §6.1 rule 3: names are case-insensitive',
    ],
    ['max-age="31536000"', 31536000, false, false, 'RFC 6797 §6.1.1: max-age may be quoted'],
    ['includeSubDomains; max-age=5', 5, true, false, 'RFC 6797 §6.1 rule 1: order does not matter'],
    [
      'max-age = 60 ; includeSubDomains',
      60,
      true,
      false,
      'RFC 6797 §6.1: implied whitespace around tokens',
    ],
    [
      'max-age=60;;includeSubDomains;',
      60,
      true,
      false,
      'RFC 6797 §6.1: empty directives are allowed',
    ],
    ['max-age=0', 0, false, false, 'RFC 6797 §6.1.1: zero deletes the policy, but is valid'],
    [
      'max-age=007',
      7,
      false,
      false,
      'RFC 6797 §6.1.1: delta-seconds = 1*DIGIT, leading zeros included',
    ],
    [
      'max-age=31536000; includeSubDomains; preload',
      31536000,
      true,
      true,
      'preload list: a valueless directive',
    ],
    [
      'max-age=31536000; preload="yes"',
      31536000,
      false,
      false,
      'preload with a value is not the preload flag',
    ],
    [
      'max-age=1; report-uri="https://a.test/;x"',
      1,
      false,
      false,
      'RFC 6797 §6.1 rule 5: unknown directives are skipped',
    ],
  ])('%s is valid', (value, maxAge, includeSubDomains, preload) => {
    const policy = parseHstsValue(value);
    expect(policy.state).toBe('valid');
    if (policy.state === 'valid') {
      expect(policy.maxAge).toBe(maxAge);
      expect(policy.includeSubDomains).toBe(includeSubDomains);
      expect(policy.preload).toBe(preload);
    }
  });

  test.each([
    ['', 'required directive "max-age" is missing', 'RFC 6797 §6.1.1: max-age is required'],
    ['includeSubDomains', 'required directive "max-age" is missing', 'RFC 6797 §6.1.1'],
    ['max-age', '"max-age" has no value', 'RFC 6797 §6.1.1: max-age = delta-seconds'],
    ['max-age=', 'has "=" but no value', 'RFC 6797 §6.1: directive-value = token | quoted-string'],
    ['max-age=abc', 'not a whole number of seconds', 'RFC 6797 §6.1.1: delta-seconds = 1*DIGIT'],
    ['max-age=-1', 'not a whole number of seconds', 'RFC 6797 §6.1.1: no sign allowed'],
    ['max-age=1.5', 'not a whole number of seconds', 'RFC 6797 §6.1.1: no fraction allowed'],
    ['max-age="31536000', 'no closing quote', 'RFC 7230 §3.2.6: quoted-string'],
    [
      'max-age="31536000 junk"',
      'not a whole number of seconds',
      'RFC 6797 §6.1.1: a quoted value is still delta-seconds',
    ],
    ['max-age="10"junk', 'unexpected character "j"', 'RFC 6797 §6.1: ";" must follow a directive'],
    [
      'max-age=1; max-age=2',
      'appears more than once',
      'RFC 6797 §6.1 rule 2: directives appear once',
    ],
    [
      'max-age=1; includeSubDomains; INCLUDESUBDOMAINS',
      'appears more than once',
      'RFC 6797 §6.1 rule 2',
    ],
    [
      'max-age=1; includeSubDomains=true',
      'takes no value',
      'RFC 6797 §6.1.2: a valueless directive',
    ],
    [
      'max-age=31536000, max-age=31536000',
      'unexpected character ","',
      'RFC 6797 §6.1: "," is not in a token',
    ],
    [
      'max-age=1 includeSubDomains',
      'unexpected character "i"',
      'RFC 6797 §6.1: directives are split by ";"',
    ],
    ['max-age=1; @', 'unexpected character "@"', 'RFC 7230 §3.2.6: "@" is not a tchar'],
    [
      'max-age=1;\u0000',
      'unexpected character "U+0000"',
      'RFC 7230 §3.2.6: control characters are not tchars',
    ],
  ])('%j is invalid', (value, reason) => {
    const policy = parseHstsValue(value);
    expect(policy.state).toBe('invalid');
    if (policy.state === 'invalid') {
      expect(policy.reason).toContain(reason);
      expect(policy.value).toBe(value);
    }
  });

  test('hsts caps a huge max-age at the largest safe integer', () => {
    const policy = parseHstsValue(`max-age=${'9'.repeat(400)}`);
    expect(policy).toMatchObject({ state: 'valid', maxAge: Number.MAX_SAFE_INTEGER });
  });

  test('hsts keeps a large max-age that still fits exactly', () => {
    const policy = parseHstsValue('max-age=000000000000000000063072000');
    expect(policy).toMatchObject({ state: 'valid', maxAge: 63072000 });
  });

  test('hsts lists unknown directives in lower case', () => {
    const policy = parseHstsValue('max-age=1; includeSubDomain; Foo=bar');
    expect(policy).toMatchObject({
      state: 'valid',
      unknownDirectives: ['includesubdomain', 'foo'],
    });
  });

  test('hsts shortens a huge name inside the reason', () => {
    const policy = parseHstsValue(`max-age=1; ${'n'.repeat(5000)}=`);
    expect(policy).toMatchObject({
      state: 'invalid',
      reason: `the directive "${'n'.repeat(40)}…" has "=" but no value`,
    });
  });

  test('hsts unescapes a quoted max-age', () => {
    expect(parseHstsValue('max-age="1\\2"')).toMatchObject({ state: 'valid', maxAge: 12 });
  });
});

describe('parseHstsHeader', () => {
  test('hsts uses only the first header line', () => {
    // RFC 6797 §8.1: the UA processes only the first Strict-Transport-Security field.
    const policy = parseHstsHeader(['max-age=60', 'max-age=31536000; includeSubDomains'], {
      https: true,
    });
    expect(policy).toMatchObject({ state: 'valid', maxAge: 60, includeSubDomains: false });
  });

  test('hsts stays invalid when only the first line is broken', () => {
    const policy = parseHstsHeader(['max-age=abc', 'max-age=31536000'], { https: true });
    expect(policy.state).toBe('invalid');
  });

  test('hsts is ignored on plain HTTP', () => {
    // RFC 6797 §8.1: a UA must ignore the header received over insecure transport.
    expect(parseHstsHeader(['max-age=31536000'], { https: false })).toEqual({
      state: 'missing',
      reason: 'plain-http',
    });
  });

  test('hsts is missing without a header line', () => {
    expect(parseHstsHeader([], { https: true })).toEqual({ state: 'missing', reason: 'absent' });
  });
});

describe('parseHstsValue on any input', () => {
  test('hsts returns a policy and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        const policy = parseHstsValue(value);
        expect(['valid', 'invalid']).toContain(policy.state);
        if (policy.state === 'valid') {
          expect(Number.isSafeInteger(policy.maxAge)).toBe(true);
          expect(policy.maxAge).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  test('hsts parses directive lists built from the grammar', () => {
    const directive = fc.constantFrom('includeSubDomains', 'preload', 'foo=bar', 'x="a;b"', '');
    fc.assert(
      fc.property(fc.nat(), fc.uniqueArray(directive), (maxAge, others) => {
        const value = [`max-age=${maxAge}`, ...others].join('; ');
        expect(parseHstsValue(value)).toMatchObject({ state: 'valid', maxAge });
      }),
    );
  });

  test('hsts handles a 1 MB value in linear time', () => {
    const started = performance.now();
    const huge = parseHstsValue(`max-age=1; ${'a'.repeat(1024 * 1024)}`);
    const spaces = parseHstsValue(`max-age=1;${' '.repeat(1024 * 1024)}x=`);
    const quoted = parseHstsValue(`max-age="${'1'.repeat(1024 * 1024)}`);
    expect(huge).toMatchObject({ state: 'valid', maxAge: 1 });
    expect(spaces.state).toBe('invalid');
    expect(quoted.state).toBe('invalid');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
