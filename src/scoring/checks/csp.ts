/**
 * Content Security Policy: whether an enforced policy stops scripts injected into the page.
 *
 * Rules: CSP Level 3. Every `Content-Security-Policy` line, and every comma-separated policy
 * inside one, is enforced, and so is a `<meta http-equiv>` policy in `<head>`. A script runs
 * only when every policy allows it, so the combination is graded. The first of a repeated
 * directive wins, and a malformed nonce or hash does not disable `'unsafe-inline'`.
 * Report-only policies block nothing, so a note grades them "as if enforced". The notes also
 * list the findings of Google's csp_evaluator.
 *
 * Triggers: `script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'` is strict;
 * `script-src 'self' 'unsafe-inline'` lets injected scripts run.
 */

import { isDirective } from 'csp_evaluator/dist/csp.js';

import type { Check, Finding } from '../check';
import { collectPolicies, type CollectedPolicies, type Policy } from '../parsers/csp';
import {
  evaluatePolicy,
  EVALUATOR_MAX_DIRECTIVES,
  EVALUATOR_MAX_VALUES,
} from '../parsers/csp-evaluator';
import {
  assessPolicy,
  combineAssessments,
  type PolicyAssessment,
} from '../parsers/csp-source-list';
import { quote } from '../remediation/order';
import { remediateCsp } from '../remediation/csp';
import { weightOf, type Outcome } from '../weights';

/** Maximum csp_evaluator findings listed in the notes, so a hostile policy keeps the report readable. */
const MAX_EVALUATOR_NOTES = 25;

export const check: Check<'csp'> = {
  id: 'csp',
  title: 'Content Security Policy',

  run(context): Finding<'csp'> {
    const collected = collectPolicies(context.headers, context.record.html);
    const notes = ignoredPolicyNotes(collected);
    const enforced = collected.enforced.filter(hasKnownDirective);

    if (enforced.length > 0) {
      const grade = gradePolicies(enforced);
      notes.push(...evaluatorNotes(enforced));
      if (collected.reportOnly.length > 0) {
        notes.push(reportOnlyNote(collected.reportOnly));
      }
      return {
        outcome: grade.outcome,
        evidence: `${describePolicies(enforced)}: ${grade.reason}`,
        notes,
      };
    }

    const unusable = [
      ...collected.enforced,
      ...collected.empty.filter((policy) => policy.disposition === 'enforce'),
    ];
    if (unusable.length > 0) {
      if (collected.reportOnly.length > 0) {
        notes.push(reportOnlyNote(collected.reportOnly));
      }
      return {
        outcome: 'invalid',
        evidence: `${describePolicies(unusable)}: no directive that browsers recognise, so the policy protects nothing`,
        notes,
      };
    }

    if (collected.reportOnly.length > 0) {
      notes.push(reportOnlyNote(collected.reportOnly), ...evaluatorNotes(collected.reportOnly));
      return {
        outcome: 'report-only',
        evidence: `only ${describePolicies(collected.reportOnly)}, which reports violations but blocks nothing`,
        notes,
      };
    }

    return {
      outcome: 'missing',
      evidence: 'no Content-Security-Policy header and no <meta> policy',
      notes,
    };
  },

  remediate(finding, context) {
    return remediateCsp(finding, context);
  },
};

export interface PolicyGrade {
  outcome: Outcome<'csp'>;
  /** Reason for the outcome, quoting the directives that decide it. */
  reason: string;
}

/**
 * Grades policies that are all enforced together. The worst exposure decides, in this order:
 * injected scripts that run, `'unsafe-eval'`, inline styles. Without any of them the policy
 * is strict when scripts need nonces or hashes with `'strict-dynamic'` or when `default-src`
 * is `'none'`.
 */
export function gradePolicies(policies: readonly Policy[]): PolicyGrade {
  const combined = combineAssessments(policies.map(assessPolicy));

  const unsafe = unsafeScriptReasons(combined);
  if (unsafe.length > 0) {
    return { outcome: 'unsafe-scripts', reason: unsafe.join('; ') };
  }
  if (combined.eval.allowed) {
    return {
      outcome: 'unsafe-eval',
      reason: `eval() runs strings as code: ${unique(combined.eval.reasons)}`,
    };
  }
  if (combined.unsafeInlineStyles) {
    return {
      outcome: 'unsafe-inline-styles',
      reason: `scripts are restricted, but inline styles apply: ${unique(combined.inlineStyles.reasons)}`,
    };
  }

  const strict = (combined.strictScripts || combined.defaultSrcNone) && !combined.unsafeHashes;
  if (strict) {
    const how = combined.strictScripts
      ? "scripts need a nonce or hash, with 'strict-dynamic'"
      : "default-src is 'none'";
    return { outcome: 'strict', reason: `strict: ${how}, and no unsafe source` };
  }
  const hashes = combined.unsafeHashes
    ? ", though 'unsafe-hashes' lets hashed event handlers run"
    : '';
  return {
    outcome: 'no-unsafe-scripts',
    reason: `scripts are restricted and no unsafe source is allowed${hashes}`,
  };
}

function unsafeScriptReasons(combined: PolicyAssessment): string[] {
  const reasons: string[] = [];
  if (combined.inlineScripts.allowed) {
    reasons.push(`injected inline scripts run: ${unique(combined.inlineScripts.reasons)}`);
  } else if (combined.inlineHandlers.allowed) {
    reasons.push(`injected event handlers run: ${unique(combined.inlineHandlers.reasons)}`);
  }
  if (combined.anySiteScripts.allowed) {
    reasons.push(`scripts load from any site: ${unique(combined.anySiteScripts.reasons)}`);
  }
  if (combined.anySiteObjects.allowed) {
    reasons.push(`object-src is unrestricted: ${unique(combined.anySiteObjects.reasons)}`);
  }
  return reasons;
}

function unique(reasons: readonly string[]): string {
  return [...new Set(reasons)].join(', and ');
}

/** Reports whether a policy contains at least one directive that browsers implement. */
function hasKnownDirective(policy: Policy): boolean {
  for (const name of policy.directives.keys()) {
    if (isDirective(name) || name === 'fenced-frame-src') {
      return true;
    }
  }
  return false;
}

function describePolicies(
  policies: ReadonlyArray<Pick<Policy, 'source' | 'disposition' | 'text'>>,
): string {
  const shown = policies.slice(0, 3).map((policy) => {
    const header =
      policy.disposition === 'report'
        ? 'Content-Security-Policy-Report-Only'
        : 'Content-Security-Policy';
    return policy.source === 'meta'
      ? `<meta http-equiv="Content-Security-Policy"> ${quote(policy.text)}`
      : `${header}: ${quote(policy.text)}`;
  });
  const more =
    policies.length > shown.length ? ` and ${policies.length - shown.length} more policies` : '';
  return shown.join('; ') + more;
}

function reportOnlyNote(policies: readonly Policy[]): string {
  const usable = policies.filter(hasKnownDirective);
  if (usable.length === 0) {
    return 'Content-Security-Policy-Report-Only contains no directive that browsers recognise';
  }
  const grade = gradePolicies(usable);
  const weight = weightOf('csp', grade.outcome);
  const modifier = weight.modifier > 0 ? `+${weight.modifier}` : String(weight.modifier);
  return `Content-Security-Policy-Report-Only, graded as if enforced: ${weight.verdict} (${grade.outcome}, ${modifier}): ${grade.reason}`;
}

function ignoredPolicyNotes(collected: CollectedPolicies): string[] {
  const notes: string[] = [];
  for (const policy of [...collected.enforced, ...collected.empty]) {
    if (policy.removed.length > 0) {
      notes.push(`browsers ignore ${policy.removed.join(', ')} in a <meta> policy`);
    }
  }
  for (const policy of [...collected.enforced, ...collected.reportOnly]) {
    if (policy.repeated.length > 0) {
      const names = [...new Set(policy.repeated)].slice(0, 10).join(', ');
      notes.push(`repeated directives are ignored, the first one applies: ${names}`);
    }
  }
  for (const meta of collected.ignoredMeta) {
    notes.push(IGNORED_META_REASONS[meta.reason]);
  }
  return notes;
}

const IGNORED_META_REASONS = {
  'report-only':
    'browsers ignore <meta http-equiv="Content-Security-Policy-Report-Only">: report-only policies work only as headers',
  'outside-head': 'a <meta> policy outside <head> is ignored by browsers',
  'no-content': 'a <meta http-equiv="Content-Security-Policy"> without content is ignored',
} as const;

function evaluatorNotes(policies: readonly Policy[]): string[] {
  const notes: string[] = [];
  let omitted = 0;

  policies.forEach((policy, index) => {
    const label = policies.length > 1 ? `policy ${index + 1}, ` : '';
    const result = evaluatePolicy(policy);
    if (result.state === 'failed') {
      notes.push(`csp_evaluator could not evaluate ${label}the policy: ${result.message}`);
      return;
    }
    if (result.truncated) {
      notes.push(
        `csp_evaluator read only the first ${EVALUATOR_MAX_DIRECTIVES} directives and ${EVALUATOR_MAX_VALUES} values of ${label}the policy`,
      );
    }
    for (const finding of result.findings) {
      if (notes.length >= MAX_EVALUATOR_NOTES) {
        omitted++;
        continue;
      }
      const value = finding.value === undefined ? '' : ` ${quote(finding.value, 80)}`;
      notes.push(
        `csp_evaluator, ${label}${finding.severity}: ${finding.directive}${value}: ${finding.description}`,
      );
    }
  });

  if (omitted > 0) {
    notes.push(`csp_evaluator reported ${omitted} more findings`);
  }
  return notes;
}
