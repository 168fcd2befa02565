// Remediation for the `csrf-cookie` check: mark every CSRF cookie Secure and SameSite=Lax,
// and leave it readable by the page's scripts.

import type { CheckContext, Finding } from '../check';
import { redactedCookie, type GradedCookie } from '../cookies';
import type { Fix, Remediation } from '../types';
import { expressCookieFix, proxyCookieFixes, uniqueNames } from './cookie-fixes';
import { orderFixes } from './order';

const WHY_NO_SECURE =
  'A CSRF cookie without Secure is also sent over plain HTTP, where an attacker can read the token or plant a known one and then forge requests that pass the CSRF check.';
const WHY_NO_SAMESITE =
  'Without SameSite the browser falls back to its own default, which differs between browsers, so the cookie may ride along on requests that other sites start.';

export function remediateCsrfCookie(
  finding: Finding<'csrf-cookie'>,
  context: CheckContext,
  cookies: readonly GradedCookie[],
): Remediation {
  const names = uniqueNames(cookies.map((cookie) => cookie.name));
  const quoted = cookies.map((cookie) => `"${redactedCookie(cookie)}"`).join(', ');

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py; keep CSRF_COOKIE_HTTPONLY off if scripts read the token',
      code: ['CSRF_COOKIE_SECURE = True', 'CSRF_COOKIE_SAMESITE = "Lax"'].join('\n'),
    },
    ...proxyCookieFixes(names, { httpOnly: false }),
    expressCookieFix(names, { httpOnly: false }),
  ];

  return {
    summary: `A CSRF cookie lacks protection: ${finding.evidence}. Received ${quoted}.`,
    why: finding.outcome === 'no-secure' ? WHY_NO_SECURE : WHY_NO_SAMESITE,
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie',
  };
}
