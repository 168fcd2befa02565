/**
 * CSRF cookie attributes (Django's `CSRF_COOKIE_SECURE` and `CSRF_COOKIE_SAMESITE`).
 *
 * Detects CSRF cookies, recognised by name, that lack `Secure` or a `SameSite` attribute
 * with a recognised value (RFC 6265bis §4.1.2.5 and §4.1.2.7). `HttpOnly` is not required,
 * because pages read the token from the cookie. The worst problem over all CSRF cookies
 * decides the outcome. On a development host the missing `Secure` only adds a note.
 * Triggered by: `Set-Cookie: csrftoken=abc; Path=/` on an HTTPS page.
 */

import type { Check, CheckContext, Finding } from '../check';
import { collectCookies, describeMissingSameSite, type GradedCookie } from '../cookies';
import { gradeCookies, type CookieProblem } from '../cookie-grading';
import { remediateCsrfCookie } from '../remediation/csrf-cookie';
import type { Outcome } from '../weights';

/** Outcomes from worst to best: the first that any cookie has decides. */
const SEVERITY: ReadonlyArray<Outcome<'csrf-cookie'>> = ['no-secure', 'no-samesite', 'secure'];

export const check: Check<'csrf-cookie'> = {
  id: 'csrf-cookie',
  title: 'CSRF cookie',
  run(context) {
    const cookies = csrfCookies(context);
    if (cookies.length === 0) {
      return { outcome: 'none', evidence: 'no CSRF cookie seen' };
    }

    const { outcome, evidence, notes } = gradeCookies(
      cookies,
      context,
      SEVERITY,
      'no-secure',
      (cookie) => {
        const problems: Array<CookieProblem<Outcome<'csrf-cookie'>>> = [];
        if (cookie.sameSite === 'default') {
          problems.push({ outcome: 'no-samesite', lacks: describeMissingSameSite(cookie) });
        }
        return problems;
      },
    );
    return { outcome, evidence, notes };
  },
  remediate(finding: Finding<'csrf-cookie'>, context: CheckContext) {
    return remediateCsrfCookie(finding, context, csrfCookies(context));
  },
};

function csrfCookies(context: CheckContext): GradedCookie[] {
  return collectCookies(context).filter((cookie) => cookie.kind === 'csrf');
}
