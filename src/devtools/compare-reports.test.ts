import { describe, expect, test } from 'vitest';

import type { CheckResult, Report } from '../scoring/types';
import { buildCheck, buildReport } from '../ui/testing/reports';

import { compareReports, productionOnlyFindings } from './compare-reports';

function report(grade: Report['grade'], score: number, checks: CheckResult[]): Report {
  return buildReport({ grade, score, checks });
}

describe('compareReports', () => {
  const before = report('C', 55, [
    buildCheck({
      id: 'frame-options',
      verdict: 'fail',
      modifier: -20,
      evidence: 'no X-Frame-Options header',
    }),
    buildCheck({ id: 'hsts', verdict: 'pass', modifier: 0, evidence: 'max-age=31536000' }),
    buildCheck({ id: 'referrer-policy', verdict: 'info', evidence: 'no Referrer-Policy header' }),
    buildCheck({ id: 'csp', verdict: 'fail', modifier: -25, evidence: 'no policy' }),
  ]);
  const after = report('B', 75, [
    buildCheck({
      id: 'frame-options',
      verdict: 'pass',
      modifier: 5,
      evidence: 'X-Frame-Options: "DENY"',
    }),
    buildCheck({ id: 'hsts', verdict: 'warn', modifier: -10, evidence: 'max-age=86400' }),
    buildCheck({ id: 'referrer-policy', verdict: 'fail', modifier: 0, evidence: 'unsafe-url' }),
    buildCheck({ id: 'csp', verdict: 'fail', modifier: -25, evidence: 'invalid policy' }),
  ]);

  test('lists worse, then better, then changed', () => {
    const comparison = compareReports(before, after);

    expect(comparison.changes.map((change) => [change.id, change.direction])).toEqual([
      ['hsts', 'worse'],
      ['referrer-policy', 'worse'],
      ['frame-options', 'better'],
      ['csp', 'changed'],
    ]);
  });

  test('keeps both evidences and the grades', () => {
    const comparison = compareReports(before, after);
    const framing = comparison.changes.find((change) => change.id === 'frame-options');

    expect(framing?.before?.evidence).toBe('no X-Frame-Options header');
    expect(framing?.after.evidence).toBe('X-Frame-Options: "DENY"');
    expect([comparison.gradeBefore, comparison.gradeAfter]).toEqual(['C', 'B']);
    expect([comparison.scoreBefore, comparison.scoreAfter]).toEqual([55, 75]);
  });

  test('identical reports have no changes', () => {
    expect(compareReports(before, before).changes).toEqual([]);
  });

  test('check missing before counts as changed', () => {
    const comparison = compareReports(report('B', 70, []), after);

    expect(comparison.changes.every((change) => change.direction === 'changed')).toBe(true);
    expect(comparison.changes[0]?.before).toBeUndefined();
  });
});

describe('productionOnlyFindings', () => {
  test('lists findings that differ from the development host', () => {
    const development = report('B', 75, [
      buildCheck({ id: 'hsts', verdict: 'n/a' }),
      buildCheck({ id: 'frame-options', verdict: 'fail', modifier: -20 }),
      buildCheck({ id: 'csp', verdict: 'pass' }),
    ]);
    const production = report('D', 35, [
      buildCheck({ id: 'hsts', verdict: 'fail', modifier: -20 }),
      buildCheck({ id: 'frame-options', verdict: 'fail', modifier: -20 }),
      buildCheck({ id: 'csp', verdict: 'pass' }),
    ]);

    expect(productionOnlyFindings(development, production).map((check) => check.id)).toEqual([
      'hsts',
    ]);
  });
});
