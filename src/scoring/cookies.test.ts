import { describe, expect, test } from 'vitest';
import type { CheckContext } from './check';
import { collectCookies, describeCookie, redactedCookie, type GradedCookie } from './cookies';
import { isDevelopmentHost } from './development-host';
import { HeaderList } from './headers';
import type { BrowserCookie, GradeOptions, ResponseRecord } from './types';

function contextFor(
  url: string,
  record: Partial<ResponseRecord> = {},
  options: GradeOptions = {},
): CheckContext {
  const full: ResponseRecord = { url, status: 200, headers: [], ...record };
  const parsed = URL.canParse(url) ? new URL(url) : null;
  return {
    record: full,
    url: parsed,
    https: parsed?.protocol === 'https:',
    developmentHost: parsed !== null && isDevelopmentHost(parsed.hostname),
    headers: new HeaderList(full.headers),
    stack: 'unknown',
    options,
  };
}

const PAGE = 'https://shop.example.test/account/login';

function jarCookie(name: string, overrides: Partial<BrowserCookie> = {}): BrowserCookie {
  return {
    name,
    domain: 'shop.example.test',
    path: '/',
    secure: true,
    httpOnly: false,
    sameSite: 'lax',
    hostOnly: true,
    session: true,
    ...overrides,
  };
}

describe('collectCookies', () => {
  test('cookies come from setCookies before the headers', () => {
    const context = contextFor(PAGE, {
      headers: [['Set-Cookie', 'fromHeader=1']],
      setCookies: ['fromRecord=1; Secure'],
    });
    expect(collectCookies(context).map((cookie) => cookie.name)).toEqual(['fromRecord']);
  });

  test('cookies fall back to the Set-Cookie headers', () => {
    const context = contextFor(PAGE, { headers: [['set-cookie', 'a=1\nb=2; HttpOnly']] });
    expect(collectCookies(context).map((cookie) => [cookie.name, cookie.httpOnly])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });

  test('cookies grade a jar cookie from its Set-Cookie line', () => {
    const context = contextFor(PAGE, {
      setCookies: ['sessionid=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
      cookies: [jarCookie('sessionid', { httpOnly: true })],
    });
    const cookies = collectCookies(context);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ source: 'set-cookie', inJar: true, kind: 'session' });
  });

  test('cookies keep a jar cookie with another path apart', () => {
    const context = contextFor(PAGE, {
      setCookies: ['sessionid=abc; Secure'],
      cookies: [jarCookie('sessionid', { path: '/' })],
    });
    // The line has no Path, so the browser stores it under the default path "/account".
    expect(collectCookies(context).map((cookie) => cookie.source)).toEqual([
      'set-cookie',
      'cookie-jar',
    ]);
  });

  test('cookies match a domain cookie of the jar', () => {
    const context = contextFor(PAGE, {
      setCookies: ['pref=1; Domain=.example.test; Path=/'],
      cookies: [jarCookie('pref', { domain: '.example.test', hostOnly: false })],
    });
    expect(collectCookies(context)).toHaveLength(1);
  });

  test('cookies map the jar SameSite values', () => {
    const context = contextFor(PAGE, {
      cookies: [
        jarCookie('a', { sameSite: 'no_restriction' }),
        jarCookie('b', { sameSite: 'unspecified' }),
        jarCookie('c', { sameSite: 'strict' }),
      ],
    });
    expect(collectCookies(context).map((cookie) => cookie.sameSite)).toEqual([
      'none',
      'default',
      'strict',
    ]);
  });

  test('cookies judge a deletion against the response date', () => {
    const context = contextFor(PAGE, {
      headers: [['Date', 'Wed, 21 Oct 2015 07:28:00 GMT']],
      setCookies: [
        'old=; Expires=Tue, 20 Oct 2015 07:28:00 GMT',
        'kept=1; Expires=Thu, 22 Oct 2015 07:28:00 GMT',
      ],
    });
    expect(collectCookies(context).map((cookie) => cookie.deletion)).toEqual([true, false]);
  });

  test('cookies accept Secure from a plain-HTTP development host', () => {
    const context = contextFor('http://localhost:8000/', { setCookies: ['a=1; Secure'] });
    expect(collectCookies(context)[0]?.rejections).toEqual([]);
  });

  test('cookies reject Secure from a plain-HTTP production host', () => {
    const context = contextFor('http://shop.example.test/', { setCookies: ['a=1; Secure'] });
    expect(collectCookies(context)[0]?.rejections).toEqual([
      'Secure was set by a plain-HTTP response',
    ]);
  });

  test('cookies classify names with the options', () => {
    const context = contextFor(PAGE, { setCookies: ['auth=1'] }, { sessionCookieNames: ['auth'] });
    expect(collectCookies(context)[0]?.kind).toBe('session');
  });
});

describe('describeCookie', () => {
  test('cookie evidence says where the cookie came from and what it lacks', () => {
    const context = contextFor(PAGE, {
      setCookies: ['theme=dark; SameSite=None'],
      cookies: [jarCookie('js_pref', { secure: false })],
    });
    const cookies = collectCookies(context);
    expect(cookies).toHaveLength(2);
    const [line, jar] = cookies as [GradedCookie, GradedCookie];
    expect(describeCookie(line, ['Secure'])).toBe(
      'theme (Set-Cookie line): lacks Secure; browsers reject it: SameSite=None without Secure',
    );
    expect(describeCookie(jar, [])).toBe(
      'js_pref (cookie jar only: set by a script or an earlier response): has what it needs',
    );
  });
});

describe('redactedCookie', () => {
  test.each([
    ['sessionid=s3cr3t; Path=/; Secure', 'sessionid=…; Path=/; Secure'],
    ['sessionid=; Max-Age=0', 'sessionid=; Max-Age=0'],
    ['token', '…'],
  ])('%s is quoted as %s', (line, expected) => {
    const cookies = collectCookies(contextFor(PAGE, { setCookies: [line] }));
    expect(cookies).toHaveLength(1);
    expect(redactedCookie(cookies[0] as GradedCookie)).toBe(expected);
  });
});
