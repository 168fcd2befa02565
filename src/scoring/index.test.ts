import { describe, expect, test } from 'vitest';
import { gradeRecord } from './index';
import { CHECKS } from './registry';
import type { CheckResult, Report, ResponseRecord } from './types';
import { SCORING_VERSION } from './weights';

/** Builds the response of a Django site configured as the production-readiness review left it. */
function reviewedDjangoRecord(): ResponseRecord {
  return {
    url: 'https://shop.example.test/account/',
    status: 200,
    headers: [
      ['Content-Type', 'text/html; charset=utf-8'],
      ['Strict-Transport-Security', 'max-age=31536000'],
      ['X-Frame-Options', 'DENY'],
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'same-origin'],
      ['Cross-Origin-Opener-Policy', 'same-origin'],
      ['Vary', 'Cookie'],
      [
        'Set-Cookie',
        'csrftoken=REDACTED; expires=Fri, 03 Dec 2027 20:00:00 GMT; Max-Age=31449600; Path=/; SameSite=Lax; Secure',
      ],
      [
        'Set-Cookie',
        'sessionid=REDACTED; expires=Fri, 18 Dec 2026 20:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure',
      ],
    ],
    redirects: [
      {
        url: 'http://shop.example.test/account/',
        status: 301,
        location: 'https://shop.example.test/account/',
        headers: [['Location', 'https://shop.example.test/account/']],
      },
    ],
  };
}

function result(report: Report, id: string): CheckResult | undefined {
  return report.checks.find((check) => check.id === id);
}

describe('gradeRecord', () => {
  test('review configuration grades B with 70', () => {
    const report = gradeRecord(reviewedDjangoRecord());

    expect(report.score).toBe(70);
    expect(report.grade).toBe('B');
    expect(report.capped).toBe(false);
    expect(report.developmentHost).toBe(false);
    expect(report.stack).toBe('django');
    expect(report.scoringVersion).toBe(SCORING_VERSION);
  });

  test('stack confidence confirmed by Set-Cookie', () => {
    expect(gradeRecord(reviewedDjangoRecord()).stackConfidence).toBe('confirmed');
  });

  test('stack confidence likely from the jar', () => {
    const record: ResponseRecord = {
      url: 'https://shop.example.test/help/',
      status: 200,
      headers: [['Content-Type', 'text/html']],
      cookies: [
        {
          name: 'sessionid',
          domain: 'shop.example.test',
          path: '/',
          secure: true,
          httpOnly: true,
          sameSite: 'lax',
          hostOnly: true,
          session: false,
        },
      ],
    };
    const report = gradeRecord(record);

    expect(report.stack).toBe('django');
    expect(report.stackConfidence).toBe('likely');
  });

  test('stack confidence absent when unknown', () => {
    const report = gradeRecord({ url: 'https://example.test/', status: 200, headers: [] });

    expect(report.stack).toBe('unknown');
    expect('stackConfidence' in report).toBe(false);
  });

  test('review configuration withholds its bonuses', () => {
    const report = gradeRecord(reviewedDjangoRecord());
    const bonuses = report.checks.filter((check) => check.modifier > 0);

    expect(bonuses.map((check) => check.id)).toContain('frame-options');
    expect(report.bonusesCounted).toBe(false);
  });

  test('bonuses count once penalties leave 90 or more', () => {
    const record = reviewedDjangoRecord();
    record.headers.push([
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; object-src 'none'; base-uri 'none'",
    ]);
    const report = gradeRecord(record);

    expect(report.bonusesCounted).toBe(true);
    expect(report.score).toBeGreaterThan(100 - 5);
  });

  test('review configuration fails first on CSP', () => {
    const report = gradeRecord(reviewedDjangoRecord());
    const firstFailure = report.checks.find((check) => check.verdict === 'fail');

    expect(firstFailure?.id).toBe('csp');
    expect(firstFailure?.modifier).toBe(-25);
    expect(firstFailure?.remediation?.fixes[0]?.stack).toBe('django');
  });

  test('review configuration outcomes', () => {
    const report = gradeRecord(reviewedDjangoRecord());
    const outcomes = Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]));

    expect(outcomes).toEqual({
      https: 'served',
      'https-redirect': 'same-host',
      hsts: 'one-year',
      'session-cookie': 'secure',
      'csrf-cookie': 'secure',
      cookies: 'none',
      'frame-options': 'deny',
      'content-type-options': 'nosniff',
      csp: 'missing',
      'referrer-policy': 'strict',
      'vulnerable-libraries': 'no-scripts',
      'cross-origin-isolation': 'coop-same-origin',
      'permissions-policy': 'missing',
      cors: 'not-shared',
      'mixed-content': 'none',
      'information-disclosure': 'none',
      'deprecated-headers': 'none',
    });
  });

  test('report lists every check in registry order', () => {
    const report = gradeRecord(reviewedDjangoRecord());

    expect(report.checks.map((check) => check.id)).toEqual(CHECKS.map((check) => check.id));
  });

  test('plain HTTP on a production host is capped at F', () => {
    const record = reviewedDjangoRecord();
    record.url = 'http://shop.example.test/account/';
    record.redirects = [];
    const report = gradeRecord(record);

    expect(report.capped).toBe(true);
    expect(report.grade).toBe('F');
    expect(result(report, 'https')?.verdict).toBe('fail');
  });

  test('plain HTTP with a high score is still F', () => {
    const report = gradeRecord({
      url: 'http://shop.example.test/',
      status: 200,
      headers: [
        ['X-Frame-Options', 'DENY'],
        ['X-Content-Type-Options', 'nosniff'],
        ['Referrer-Policy', 'no-referrer'],
        ['Content-Security-Policy', "default-src 'none'"],
      ],
    });

    expect(report.capped).toBe(true);
    expect(report.grade).toBe('F');
  });

  test.each([
    ['http://localhost:8000/account/'],
    ['http://127.0.0.1:8000/account/'],
    ['http://app.localhost/account/'],
    ['http://[::1]:8000/account/'],
  ])('development host %s is not capped', (url) => {
    const record = reviewedDjangoRecord();
    record.url = url;
    record.redirects = [];
    const report = gradeRecord(record);

    expect(report.developmentHost).toBe(true);
    expect(report.capped).toBe(false);
    expect(report.grade).not.toBe('F');
    for (const id of ['https', 'https-redirect', 'hsts']) {
      expect(result(report, id)?.verdict, id).toBe('n/a');
      expect(result(report, id)?.outcome, id).toBe('development-host');
    }
  });

  test('development host graded as production is capped', () => {
    const record = reviewedDjangoRecord();
    record.url = 'http://localhost:8000/account/';
    record.redirects = [];
    const report = gradeRecord(record, { asProduction: true });

    expect(report.developmentHost).toBe(false);
    expect(report.capped).toBe(true);
    expect(report.grade).toBe('F');
  });

  test('throwing check becomes an error result', () => {
    const record = reviewedDjangoRecord();
    Object.defineProperty(record, 'subresources', {
      enumerable: true,
      get(): never {
        throw new Error('subresources are unreadable');
      },
    });
    const report = gradeRecord(record);
    const mixedContent = result(report, 'mixed-content');

    expect(mixedContent?.outcome).toBe('error');
    expect(mixedContent?.verdict).toBe('fail');
    expect(mixedContent?.modifier).toBe(0);
    expect(mixedContent?.evidence).toContain('subresources are unreadable');
    expect(report.checks).toHaveLength(CHECKS.length);
    expect(report.score).toBe(70);
    expect(report.grade).toBe('B');
  });

  test('source is carried into the report', () => {
    const record = reviewedDjangoRecord();
    record.source = 'fixture';

    expect(gradeRecord(record).source).toBe('fixture');
  });

  test('invalid URL still yields a report', () => {
    const report = gradeRecord({ url: 'not a url', status: 200, headers: [] });

    expect(report.checks).toHaveLength(CHECKS.length);
    expect(report.capped).toBe(true);
    expect(report.grade).toBe('F');
  });
});
