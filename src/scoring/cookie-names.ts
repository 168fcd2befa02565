// Recognises session and CSRF cookies by name: the defaults of common frameworks, names
// that contain `sess`, `csrf` or `xsrf`, and names the user adds in the options.

import type { GradeOptions } from './types';

export type CookieKind = 'session' | 'csrf' | 'other';

/** Default session cookie names of frameworks, compared case-insensitively. */
const SESSION_NAMES = new Set(
  [
    'sessionid', // Django
    'PHPSESSID', // PHP
    'JSESSIONID', // Java servlet containers
    'ASP.NET_SessionId', // ASP.NET
    '.ASPXAUTH', // ASP.NET forms authentication
    '.AspNetCore.Cookies', // ASP.NET Core cookie authentication
    'connect.sid', // Express (express-session)
    'laravel_session', // Laravel
    '_session_id', // Ruby on Rails
    'session', // Flask, cookie-session
    'ci_session', // CodeIgniter
    'CFID', // ColdFusion
    'CFTOKEN', // ColdFusion
    'sid',
  ].map((name) => name.toLowerCase()),
);

/** Prefixes of session cookie names that carry a per-site suffix. */
const SESSION_PREFIXES = [
  'aspsessionid', // classic ASP: ASPSESSIONIDxxxxxxxx
  'wordpress_logged_in_', // WordPress
  'wordpress_sec_', // WordPress
];

/** Default CSRF cookie names of frameworks, compared case-insensitively. */
const CSRF_NAMES = new Set(
  [
    'csrftoken', // Django
    'XSRF-TOKEN', // Angular, Laravel
    'csrf_token',
    '_csrf', // csurf, Yii
    '__RequestVerificationToken', // ASP.NET MVC anti-forgery
    '_xsrf', // Tornado
  ].map((name) => name.toLowerCase()),
);

/** Prefixes of CSRF cookie names that carry a per-site suffix. */
const CSRF_PREFIXES = [
  '.aspnetcore.antiforgery.', // ASP.NET Core anti-forgery
];

/**
 * Classifies a cookie by name. The user's own names win, then the frameworks' defaults,
 * then the substrings: a name with `csrf` or `xsrf` is a CSRF cookie even when it also
 * contains `sess`, because CSRF token cookies are often named after the session they guard.
 */
export function classifyCookieName(name: string, options: GradeOptions = {}): CookieKind {
  const lower = name.toLowerCase();
  const matches = (names: readonly string[] | undefined): boolean =>
    (names ?? []).some((candidate) => candidate.toLowerCase() === lower);

  if (matches(options.csrfCookieNames)) {
    return 'csrf';
  }
  if (matches(options.sessionCookieNames)) {
    return 'session';
  }

  const unprefixed = lower.replace(/^__(secure|host)-/, '');
  if (CSRF_NAMES.has(unprefixed) || CSRF_PREFIXES.some((prefix) => unprefixed.startsWith(prefix))) {
    return 'csrf';
  }
  if (
    SESSION_NAMES.has(unprefixed) ||
    SESSION_PREFIXES.some((prefix) => unprefixed.startsWith(prefix))
  ) {
    return 'session';
  }
  if (lower.includes('csrf') || lower.includes('xsrf')) {
    return 'csrf';
  }
  if (lower.includes('sess')) {
    return 'session';
  }
  return 'other';
}
