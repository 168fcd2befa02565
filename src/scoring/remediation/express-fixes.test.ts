import { describe, expect, test } from 'vitest';

import { gradeRecord } from '../index';
import type { CheckId, ResponseRecord } from '../types';

/** An HTTPS response with none of the hardening headers and three unprotected cookies. */
const BARE_RECORD: ResponseRecord = {
  url: 'https://shop.example.test/account/',
  status: 200,
  headers: [
    ['server', 'nginx/1.22.1'],
    ['x-powered-by', 'Express'],
    ['x-xss-protection', '1; mode=block'],
    ['content-security-policy', "default-src 'self'; frame-ancestors 'self'"],
  ],
  setCookies: ['connect.sid=s1; Path=/', 'XSRF-TOKEN=t1; Path=/', 'theme=dark; Path=/'],
};

function expressFixes(record: ResponseRecord): Array<[CheckId, string]> {
  return gradeRecord(record).checks.flatMap((check) => {
    const fix = check.remediation?.fixes.find((candidate) => candidate.stack === 'express');
    return fix === undefined ? [] : [[check.id, fix.code] as [CheckId, string]];
  });
}

describe('express fixes', () => {
  const withoutPolicy: ResponseRecord = {
    ...BARE_RECORD,
    headers: BARE_RECORD.headers.filter(([name]) => name !== 'content-security-policy'),
  };
  const fixes = [...expressFixes(BARE_RECORD), ...expressFixes(withoutPolicy)];

  test('express fixes cover the helmet checks', () => {
    const ids = new Set(fixes.map(([id]) => id));

    for (const id of [
      'hsts',
      'frame-options',
      'content-type-options',
      'csp',
      'referrer-policy',
    ] as const) {
      expect(ids, id).toContain(id);
    }
  });

  // One application module takes every fix, so they share ES module imports: `require` is
  // not defined in an ES module, and a second `helmet` binding is a syntax error.
  test.each(fixes)('express fix for %s uses ES module imports', (_id, code) => {
    expect(code).not.toMatch(/\brequire\(/);
    for (const line of code.split('\n').filter((text) => /\bhelmet\b.*\bfrom\b/.test(text))) {
      expect(line).toBe("import helmet from 'helmet';");
    }
  });

  test('express X-Frame-Options fix also sets frame-ancestors', () => {
    const code = new Map(expressFixes(withoutPolicy)).get('frame-options');

    expect(code).toContain('frameguard: { action: "deny" }');
    expect(code).toContain(`contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } }`);
  });
});
