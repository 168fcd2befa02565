// Small builders of reports and checks for component tests.

import type { CheckResult, Report } from '../../scoring/types';
import type { TabReport } from '../../shared/messages';

export function buildCheck(overrides: Partial<CheckResult> & Pick<CheckResult, 'id'>): CheckResult {
  return {
    title: overrides.id,
    verdict: 'pass',
    modifier: 0,
    outcome: 'test',
    evidence: `evidence of ${overrides.id}`,
    ...overrides,
  };
}

export function buildReport(overrides: Partial<Report> = {}): Report {
  return {
    url: 'https://shop.example.test/cart/',
    scoringVersion: 1,
    grade: 'B',
    score: 72,
    developmentHost: false,
    capped: false,
    bonusesCounted: false,
    stack: 'unknown',
    checks: [],
    ...overrides,
  };
}

export function gradedTab(report: Report): TabReport {
  return {
    state: 'graded',
    url: report.url,
    report,
    record: { url: report.url, status: 200, headers: [] },
  };
}
