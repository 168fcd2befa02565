// Remediation for the `cookies` check: every other cookie gets Secure and SameSite, and
// cookies that browsers reject get the attributes their name prefix or SameSite=None needs.

import type { CheckContext, Finding } from '../check';
import { redactedCookie, type GradedCookie } from '../cookies';
import type { Fix, Remediation } from '../types';
import type { Outcome } from '../weights';
import { expressCookieFix, proxyCookieFixes, uniqueNames } from './cookie-fixes';
import { orderFixes } from './order';

const WHY_NO_SAMESITE =
  'Without SameSite each browser applies its own default, so the cookie may ride along on requests that other sites start.';

const WHY: Partial<Record<Outcome<'cookies'>, string>> = {
  rejected:
    'Browsers drop these cookies without a word, so whatever the site stores in them (preferences, consent, load-balancer affinity) silently does not work.',
  'no-secure':
    'A cookie without Secure is also sent over plain HTTP, where anyone on the network can read it or replace it with their own value.',
};

export function remediateCookies(
  finding: Finding<'cookies'>,
  context: CheckContext,
  cookies: readonly GradedCookie[],
): Remediation {
  const affected = cookies.filter(
    (cookie) => cookie.rejections.length > 0 || !cookie.secure || cookie.sameSite === 'default',
  );
  const names = uniqueNames(affected.map((cookie) => cookie.name));
  const quoted = affected.map((cookie) => `"${redactedCookie(cookie)}"`).join(', ');

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py for the cookies Django sets itself, and each view that sets the others',
      code: djangoCookieCode(names),
    },
    ...proxyCookieFixes(names, { httpOnly: false }),
    expressCookieFix(names, { httpOnly: false }),
  ];

  const prefixed = names.filter((name) => /^__host-/i.test(name));
  const prefixNote =
    prefixed.length > 0
      ? ` A __Host- cookie also needs Path=/ and no Domain attribute: ${prefixed.join(', ')}.`
      : '';

  return {
    summary: `Some cookies lack protection or are rejected by browsers: ${finding.evidence}. Received ${quoted}.${prefixNote}`,
    why: WHY[finding.outcome] ?? WHY_NO_SAMESITE,
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie',
  };
}

/** Django's settings for the cookies it sets itself, and `set_cookie` for the rest. */
function djangoCookieCode(names: readonly string[]): string {
  const lines: string[] = [];
  for (const name of names) {
    if (name === 'django_language') {
      lines.push('LANGUAGE_COOKIE_SECURE = True', 'LANGUAGE_COOKIE_SAMESITE = "Lax"');
    } else if (name === 'messages') {
      // The cookie storage of django.contrib.messages follows the session cookie settings.
      lines.push('SESSION_COOKIE_SECURE = True', 'SESSION_COOKIE_SAMESITE = "Lax"');
    } else {
      const path = /^__host-/i.test(name) ? ', path="/"' : '';
      lines.push(`response.set_cookie("${name}", value, secure=True, samesite="Lax"${path})`);
    }
  }
  return lines.join('\n');
}
