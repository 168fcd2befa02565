/**
 * Every other cookie: those that are neither session nor CSRF cookies.
 *
 * Detects cookies that browsers reject (`SameSite=None` without `Secure`, a broken
 * `__Host-` or `__Secure-` prefix, a `Domain` that does not match, following RFC 6265bis
 * §5.6 and §5.7 and Chromium), cookies without `Secure`, and cookies without a recognised
 * `SameSite`. The worst problem over all these cookies decides the outcome. On a
 * development host the missing `Secure` only adds a note.
 * Triggered by: `Set-Cookie: theme=dark; SameSite=None` (rejected: no `Secure`).
 */

import type { Check, CheckContext, Finding } from '../check';
import { collectCookies, describeMissingSameSite, type GradedCookie } from '../cookies';
import { gradeCookies, type CookieProblem } from '../cookie-grading';
import { remediateCookies } from '../remediation/cookies';
import type { Outcome } from '../weights';

/** Outcomes from worst to best: the first that any cookie has decides. */
const SEVERITY: ReadonlyArray<Outcome<'cookies'>> = [
  'rejected',
  'no-secure',
  'no-samesite',
  'secure',
];

export const check: Check<'cookies'> = {
  id: 'cookies',
  title: 'Other cookies',
  run(context) {
    const cookies = otherCookies(context);
    if (cookies.length === 0) {
      return { outcome: 'none', evidence: 'no cookie seen besides session and CSRF cookies' };
    }

    const { outcome, found, evidence, notes } = gradeCookies(
      cookies,
      context,
      SEVERITY,
      'no-secure',
      (cookie) => {
        const problems: Array<CookieProblem<Outcome<'cookies'>>> = [];
        if (cookie.rejections.length > 0) {
          problems.push({ outcome: 'rejected' });
        }
        if (cookie.sameSite === 'default') {
          problems.push({ outcome: 'no-samesite', lacks: describeMissingSameSite(cookie) });
        }
        return problems;
      },
    );
    if (!context.https && found.has('no-secure')) {
      notes.push('On a plain-HTTP page every cookie travels unencrypted, with or without Secure.');
    }
    return { outcome, evidence, notes };
  },
  remediate(finding: Finding<'cookies'>, context: CheckContext) {
    return remediateCookies(finding, context, otherCookies(context));
  },
};

function otherCookies(context: CheckContext): GradedCookie[] {
  return collectCookies(context).filter((cookie) => cookie.kind === 'other');
}
