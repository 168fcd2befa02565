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
import {
  collectCookies,
  describeCookie,
  describeWeakSameSite,
  developmentSecureNote,
  type GradedCookie,
} from '../cookies';
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

    const found = new Set<Outcome<'session-cookie'>>();
    const lines: string[] = [];
    const insecureOnDevelopmentHost: string[] = [];

    for (const cookie of cookies) {
      const lacks: string[] = [];
      if (!cookie.secure) {
        if (context.developmentHost) {
          insecureOnDevelopmentHost.push(cookie.name);
        } else {
          found.add('no-secure');
          lacks.push('Secure');
        }
      }
      if (!cookie.httpOnly) {
        found.add('no-httponly');
        lacks.push('HttpOnly');
      }
      const sameSite = describeWeakSameSite(cookie);
      if (sameSite !== undefined) {
        found.add('samesite-weak');
        lacks.push(sameSite);
      }
      lines.push(describeCookie(cookie, lacks));
    }

    const outcome = SEVERITY.find((candidate) => found.has(candidate)) ?? 'secure';
    const notes =
      insecureOnDevelopmentHost.length > 0
        ? [developmentSecureNote(insecureOnDevelopmentHost)]
        : [];
    return { outcome, evidence: lines.join('; '), notes };
  },
  remediate(finding: Finding<'session-cookie'>, context: CheckContext) {
    return remediateSessionCookie(finding, context, sessionCookies(context));
  },
};

function sessionCookies(context: CheckContext): GradedCookie[] {
  return collectCookies(context).filter((cookie) => cookie.kind === 'session');
}
