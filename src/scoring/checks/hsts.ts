/**
 * Strict-Transport-Security (Django's `SECURE_HSTS_SECONDS = 31536000`).
 *
 * Detects a missing, invalid or short HSTS policy, following RFC 6797 §6.1 and §8.1: only
 * the first header line counts, a value that breaks the grammar sets no policy, and the
 * header means nothing on a plain-HTTP response. `preload-ready` follows the preload list's
 * rules: one year, `includeSubDomains`, `preload`, and a same-host redirect from HTTP.
 * Triggered by: `Strict-Transport-Security: max-age=86400` on an HTTPS page.
 */

import type { Check, CheckContext, Finding } from '../check';
import { parseHstsHeader, type HstsPolicy } from '../parsers/hsts';
import { quote } from '../remediation/order';
import { remediateHsts } from '../remediation/hsts';
import type { Outcome } from '../weights';
import { evaluateHttpsRedirect } from './https-redirect';

/** One year in seconds: the review's `SECURE_HSTS_SECONDS` and the preload list's minimum. */
export const ONE_YEAR_SECONDS = 31_536_000;

const PASSING: ReadonlySet<Outcome<'hsts'>> = new Set([
  'one-year-subdomains',
  'preload-ready',
  'plain-http',
]);

export const check: Check<'hsts'> = {
  id: 'hsts',
  title: 'Strict Transport Security',
  run(context) {
    const finding = judgeHsts(context);
    if (!context.developmentHost) {
      return finding;
    }
    const notes = [...(finding.notes ?? [])];
    if (!PASSING.has(finding.outcome)) {
      notes.push(`This would fail in production unchanged: ${finding.evidence}.`);
    }
    return {
      outcome: 'development-host',
      evidence: `${context.url?.hostname ?? 'this host'} is a development host, where HTTPS is not required`,
      notes,
    };
  },
  remediate(finding: Finding<'hsts'>, context: CheckContext) {
    return remediateHsts(finding, context);
  },
};

/** Reads the policy the browser takes from the response and judges it. */
export function readHstsPolicy(context: CheckContext): { policy: HstsPolicy; lines: string[] } {
  const lines = context.headers.all('strict-transport-security');
  return { policy: parseHstsHeader(lines, { https: context.https }), lines };
}

function judgeHsts(context: CheckContext): Finding<'hsts'> {
  const { policy, lines } = readHstsPolicy(context);
  const notes: string[] = [];
  if (lines.length > 1) {
    notes.push(
      `${lines.length} Strict-Transport-Security lines were received; browsers use only the first.`,
    );
  }

  if (!context.https) {
    const received =
      lines[0] === undefined ? '' : `, so the received ${quote(lines[0])} is ignored`;
    return {
      outcome: 'plain-http',
      evidence: `the page was served over plain HTTP, where browsers ignore Strict-Transport-Security${received}`,
      notes,
    };
  }

  switch (policy.state) {
    case 'missing':
      return { outcome: 'missing', evidence: 'no Strict-Transport-Security header', notes };
    case 'invalid':
      return {
        outcome: 'invalid',
        evidence: `Strict-Transport-Security ${quote(policy.value)} is invalid (${policy.reason}), so browsers set no policy`,
        notes,
      };
    case 'valid':
      return judgeValidPolicy(policy, context, notes);
  }
}

function judgeValidPolicy(
  policy: Extract<HstsPolicy, { state: 'valid' }>,
  context: CheckContext,
  notes: string[],
): Finding<'hsts'> {
  const received = `Strict-Transport-Security ${quote(policy.value)}`;
  if (policy.unknownDirectives.length > 0) {
    notes.push(`Browsers skip the unknown directives ${policy.unknownDirectives.join(', ')}.`);
  }

  if (policy.maxAge === 0) {
    return {
      outcome: 'max-age-zero',
      evidence: `${received}: max-age=0 tells browsers to forget the policy`,
      notes,
    };
  }
  if (policy.maxAge < ONE_YEAR_SECONDS) {
    return {
      outcome: 'short',
      evidence: `${received}: max-age is ${policy.maxAge} seconds, less than one year (${ONE_YEAR_SECONDS})`,
      notes,
    };
  }
  if (!policy.includeSubDomains) {
    return {
      outcome: 'one-year',
      evidence: `${received}: at least one year, but without includeSubDomains`,
      notes,
    };
  }
  if (!policy.preload) {
    return {
      outcome: 'one-year-subdomains',
      evidence: `${received}: at least one year, with includeSubDomains`,
      notes,
    };
  }

  const redirect = evaluateHttpsRedirect(context);
  if (redirect.outcome === 'same-host') {
    return {
      outcome: 'preload-ready',
      evidence: `${received}: at least one year, includeSubDomains and preload, and ${redirect.evidence}`,
      notes,
    };
  }
  notes.push(
    `The preload list also needs a first redirect from HTTP to HTTPS on the same host, which was not shown: ${redirect.evidence}.`,
  );
  return {
    outcome: 'one-year-subdomains',
    evidence: `${received}: at least one year, with includeSubDomains and preload`,
    notes,
  };
}
