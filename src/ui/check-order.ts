// The order of a report's checks on screen: what needs fixing first.

import type { CheckResult, Fix, Stack, Verdict } from '../scoring/types';

const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  fail: 0,
  warn: 1,
  info: 2,
  pass: 3,
  'n/a': 4,
};

/**
 * Sorts checks by verdict (fail, warn, info, pass, n/a) and, within a verdict, by modifier with
 * the largest penalty first. Checks that tie keep the report's order.
 */
export function sortChecksForDisplay(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) => VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.modifier - b.modifier,
  );
}

/** Moves the fix for the detected stack to the front and keeps the others in their order. */
export function detectedStackFirst(fixes: readonly Fix[], stack: Stack): Fix[] {
  return [
    ...fixes.filter((fix) => fix.stack === stack),
    ...fixes.filter((fix) => fix.stack !== stack),
  ];
}
