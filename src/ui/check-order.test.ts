import { describe, expect, test } from 'vitest';

import type { Fix, Stack } from '../scoring/types';

import { detectedStackFirst, sortChecksForDisplay } from './check-order';
import { buildCheck } from './testing/reports';

describe('sortChecksForDisplay', () => {
  test('puts verdicts in fail, warn, info, pass, n/a order', () => {
    const checks = [
      buildCheck({ id: 'https', verdict: 'n/a' }),
      buildCheck({ id: 'hsts', verdict: 'pass' }),
      buildCheck({ id: 'csp', verdict: 'info' }),
      buildCheck({ id: 'cors', verdict: 'warn' }),
      buildCheck({ id: 'cookies', verdict: 'fail' }),
    ];

    expect(sortChecksForDisplay(checks).map((check) => check.verdict)).toEqual([
      'fail',
      'warn',
      'info',
      'pass',
      'n/a',
    ]);
  });

  test('puts the larger penalty first and keeps ties in report order', () => {
    const checks = [
      buildCheck({ id: 'https', verdict: 'fail', modifier: 0 }),
      buildCheck({ id: 'hsts', verdict: 'fail', modifier: -20 }),
      buildCheck({ id: 'csp', verdict: 'fail', modifier: -25 }),
      buildCheck({ id: 'frame-options', verdict: 'fail', modifier: -20 }),
    ];

    expect(sortChecksForDisplay(checks).map((check) => check.id)).toEqual([
      'csp',
      'hsts',
      'frame-options',
      'https',
    ]);
  });

  test('leaves its input unchanged', () => {
    const checks = [
      buildCheck({ id: 'https', verdict: 'pass' }),
      buildCheck({ id: 'csp', verdict: 'fail' }),
    ];

    sortChecksForDisplay(checks);

    expect(checks.map((check) => check.id)).toEqual(['https', 'csp']);
  });
});

describe('detectedStackFirst', () => {
  const fixes: Fix[] = (['django', 'nginx', 'apache', 'express', 'caddy'] as const).map(
    (stack) => ({
      stack,
      where: 'config',
      code: stack,
    }),
  );

  test.each<[Stack, string[]]>([
    ['caddy', ['caddy', 'django', 'nginx', 'apache', 'express']],
    ['django', ['django', 'nginx', 'apache', 'express', 'caddy']],
    ['unknown', ['django', 'nginx', 'apache', 'express', 'caddy']],
  ])('stack %s gives %j', (stack, expected) => {
    expect(detectedStackFirst(fixes, stack).map((fix) => fix.stack)).toEqual(expected);
  });
});
