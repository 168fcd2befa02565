import { describe, expect, test } from 'vitest';
import { classifyCookieName } from './cookie-names';

describe('classifyCookieName', () => {
  test.each([
    ['sessionid', 'session', 'Django SESSION_COOKIE_NAME default'],
    ['PHPSESSID', 'session', 'PHP session.name default'],
    ['JSESSIONID', 'session', 'Java servlet containers'],
    ['ASP.NET_SessionId', 'session', 'ASP.NET session state'],
    ['.AspNetCore.Cookies', 'session', 'ASP.NET Core cookie authentication'],
    ['connect.sid', 'session', 'express-session default'],
    ['laravel_session', 'session', 'Laravel default'],
    ['_session_id', 'session', 'Rails default'],
    ['ASPSESSIONIDQCSBTQRA', 'session', 'classic ASP, with a per-site suffix'],
    ['wordpress_logged_in_0123abcd', 'session', 'WordPress login cookie'],
    ['__Host-sessionid', 'session', 'a prefixed framework name'],
    ['_calibre_app_session', 'session', 'contains "sess"'],
    ['MySESSION', 'session', 'contains "sess", any case'],
    ['csrftoken', 'csrf', 'Django CSRF_COOKIE_NAME default'],
    ['XSRF-TOKEN', 'csrf', 'Angular and Laravel'],
    ['csrf_token', 'csrf', 'common name'],
    ['_csrf', 'csrf', 'csurf default'],
    ['__RequestVerificationToken', 'csrf', 'ASP.NET MVC anti-forgery'],
    ['.AspNetCore.Antiforgery.9fXoN5jHCXs', 'csrf', 'ASP.NET Core anti-forgery'],
    ['_xsrf', 'csrf', 'Tornado'],
    ['my_XSRF_cookie', 'csrf', 'contains "xsrf", any case'],
    ['session_csrf', 'csrf', 'csrf wins over sess'],
    ['django_language', 'other', 'not a credential'],
    ['theme', 'other', 'no match'],
    ['', 'other', 'an empty name'],
  ])('%s is %s (%s)', (name, expected) => {
    expect(classifyCookieName(name)).toBe(expected);
  });

  test('cookie names honour the session names of the options', () => {
    expect(classifyCookieName('auth', { sessionCookieNames: ['AUTH'] })).toBe('session');
  });

  test('cookie names honour the CSRF names of the options', () => {
    expect(classifyCookieName('guard', { csrfCookieNames: ['guard'] })).toBe('csrf');
  });

  test('cookie names let the options override a default', () => {
    expect(classifyCookieName('sessionid', { csrfCookieNames: ['sessionid'] })).toBe('csrf');
  });
});
