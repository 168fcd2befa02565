/**
 * Session cookie attributes (Django's `SESSION_COOKIE_SECURE`, `SESSION_COOKIE_HTTPONLY`
 * and `SESSION_COOKIE_SAMESITE`).
 *
 * Detects session cookies, recognised by name, that lack `Secure`, `HttpOnly`, or
 * `SameSite=Lax` or `Strict` (RFC 6265bis §4.1.2.5 to §4.1.2.7). The worst problem over
 * all session cookies decides the outcome; a deletion line is graded too, because the
 * deletion can fail. On a development host the missing `Secure` only adds a note.
 * Triggered by: `Set-Cookie: sessionid=abc; Path=/` on an HTTPS page.
 */

import type { Check, CheckContext, Finding } from '../check';
import { collectCookies, describeWeakSameSite, type GradedCookie } from '../cookies';
import { gradeCookies, type CookieProblem } from '../cookie-grading';
import { remediateSessionCookie } from '../remediation/session-cookie';
import type { Outcome } from '../weights';

/** Outcomes from worst to best: the first that any cookie has decides. */
const SEVERITY: ReadonlyArray<Outcome<'session-cookie'>> = [
  'no-secure',
  'no-httponly',
  'samesite-weak',
  'secure',
];

export const check: Check<'session-cookie'> = {
  id: 'session-cookie',
  title: 'Session cookie',
  run(context) {
    const cookies = sessionCookies(context);
    if (cookies.length === 0) {
      return { outcome: 'none', evidence: 'no session cookie seen' };
    }

    const { outcome, evidence, notes } = gradeCookies(
      cookies,
      context,
      SEVERITY,
      'no-secure',
      (cookie) => {
        const problems: Array<CookieProblem<Outcome<'session-cookie'>>> = [];
        if (!cookie.httpOnly) {
          problems.push({ outcome: 'no-httponly', lacks: 'HttpOnly' });
        }
        const sameSite = describeWeakSameSite(cookie);
        if (sameSite !== undefined) {
          problems.push({ outcome: 'samesite-weak', lacks: sameSite });
        }
        return problems;
      },
    );
    return { outcome, evidence, notes };
  },
  remediate(finding: Finding<'session-cookie'>, context: CheckContext) {
    return remediateSessionCookie(finding, context, sessionCookies(context));
  },
};

function sessionCookies(context: CheckContext): GradedCookie[] {
  return collectCookies(context).filter((cookie) => cookie.kind === 'session');
}
