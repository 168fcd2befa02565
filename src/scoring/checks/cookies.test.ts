import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './cookies';
import { contextForPage as contextFor } from '../testing/contexts';

const PAGE = 'https://shop.example.test/';
const run = (...setCookies: string[]) => check.run(contextFor(PAGE, { setCookies }));

describe('cookies', () => {
  test.each([
    ['theme=dark; Secure; SameSite=Lax', 'secure'],
    ['embed=1; Secure; SameSite=None', 'secure'],
    ['theme=dark; Secure', 'no-samesite'],
    ['theme=dark; SameSite=Lax', 'no-secure'],
    ['theme=dark', 'no-secure'],
    ['embed=1; SameSite=None', 'rejected'],
    ['__Secure-pref=1; SameSite=Lax', 'rejected'],
    ['__Host-pref=1; Secure; SameSite=Lax', 'rejected'],
    ['__Host-pref=1; Secure; Path=/; Domain=shop.example.test; SameSite=Lax', 'rejected'],
    ['__Host-pref=1; Secure; Path=/; SameSite=Lax', 'secure'],
    ['pref=1; Secure; SameSite=Lax; Domain=other.test', 'rejected'],
    ['sessionid=a', 'none'],
    ['csrftoken=a', 'none'],
  ])('%s is %s', (line, outcome) => {
    expect(run(line).outcome).toBe(outcome);
  });

  test('cookies is n/a without other cookies', () => {
    expect(check.run(contextFor(PAGE))).toEqual({
      outcome: 'none',
      evidence: 'no cookie seen besides session and CSRF cookies',
    });
  });

  test('cookies takes the worst problem over all cookies', () => {
    const finding = run('a=1; Secure; SameSite=Lax', 'b=1; SameSite=Lax', 'c=1; SameSite=None');
    expect(finding.outcome).toBe('rejected');
    expect(finding.evidence).toBe(
      'a (Set-Cookie line): has what it needs; b (Set-Cookie line): lacks Secure; c (Set-Cookie line): lacks Secure; browsers reject it: SameSite=None without Secure',
    );
  });

  test('cookies grades a nameless cookie', () => {
    // RFC 6265bis §5.6: a line without "=" is a cookie with an empty name.
    const finding = run('tracking');
    expect(finding.outcome).toBe('no-secure');
    expect(finding.evidence).toBe('(empty name) (Set-Cookie line): lacks Secure, SameSite');
  });

  test('cookies rejects Secure from a plain-HTTP page', () => {
    const finding = check.run(
      contextFor('http://shop.example.test/', { setCookies: ['a=1; Secure; SameSite=Lax'] }),
    );
    expect(finding.outcome).toBe('rejected');
  });

  test('cookies ignores Secure on a development host but keeps rejections', () => {
    const plain = check.run(
      contextFor('http://localhost:3000/', { setCookies: ['a=1; SameSite=Lax'] }),
    );
    const rejected = check.run(
      contextFor('http://localhost:3000/', { setCookies: ['a=1; SameSite=None'] }),
    );
    expect(plain.outcome).toBe('secure');
    expect(plain.notes?.[0]).toContain('would fail in production unchanged');
    expect(rejected.outcome).toBe('rejected');
  });

  test('cookies returns only outcomes of the weights table', () => {
    const outcomes = Object.keys(WEIGHTS.cookies);
    for (const line of ['a=1', 'x', '', '=', 'a=1; SameSite=None', 'a=1; Secure; SameSite=Lax']) {
      expect(outcomes).toContain(run(line).outcome);
    }
  });

  test('cookies handles a 1 MB Set-Cookie line', () => {
    const finding = run(`pref=1; Secure; SameSite=Lax; ${'x'.repeat(1024 * 1024)}`);
    expect(finding.outcome).toBe('secure');
  });

  test('cookies remediation lists the prefix rules', () => {
    const context = contextFor(PAGE, { setCookies: ['__Host-pref=v4lue; Secure; Path=/app'] });
    const remediation = check.remediate(check.run(context), context);
    const django = remediation.fixes.find((fix) => fix.stack === 'django');

    expect(remediation.summary).toContain('A __Host- cookie also needs Path=/ and no Domain');
    expect(remediation.summary).not.toContain('v4lue');
    expect(django?.code).toBe(
      'response.set_cookie("__Host-pref", value, secure=True, samesite="Lax", path="/")',
    );
  });

  test('cookies remediation uses the Django language settings', () => {
    const context = contextFor(PAGE, { setCookies: ['django_language=en; Path=/'] });
    const remediation = check.remediate(check.run(context), context);
    expect(remediation.fixes[0]?.code).toBe(
      'LANGUAGE_COOKIE_SECURE = True\nLANGUAGE_COOKIE_SAMESITE = "Lax"',
    );
  });
});

describe('cookies on real captures', () => {
  const directory = new URL('../testdata/real-headers/', import.meta.url);

  test.each(readdirSync(directory).filter((file) => file.endsWith('.json')))(
    '%s grades without error',
    (file) => {
      const record = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as ResponseRecord;
      const context = contextFor(record.url, record);
      const finding = check.run(context);
      expect(Object.keys(WEIGHTS.cookies)).toContain(finding.outcome);
      if (WEIGHTS.cookies[finding.outcome].verdict !== 'pass' && finding.outcome !== 'none') {
        expect(check.remediate(finding, context).fixes).toHaveLength(5);
      }
    },
  );
});
