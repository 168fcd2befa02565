// The comparison of two loads of the same page: the checks that got better or worse, with the
// evidence of each load, and the grade and score of both.

import type { CheckId, CheckResult, Grade, Report, Verdict } from '../scoring/types';

export type ChangeDirection = 'better' | 'worse' | 'changed';

export interface CheckChange {
  id: CheckId;
  title: string;
  direction: ChangeDirection;
  /** The check in the earlier load, or undefined when that load's report lacked it. */
  before: CheckResult | undefined;
  after: CheckResult;
}

export interface ReportComparison {
  gradeBefore: Grade;
  gradeAfter: Grade;
  scoreBefore: number;
  scoreAfter: number;
  /** The reports' `bonusesCounted`: true when their positive modifiers were added to the score. */
  bonusesCountedBefore: boolean;
  bonusesCountedAfter: boolean;
  /** Changed checks: worse first, then better, then those whose evidence alone changed. */
  changes: CheckChange[];
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  fail: 0,
  warn: 1,
  info: 2,
  'n/a': 2,
  pass: 3,
};

const DIRECTION_ORDER: Readonly<Record<ChangeDirection, number>> = {
  worse: 0,
  better: 1,
  changed: 2,
};

/**
 * Compares the checks of two reports. A check is better or worse by its modifier, or by its
 * verdict when the modifier is the same. A check whose evidence alone changed is `changed`.
 */
export function compareReports(before: Report, after: Report): ReportComparison {
  const changes: CheckChange[] = [];
  for (const check of after.checks) {
    const earlier = before.checks.find((candidate) => candidate.id === check.id);
    const direction = directionOf(earlier, check);
    if (direction !== null) {
      changes.push({ id: check.id, title: check.title, direction, before: earlier, after: check });
    }
  }
  changes.sort((a, b) => DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction]);

  return {
    gradeBefore: before.grade,
    gradeAfter: after.grade,
    scoreBefore: before.score,
    scoreAfter: after.score,
    bonusesCountedBefore: before.bonusesCounted,
    bonusesCountedAfter: after.bonusesCounted,
    changes,
  };
}

function directionOf(before: CheckResult | undefined, after: CheckResult): ChangeDirection | null {
  if (before === undefined) {
    return 'changed';
  }
  if (after.modifier !== before.modifier) {
    return after.modifier > before.modifier ? 'better' : 'worse';
  }
  const rankChange = VERDICT_RANK[after.verdict] - VERDICT_RANK[before.verdict];
  if (rankChange !== 0) {
    return rankChange > 0 ? 'better' : 'worse';
  }
  if (after.verdict !== before.verdict || after.evidence !== before.evidence) {
    return 'changed';
  }
  return null;
}

/**
 * Returns the checks of a development-host report that would fail or warn in production with
 * the same responses: those of `production` below `pass` whose verdict differs on the host.
 */
export function productionOnlyFindings(development: Report, production: Report): CheckResult[] {
  return production.checks.filter((check) => {
    if (check.verdict !== 'fail' && check.verdict !== 'warn') {
      return false;
    }
    const onHost = development.checks.find((candidate) => candidate.id === check.id);
    return onHost?.verdict !== check.verdict;
  });
}
