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
import {
  collectCookies,
  describeCookie,
  describeMissingSameSite,
  developmentSecureNote,
  type GradedCookie,
} from '../cookies';
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

    const found = new Set<Outcome<'csrf-cookie'>>();
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
      if (cookie.sameSite === 'default') {
        found.add('no-samesite');
        lacks.push(describeMissingSameSite(cookie));
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
  remediate(finding: Finding<'csrf-cookie'>, context: CheckContext) {
    return remediateCsrfCookie(finding, context, csrfCookies(context));
  },
};

function csrfCookies(context: CheckContext): GradedCookie[] {
  return collectCookies(context).filter((cookie) => cookie.kind === 'csrf');
}
