// Findings from Google's csp_evaluator (the library behind csp-evaluator.withgoogle.com) for
// one parsed policy, with its severities spelled out for the report.

import { Csp } from 'csp_evaluator/dist/csp.js';
import { CspEvaluator } from 'csp_evaluator/dist/evaluator.js';
import { Severity } from 'csp_evaluator/dist/finding.js';

import type { Policy } from './csp';

export type EvaluatorSeverity =
  'high' | 'syntax' | 'medium' | 'possible high' | 'strict CSP' | 'possible medium' | 'info';

export interface EvaluatorFinding {
  directive: string;
  severity: EvaluatorSeverity;
  description: string;
  /** The directive value the finding is about, when it is about one. */
  value?: string;
}

export type EvaluatorResult =
  | { state: 'evaluated'; findings: EvaluatorFinding[]; truncated: boolean }
  | { state: 'failed'; message: string };

const SEVERITY_NAMES: ReadonlyMap<number, EvaluatorSeverity> = new Map([
  [Severity.HIGH, 'high'],
  [Severity.SYNTAX, 'syntax'],
  [Severity.MEDIUM, 'medium'],
  [Severity.HIGH_MAYBE, 'possible high'],
  [Severity.STRICT_CSP, 'strict CSP'],
  [Severity.MEDIUM_MAYBE, 'possible medium'],
  [Severity.INFO, 'info'],
]);

/**
 * Maximum number of directives and of distinct values passed to the evaluator. Its allowlist
 * check parses each host value against a few hundred known URLs: 15,000 host values spread
 * over script-src, object-src and img-src took 0.6 s with Node 20 in a one-off measurement.
 * Its `strict-dynamic` handling also removes values one by one, in quadratic time.
 */
export const EVALUATOR_MAX_DIRECTIVES = 100;
export const EVALUATOR_MAX_VALUES = 2000;

/**
 * Runs csp_evaluator's default checks on a policy. Findings of severity "none" (notes that
 * a value is ignored) are dropped. The evaluator throws on some malformed host values (it
 * builds `URL` objects from them), which becomes a `failed` result.
 */
export function evaluatePolicy(policy: Policy): EvaluatorResult {
  const directives: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  let truncated = false;
  let count = 0;
  let budget = EVALUATOR_MAX_VALUES;

  for (const [name, values] of policy.directives) {
    // A directive named like an `Object.prototype` member would corrupt the evaluator's
    // plain-object lookups; such names are unknown directives anyway.
    if (name in Object.prototype || name === '__proto__') {
      continue;
    }
    if (count === EVALUATOR_MAX_DIRECTIVES) {
      truncated = true;
      break;
    }
    count++;
    const distinct = [...new Set(values)];
    if (distinct.length > budget) {
      truncated = true;
    }
    const kept = distinct.slice(0, budget);
    directives[name] = kept;
    budget -= kept.length;
  }

  try {
    const evaluator = new CspEvaluator(new Csp(directives));
    const findings: EvaluatorFinding[] = [];
    for (const finding of evaluator.evaluate()) {
      const severity = SEVERITY_NAMES.get(finding.severity);
      if (severity === undefined) {
        continue;
      }
      findings.push({
        directive: finding.directive,
        severity,
        description: finding.description,
        ...(finding.value === undefined ? {} : { value: finding.value }),
      });
    }
    findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    return { state: 'evaluated', findings, truncated };
  } catch (error) {
    return { state: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

function severityRank(severity: EvaluatorSeverity): number {
  return [...SEVERITY_NAMES.values()].indexOf(severity);
}
