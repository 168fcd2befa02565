import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../check';
import { isDevelopmentHost } from '../development-host';
import { HeaderList } from '../headers';
import type { GradeOptions, ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './csrf-cookie';

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

const PAGE = 'https://shop.example.test/';
const run = (...setCookies: string[]) => check.run(contextFor(PAGE, { setCookies }));

describe('csrf-cookie', () => {
  test.each([
    ['csrftoken=a; Secure; SameSite=Lax', 'secure'],
    ['csrftoken=a; Secure; SameSite=Strict', 'secure'],
    ['csrftoken=a; Secure; SameSite=None', 'secure'],
    ['XSRF-TOKEN=a; Secure; SameSite=Lax; Path=/', 'secure'],
    ['csrftoken=a; Secure', 'no-samesite'],
    ['csrftoken=a; Secure; SameSite=maybe', 'no-samesite'],
    ['csrftoken=a; SameSite=Lax', 'no-secure'],
    ['csrftoken=a', 'no-secure'],
    ['sessionid=a', 'none'],
  ])('%s is %s', (line, outcome) => {
    expect(run(line).outcome).toBe(outcome);
  });

  test('csrf-cookie does not require HttpOnly', () => {
    expect(run('csrftoken=a; Secure; SameSite=Lax').evidence).toBe(
      'csrftoken (Set-Cookie line): has what it needs',
    );
  });

  test('csrf-cookie is n/a without cookies', () => {
    expect(check.run(contextFor(PAGE))).toEqual({
      outcome: 'none',
      evidence: 'no CSRF cookie seen',
    });
  });

  test('csrf-cookie takes the worst problem over all cookies', () => {
    const finding = run('csrftoken=a; Secure', '_csrf=b; SameSite=Lax');
    expect(finding.outcome).toBe('no-secure');
    expect(finding.evidence).toBe(
      'csrftoken (Set-Cookie line): lacks SameSite; _csrf (Set-Cookie line): lacks Secure',
    );
  });

  test('csrf-cookie quotes an unrecognised SameSite value', () => {
    expect(run('csrftoken=a; Secure; SameSite=maybe').evidence).toBe(
      'csrftoken (Set-Cookie line): lacks SameSite (the value "maybe" is not recognised)',
    );
  });

  test('csrf-cookie recognises a name from the options', () => {
    const context = contextFor(PAGE, { setCookies: ['guard=a'] }, { csrfCookieNames: ['guard'] });
    expect(check.run(context).outcome).toBe('no-secure');
  });

  test('csrf-cookie ignores Secure on a development host', () => {
    const finding = check.run(
      contextFor('http://localhost:8000/', { setCookies: ['csrftoken=a; SameSite=Lax'] }),
    );
    expect(finding.outcome).toBe('secure');
    expect(finding.notes?.[0]).toContain('csrftoken lacks Secure');
  });

  test('csrf-cookie returns only outcomes of the weights table', () => {
    const outcomes = Object.keys(WEIGHTS['csrf-cookie']);
    for (const line of ['csrftoken=a', 'x', '', 'csrftoken=a; Secure; SameSite=Lax']) {
      expect(outcomes).toContain(run(line).outcome);
    }
  });

  test('csrf-cookie remediation keeps the cookie readable', () => {
    const context = contextFor(PAGE, { setCookies: ['csrftoken=t0k3n; Path=/'] });
    const remediation = check.remediate(check.run(context), context);
    const code = Object.fromEntries(remediation.fixes.map((fix) => [fix.stack, fix.code]));

    expect(remediation.summary).not.toContain('t0k3n');
    expect(code.django).toBe('CSRF_COOKIE_SECURE = True\nCSRF_COOKIE_SAMESITE = "Lax"');
    expect(code.nginx).toBe('proxy_cookie_flags csrftoken secure samesite=lax;');
    expect(code.express).toBe("res.cookie('csrftoken', value, { secure: true, sameSite: 'lax' });");
    expect(remediation.fixes.every((fix) => !/httponly/i.test(fix.code))).toBe(true);
  });
});
