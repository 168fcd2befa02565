import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  browserRejections,
  defaultPath,
  isDeletion,
  parseCookieDate,
  parseSetCookie,
  type ParsedSetCookie,
} from './set-cookie';

const HTTPS_PAGE = { url: new URL('https://www.example.test/account/login'), secureOrigin: true };
const HTTP_PAGE = { url: new URL('http://www.example.test/account/login'), secureOrigin: false };

describe('parseSetCookie', () => {
  // Each row: the line, the expected fields, and the rule of RFC 6265bis that decides them.
  test.each<[string, Partial<ParsedSetCookie>, string]>([
    ['sessionid=abc', { name: 'sessionid', value: 'abc' }, '§5.6 step 3: split at the first "="'],
    ['a=b=c', { name: 'a', value: 'b=c' }, '§5.6 step 3: the value keeps later "="'],
    ['token', { name: '', value: 'token' }, '§5.6 step 3: no "=" means an empty name'],
    ['=abc', { name: '', value: 'abc' }, '§5.6 step 3: an empty name before "="'],
    ['  id  =  42  ; Path=/', { name: 'id', value: '42', path: '/' }, '§5.6 step 4: trim WSP'],
    [
      'id=1; secure; HTTPONLY',
      { secure: true, httpOnly: true },
      '§5.6 step 7: names are case-insensitive',
    ],
    ['id=1;Secure;HttpOnly', { secure: true, httpOnly: true }, '§5.6: spaces are optional'],
    ['id=1; Secure=no', { secure: true }, '§5.6.5: the value of Secure is ignored'],
    ['id=1; SameSite=Lax', { sameSite: 'lax' }, '§5.6.7'],
    ['id=1; samesite=STRICT', { sameSite: 'strict' }, '§5.6.7: values are case-insensitive'],
    ['id=1; SameSite=None; Secure', { sameSite: 'none', secure: true }, '§5.6.7'],
    [
      'id=1; SameSite=Loose',
      { sameSite: 'default', sameSiteValue: 'Loose' },
      '§5.6.7: unknown value means Default',
    ],
    [
      'id=1; SameSite',
      { sameSite: 'default', sameSiteValue: '' },
      '§5.6.7: an empty value means Default',
    ],
    ['id=1; SameSite=Strict; SameSite=Lax', { sameSite: 'lax' }, '§5.7: the last SameSite wins'],
    [
      'id=1; SameSite=Strict; SameSite=Bogus',
      { sameSite: 'default' },
      '§5.7: the last one wins even when unknown',
    ],
    [
      'id=1; Domain=.Example.TEST',
      { domain: 'example.test' },
      '§5.6.3: drop a leading dot, lower-case',
    ],
    ['id=1; Domain=a.test; Domain=', { domain: 'a.test' }, '§5.6.3: an empty Domain is ignored'],
    ['id=1; Path=/a; Path=/b', { path: '/b' }, '§5.7: the last Path wins'],
    ['id=1; Path=relative', { path: '' }, '§5.6.4: a path without "/" means the default path'],
    ['id=1; Max-Age=3600', { maxAge: 3600 }, '§5.6.2'],
    ['id=1; max-age=-5', { maxAge: -5 }, '§5.6.2: a leading "-" is allowed'],
    ['id=1; Max-Age=1; Max-Age=abc', { maxAge: 1 }, '§5.6.2: an invalid Max-Age is skipped'],
    [
      'id=1; Max-Age=+5',
      { skippedAttributes: ['Max-Age: "+5" is not a whole number'] },
      '§5.6.2: "+" is not allowed',
    ],
    [
      'id=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT',
      { expires: Date.UTC(2015, 9, 21, 7, 28, 0) },
      '§5.6.1 and §5.1.1',
    ],
    [
      'id=1; Expires=tomorrow',
      { skippedAttributes: ['Expires: "tomorrow" is not a cookie date'] },
      '§5.6.1: an unparsable date is skipped',
    ],
    ['id=1; Partitioned', { partitioned: true }, 'CHIPS: Partitioned is recognised'],
    [
      'id=1; Comment=hello; Version=1',
      { secure: false, httpOnly: false },
      '§5.6 step 7: unknown attributes are ignored',
    ],
  ])('%s', (line, expected) => {
    expect(parseSetCookie(line)).toMatchObject(expected);
  });

  test('set-cookie drops a line with a control character', () => {
    // RFC 6265bis §5.6 step 1: %x00-08 / %x0A-1F / %x7F abort parsing.
    expect(parseSetCookie('id=a\u0001b').ignored).toBe('the line contains a control character');
    expect(parseSetCookie('id=a\tb').ignored).toBeUndefined();
  });

  test('set-cookie drops a name and value above 4096 bytes', () => {
    // RFC 6265bis §5.6 step 5: the sum of the name and value lengths.
    expect(parseSetCookie(`id=${'x'.repeat(4094)}`).ignored).toBeUndefined();
    expect(parseSetCookie(`id=${'x'.repeat(4095)}`).ignored).toContain('4096 bytes');
    // Bytes, not characters: "é" is two octets in UTF-8.
    expect(parseSetCookie(`id=${'é'.repeat(2048)}`).ignored).toContain('4096 bytes');
  });

  test('set-cookie skips an attribute value above 1024 bytes', () => {
    // RFC 6265bis §5.6 step 6 of the attribute loop.
    const cookie = parseSetCookie(`id=1; Path=/a; Path=/${'p'.repeat(1024)}`);
    expect(cookie.path).toBe('/a');
    expect(cookie.skippedAttributes).toHaveLength(1);
  });
});

describe('parseCookieDate', () => {
  // RFC 6265bis §5.1.1 accepts the formats servers send in practice.
  test.each([
    ['Wed, 21 Oct 2015 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 28, 0)],
    ['Wednesday, 21-Oct-15 07:28:00 GMT', Date.UTC(2015, 9, 21, 7, 28, 0)],
    ['Wed Oct 21 07:28:00 2015', Date.UTC(2015, 9, 21, 7, 28, 0)],
    ['Thu, 01 Jan 1970 00:00:00 GMT', 0],
    ['21 october 2015 7:8:9', Date.UTC(2015, 9, 21, 7, 8, 9)],
    ['Sat, 01-Jan-69 00:00:00 GMT', Date.UTC(2069, 0, 1)],
    ['Fri, 01-Jan-70 00:00:00 GMT', Date.UTC(1970, 0, 1)],
  ])('%s parses', (text, expected) => {
    expect(parseCookieDate(text)).toBe(expected);
  });

  test.each([
    ['', 'no tokens'],
    ['Wed, 21 Oct 2015', 'no time'],
    ['Wed, 32 Oct 2015 07:28:00 GMT', 'day above 31'],
    ['Wed, 31 Apr 2015 07:28:00 GMT', 'a day April lacks'],
    ['Wed, 21 Oct 1600 07:28:00 GMT', 'year before 1601'],
    ['Wed, 21 Oct 2015 24:00:00 GMT', 'hour above 23'],
    ['Wed, 21 Foo 2015 07:28:00 GMT', 'no month'],
  ])('%s does not parse (%s)', (text) => {
    expect(parseCookieDate(text)).toBeUndefined();
  });
});

describe('isDeletion', () => {
  const now = Date.UTC(2024, 0, 1);

  test.each([
    ['id=; Max-Age=0', true],
    ['id=; Max-Age=-1', true],
    ['id=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', true],
    ['id=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT', false],
    // RFC 6265bis §5.7: Max-Age wins over Expires.
    ['id=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT', false],
    ['id=1; Max-Age=0; Expires=Thu, 01 Jan 2099 00:00:00 GMT', true],
    ['id=1', false],
  ])('%s deletes: %s', (line, expected) => {
    expect(isDeletion(parseSetCookie(line), now)).toBe(expected);
  });
});

describe('browserRejections', () => {
  test.each([
    ['id=1; Secure; SameSite=Lax', HTTPS_PAGE, []],
    ['id=1; SameSite=None', HTTPS_PAGE, ['SameSite=None without Secure']],
    ['id=1; SameSite=None; Secure', HTTPS_PAGE, []],
    ['__Secure-id=1', HTTPS_PAGE, ['the __Secure- prefix requires Secure']],
    ['__secure-id=1', HTTPS_PAGE, ['the __Secure- prefix requires Secure']],
    ['__Secure-id=1; Secure', HTTPS_PAGE, []],
    ['__Host-id=1; Secure; Path=/', HTTPS_PAGE, []],
    ['__Host-id=1; Secure', HTTPS_PAGE, ['the __Host- prefix requires Path=/']],
    [
      '__Host-id=1; Secure; Path=/app',
      HTTPS_PAGE,
      ['the __Host- prefix requires Path=/, but the path is "/app"'],
    ],
    [
      '__Host-id=1; Secure; Path=/; Domain=www.example.test',
      HTTPS_PAGE,
      ['the __Host- prefix forbids a Domain attribute'],
    ],
    ['__HOST-id=1; Path=/', HTTPS_PAGE, ['the __Host- prefix requires Secure']],
    ['id=1; Secure', HTTP_PAGE, ['Secure was set by a plain-HTTP response']],
    ['id=1; Domain=example.test', HTTPS_PAGE, []],
    [
      'id=1; Domain=other.test',
      HTTPS_PAGE,
      ['Domain=other.test does not match the host www.example.test'],
    ],
    ['id=1; Domain=test', HTTPS_PAGE, ['Domain=test is a public suffix']],
    ['=', HTTPS_PAGE, ['the cookie has neither a name nor a value']],
    ['__Host-x', HTTPS_PAGE, ['a nameless cookie whose value starts with a cookie prefix']],
  ])('%s: %j', (line, context, expected) => {
    expect(browserRejections(parseSetCookie(line), context)).toEqual(expected);
  });

  test('set-cookie rejects a public suffix from a private registry', () => {
    const page = { url: new URL('https://someone.github.io/'), secureOrigin: true };
    expect(browserRejections(parseSetCookie('id=1; Domain=github.io'), page)).toEqual([
      'Domain=github.io is a public suffix',
    ]);
  });

  test('set-cookie accepts a Domain equal to the host', () => {
    const page = { url: new URL('https://127.0.0.1:8443/'), secureOrigin: true };
    expect(browserRejections(parseSetCookie('id=1; Domain=127.0.0.1'), page)).toEqual([]);
  });

  test('set-cookie accepts __Host- with a relative path on a top-level page', () => {
    // RFC 6265bis §5.6.4: "Path=x" means the default path, which is "/" for "/login".
    const page = { url: new URL('https://www.example.test/login'), secureOrigin: true };
    expect(browserRejections(parseSetCookie('__Host-id=1; Secure; Path=x'), page)).toEqual([]);
  });

  test('set-cookie reports the reason a line was dropped', () => {
    expect(browserRejections(parseSetCookie('id=\u0000'), HTTPS_PAGE)).toEqual([
      'the line contains a control character',
    ]);
  });
});

describe('defaultPath', () => {
  test.each([
    ['https://a.test/', '/'],
    ['https://a.test/login', '/'],
    ['https://a.test/account/login', '/account'],
    ['https://a.test/account/', '/account'],
  ])('%s has default path %s', (url, expected) => {
    // RFC 6265bis §5.1.4: up to, not including, the right-most "/".
    expect(defaultPath(new URL(url))).toBe(expected);
  });
});

describe('parseSetCookie on any input', () => {
  test('set-cookie returns a cookie and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (line) => {
        const cookie = parseSetCookie(line);
        expect(typeof cookie.name).toBe('string');
        expect(Array.isArray(browserRejections(cookie, HTTPS_PAGE))).toBe(true);
        expect(typeof isDeletion(cookie, 0)).toBe('boolean');
      }),
    );
  });

  test('set-cookie reads back generated attributes', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('Strict', 'Lax', 'None'),
        (name, secure, httpOnly, sameSite) => {
          const line = [
            `${name}=v`,
            secure ? 'Secure' : '',
            httpOnly ? 'HttpOnly' : '',
            `SameSite=${sameSite}`,
          ]
            .filter(Boolean)
            .join('; ');
          expect(parseSetCookie(line)).toMatchObject({
            name,
            secure,
            httpOnly,
            sameSite: sameSite.toLowerCase(),
          });
        },
      ),
    );
  });

  test('set-cookie handles a 1 MB line in linear time', () => {
    const megabyte = 1024 * 1024;
    const started = performance.now();
    const hugeValue = parseSetCookie(`id=${'v'.repeat(megabyte)}`);
    const hugeWhitespace = parseSetCookie(`id=1;${' '.repeat(megabyte)}x`);
    const manyAttributes = parseSetCookie(`id=1${'; Secure'.repeat(megabyte / 8)}`);
    const hugeDate = parseCookieDate('1 '.repeat(megabyte / 2));
    expect(hugeValue.ignored).toContain('4096 bytes');
    expect(hugeWhitespace.name).toBe('id');
    expect(manyAttributes.secure).toBe(true);
    expect(hugeDate).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
