import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './session-cookie';
import { contextForPage as contextFor } from '../testing/contexts';

const PAGE = 'https://shop.example.test/';
const run = (...setCookies: string[]) => check.run(contextFor(PAGE, { setCookies }));

describe('session-cookie', () => {
  test.each([
    ['sessionid=a; Secure; HttpOnly; SameSite=Lax', 'secure'],
    ['sessionid=a; secure; httponly; samesite=strict', 'secure'],
    ['sessionid=a; Secure; HttpOnly', 'samesite-weak'],
    ['sessionid=a; Secure; HttpOnly; SameSite=None', 'samesite-weak'],
    ['sessionid=a; Secure; HttpOnly; SameSite=Lax; SameSite=Bogus', 'samesite-weak'],
    ['sessionid=a; Secure; SameSite=Lax', 'no-httponly'],
    ['sessionid=a; HttpOnly; SameSite=Lax', 'no-secure'],
    ['sessionid=a', 'no-secure'],
    ['PHPSESSID=a; HttpOnly; SameSite=Lax', 'no-secure'],
    ['theme=dark', 'none'],
  ])('%s is %s', (line, outcome) => {
    expect(run(line).outcome).toBe(outcome);
  });

  test('session-cookie is n/a without cookies', () => {
    expect(check.run(contextFor(PAGE))).toEqual({
      outcome: 'none',
      evidence: 'no session cookie seen',
    });
  });

  test('session-cookie takes the worst problem over all cookies', () => {
    const finding = run(
      'sessionid=a; Secure; HttpOnly; SameSite=Lax',
      'JSESSIONID=b; Secure; SameSite=Lax',
      'laravel_session=c; HttpOnly; SameSite=Lax',
    );
    expect(finding.outcome).toBe('no-secure');
    expect(finding.evidence).toBe(
      'sessionid (Set-Cookie line): has what it needs; JSESSIONID (Set-Cookie line): lacks HttpOnly; laravel_session (Set-Cookie line): lacks Secure',
    );
  });

  test('session-cookie grades a deletion line', () => {
    // Django's logout deletes the cookie without Secure.
    const finding = run(
      'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax',
    );
    expect(finding.outcome).toBe('no-secure');
    expect(finding.evidence).toContain(
      'sessionid (Set-Cookie line, a deletion): lacks Secure, HttpOnly',
    );
  });

  test('session-cookie grades a cookie from the jar', () => {
    const finding = check.run(
      contextFor(PAGE, {
        cookies: [
          {
            name: 'connect.sid',
            domain: 'shop.example.test',
            path: '/',
            secure: true,
            httpOnly: false,
            sameSite: 'lax',
            hostOnly: true,
            session: true,
          },
        ],
      }),
    );
    expect(finding.outcome).toBe('no-httponly');
    expect(finding.evidence).toBe(
      'connect.sid (cookie jar only: set by a script or an earlier response): lacks HttpOnly',
    );
  });

  test('session-cookie ignores Secure on a development host', () => {
    const finding = check.run(
      contextFor('http://localhost:8000/', { setCookies: ['sessionid=a; HttpOnly; SameSite=Lax'] }),
    );
    expect(finding.outcome).toBe('secure');
    expect(finding.notes).toEqual([
      'This would fail in production unchanged: sessionid lacks Secure, which this development host does not require.',
    ]);
  });

  test('session-cookie still fails HttpOnly on a development host', () => {
    const finding = check.run(
      contextFor('http://127.0.0.1:8000/', { setCookies: ['sessionid=a'] }),
    );
    expect(finding.outcome).toBe('no-httponly');
  });

  test('session-cookie returns only outcomes of the weights table', () => {
    const outcomes = Object.keys(WEIGHTS['session-cookie']);
    for (const line of ['sessionid=a', 'x', '', 'sessionid=a; Secure; HttpOnly; SameSite=Lax']) {
      expect(outcomes).toContain(run(line).outcome);
    }
  });
});

describe('session-cookie remediation', () => {
  test('session-cookie remediation names the settings and hides the value', () => {
    const context = contextFor(PAGE, { setCookies: ['sessionid=s3cr3t; Path=/'] });
    const remediation = check.remediate(check.run(context), context);
    const code = Object.fromEntries(remediation.fixes.map((fix) => [fix.stack, fix.code]));

    expect(remediation.summary).toContain('"sessionid=…; Path=/"');
    expect(remediation.summary).not.toContain('s3cr3t');
    expect(code.django).toBe(
      'SESSION_COOKIE_SECURE = True\nSESSION_COOKIE_HTTPONLY = True\nSESSION_COOKIE_SAMESITE = "Lax"',
    );
    expect(code.nginx).toBe('proxy_cookie_flags sessionid secure httponly samesite=lax;');
    expect(code.apache).toContain(
      'Header always edit Set-Cookie "^(sessionid=.*)$" "$1; Secure; HttpOnly; SameSite=Lax"',
    );
    expect(code.express).toContain("cookie: { secure: true, httpOnly: true, sameSite: 'lax' }");
    expect(code.caddy).toBe(
      'header >Set-Cookie "^(sessionid=.*)$" "$1; Secure; HttpOnly; SameSite=Lax"',
    );
    expect(remediation.why).toContain('plain HTTP');
  });

  test('session-cookie remediation escapes regular expression characters', () => {
    const context = contextFor(PAGE, { setCookies: ['connect.sid=a'] });
    const remediation = check.remediate(check.run(context), context);
    const caddy = remediation.fixes.find((fix) => fix.stack === 'caddy');
    expect(caddy?.code).toContain('"^(connect\\.sid=.*)$"');
  });
});

describe('session-cookie on real captures', () => {
  const directory = new URL('../testdata/real-headers/', import.meta.url);
  const read = (file: string) =>
    JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as ResponseRecord;

  test.each(readdirSync(directory).filter((file) => file.endsWith('.json')))(
    '%s grades without error',
    (file) => {
      const record = read(file);
      expect(Object.keys(WEIGHTS['session-cookie'])).toContain(
        check.run(contextFor(record.url, record)).outcome,
      );
    },
  );

  test('session-cookie finds the calibreapp session without SameSite', () => {
    const record = read('www.calibreapp.com_chrome-har-signin.json');
    const finding = check.run(contextFor(record.url, record));
    expect(finding.outcome).toBe('samesite-weak');
    expect(finding.evidence).toBe('_calibre_app_session (Set-Cookie line): lacks SameSite');
  });
});
