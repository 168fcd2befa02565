import fc from 'fast-check';
import { assert, describe, expect, test } from 'vitest';
import { parsePolicy } from './csp';
import { determineFramingControl, parseXFrameOptions } from './x-frame-options';

// Source: HTML Standard, "check a navigation response's adherence to X-Frame-Options".
describe('parseXFrameOptions', () => {
  test.each([
    { lines: ['DENY'], state: 'deny', source: 'step 8: deny' },
    { lines: ['deny'], state: 'deny', source: 'step 5: lowercased' },
    { lines: [' SameOrigin '], state: 'sameorigin', source: 'step 9: sameorigin, trimmed' },
    { lines: ['DENY', 'deny'], state: 'deny', source: 'step 5: a set, so repeats collapse' },
    { lines: ['DENY, DENY'], state: 'deny', source: 'split on commas' },
    {
      lines: ['DENY', 'SAMEORIGIN'],
      state: 'conflicting',
      source: 'step 6: several values, one recognised',
    },
    {
      lines: ['SAMEORIGIN, ALLOWALL'],
      state: 'conflicting',
      source: 'step 6: allowall counts as recognised',
    },
    {
      lines: ['DENY,'],
      state: 'conflicting',
      source: 'step 6: a trailing comma adds an empty value',
    },
    { lines: ['ALLOWALL'], state: 'allowall', source: 'step 10: allowed' },
    {
      lines: ['ALLOW-FROM https://example.test/'],
      state: 'allow-from',
      source: 'not supported, allowed',
    },
    {
      lines: ['allow-from a, allow-from b'],
      state: 'allow-from',
      source: 'step 7: several unrecognised values allow',
    },
    { lines: ['"DENY"'], state: 'invalid', source: 'quotes are kept, so unrecognised' },
    { lines: ['DENY;'], state: 'invalid', source: 'unrecognised value' },
    { lines: ['foo, bar'], state: 'invalid', source: 'step 7: several unrecognised values allow' },
    { lines: [''], state: 'invalid', source: 'an empty value is unrecognised' },
    { lines: [], state: 'missing', source: 'no header' },
  ])('reads $lines as $state ($source)', ({ lines, state }) => {
    expect(parseXFrameOptions(lines).state).toBe(state);
  });

  test('parseXFrameOptions keeps the distinct values of a conflict', () => {
    expect(parseXFrameOptions(['DENY', 'sameorigin, Deny'])).toEqual({
      state: 'conflicting',
      value: 'DENY, sameorigin, Deny',
      values: ['deny', 'sameorigin'],
    });
  });

  test('parseXFrameOptions returns a result for any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (lines) => {
        expect(parseXFrameOptions(lines).state).toBeTypeOf('string');
      }),
    );
  });

  test('parseXFrameOptions reads a 1 MB header quickly', () => {
    const started = performance.now();

    expect(parseXFrameOptions(['DENY,'.repeat(200_000)]).state).toBe('conflicting');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('determineFramingControl', () => {
  const header = (text: string) => parsePolicy(text, 'header', 'enforce');
  const meta = (text: string) => parsePolicy(text, 'meta', 'enforce');

  test('frame-ancestors makes browsers ignore X-Frame-Options', () => {
    const control = determineFramingControl(['DENY'], [header('frame-ancestors *')]);

    expect(control).toMatchObject({ by: 'frame-ancestors', scope: 'any' });
    assert(control.by === 'frame-ancestors');
    expect(control.ignoredXFrameOptions.state).toBe('deny');
  });

  test('X-Frame-Options applies without frame-ancestors', () => {
    const control = determineFramingControl(['SAMEORIGIN'], [header("default-src 'self'")]);

    assert(control.by === 'x-frame-options');
    expect(control.xFrameOptions.state).toBe('sameorigin');
  });

  test('a <meta> policy never supplies frame-ancestors', () => {
    const control = determineFramingControl([], [meta("frame-ancestors 'none'")]);

    assert(control.by === 'x-frame-options');
    expect(control.xFrameOptions.state).toBe('missing');
  });

  test.each([
    { lists: ["'none'"], scope: 'none' },
    { lists: [''], scope: 'none' },
    { lists: ["'self'"], scope: 'limited' },
    { lists: ["'none' https://a.example.test"], scope: 'limited' },
    { lists: ['none'], scope: 'limited' },
    { lists: ['https:'], scope: 'any' },
    { lists: ['https://*'], scope: 'any' },
    { lists: ['*', "'self'"], scope: 'limited' },
    { lists: ['*', "'none'"], scope: 'none' },
  ])('frame-ancestors $lists is $scope (strictest policy wins)', ({ lists, scope }) => {
    const policies = lists.map((values) => header(`frame-ancestors ${values}`));

    expect(determineFramingControl([], policies)).toMatchObject({ by: 'frame-ancestors', scope });
  });
});
