// Remediation for the `session-cookie` check: mark every session cookie Secure, HttpOnly
// and SameSite=Lax.

import type { CheckContext, Finding } from '../check';
import { redactedCookie, type GradedCookie } from '../cookies';
import type { Fix, Remediation } from '../types';
import type { Outcome } from '../weights';
import { proxyCookieFixes, uniqueNames } from './cookie-fixes';
import { orderFixes } from './order';

const WHY_SAMESITE =
  'Without SameSite=Lax or Strict the browser attaches the session cookie to requests that other sites start, which opens the door to cross-site request forgery.';

const WHY: Partial<Record<Outcome<'session-cookie'>, string>> = {
  'no-secure':
    'A session cookie without Secure is also sent over plain HTTP, where anyone on the network can copy it and take over the session.',
  'no-httponly':
    'Without HttpOnly any script on the page, including one injected through an XSS flaw, can read the session cookie and send it away.',
};

export function remediateSessionCookie(
  finding: Finding<'session-cookie'>,
  context: CheckContext,
  cookies: readonly GradedCookie[],
): Remediation {
  const names = uniqueNames(cookies.map((cookie) => cookie.name));
  const quoted = cookies.map((cookie) => `"${redactedCookie(cookie)}"`).join(', ');

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py',
      code: [
        'SESSION_COOKIE_SECURE = True',
        'SESSION_COOKIE_HTTPONLY = True',
        'SESSION_COOKIE_SAMESITE = "Lax"',
      ].join('\n'),
    },
    ...proxyCookieFixes(names, { httpOnly: true }),
    {
      stack: 'express',
      where:
        'the express-session set-up; "trust proxy" lets a secure cookie be set behind a TLS proxy',
      code: [
        "import session from 'express-session';",
        '',
        "app.set('trust proxy', 1);",
        'app.use(',
        '  session({',
        '    secret: process.env.SESSION_SECRET,',
        '    resave: false,',
        '    saveUninitialized: false,',
        "    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },",
        '  }),',
        ');',
      ].join('\n'),
    },
  ];

  return {
    summary: `A session cookie lacks protection: ${finding.evidence}. Received ${quoted}.`,
    why: WHY[finding.outcome] ?? WHY_SAMESITE,
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Set-Cookie',
  };
}
