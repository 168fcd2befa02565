import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { STATIC_STRICT_POLICY_TEXT } from '../remediation/csp';
import type { HeaderPair, ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './csp';
import { contextForMarkup as contextFor } from '../testing/contexts';

const csp = (...values: string[]): HeaderPair[] =>
  values.map((value) => ['Content-Security-Policy', value]);
const run = (headers: HeaderPair[], html?: string) => check.run(contextFor(headers, html));

describe('csp', () => {
  test.each([
    ["script-src 'nonce-r4nd0m' 'strict-dynamic'; object-src 'none'; base-uri 'none'", 'strict'],
    [
      "script-src 'sha256-abc=' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'",
      'strict',
    ],
    ["default-src 'none'", 'strict'],
    ["default-src 'none'; script-src 'self'; img-src 'self'", 'strict'],
    [STATIC_STRICT_POLICY_TEXT, 'strict'],
    ["default-src 'self'", 'no-unsafe-scripts'],
    ["script-src 'nonce-abc'; object-src 'none'", 'no-unsafe-scripts'],
    [
      "default-src 'none'; script-src 'self'; script-src-attr 'unsafe-hashes' 'sha256-abc='",
      'no-unsafe-scripts',
    ],
    ["default-src 'self'; style-src 'self' 'unsafe-inline'", 'unsafe-inline-styles'],
    ["default-src 'self' 'unsafe-eval'", 'unsafe-eval'],
    ["script-src 'nonce-abc' 'strict-dynamic' 'unsafe-eval'; object-src 'none'", 'unsafe-eval'],
    ["default-src 'self' 'unsafe-inline'", 'unsafe-scripts'],
    ["default-src 'self'; script-src 'self' 'unsafe-inline' 'nonce-'", 'unsafe-scripts'],
    ["default-src 'self'; script-src 'self' https:", 'unsafe-scripts'],
    ["default-src 'self'; script-src *", 'unsafe-scripts'],
    ["default-src 'self'; script-src 'self' data:", 'unsafe-scripts'],
    ["default-src 'self'; script-src 'self' http:", 'unsafe-scripts'],
    ["script-src 'nonce-abc' 'strict-dynamic'", 'unsafe-scripts'],
    ["default-src 'self'; object-src *", 'unsafe-scripts'],
    [
      "script-src 'nonce-abc'; script-src-attr 'unsafe-inline'; object-src 'none'",
      'unsafe-scripts',
    ],
    ["frame-ancestors 'none'", 'unsafe-scripts'],
    ['upgrade-insecure-requests', 'unsafe-scripts'],
    ["script-src 'none'; script-src 'unsafe-inline'; object-src 'none'", 'no-unsafe-scripts'],
    ["defualt-src 'self'", 'invalid'],
    ['', 'invalid'],
    [' ; ', 'invalid'],
  ])('grades %j as %s', (value, outcome) => {
    expect(run(csp(value)).outcome).toBe(outcome);
  });

  test('csp without any policy is missing', () => {
    expect(run([['X-Frame-Options', 'DENY']])).toEqual({
      outcome: 'missing',
      evidence: 'no Content-Security-Policy header and no <meta> policy',
      notes: [],
    });
  });

  test('csp with only a report-only policy is report-only', () => {
    const finding = run([['Content-Security-Policy-Report-Only', "default-src 'none'"]]);

    expect(finding.outcome).toBe('report-only');
    expect(finding.notes).toContain(
      "Content-Security-Policy-Report-Only, graded as if enforced: pass (strict, +10): strict: default-src is 'none', and no unsafe source",
    );
  });

  test('csp notes the report-only grade next to an enforced policy', () => {
    const finding = run([
      ...csp("default-src 'self'"),
      ['Content-Security-Policy-Report-Only', "default-src 'self' 'unsafe-inline'"],
    ]);

    expect(finding.outcome).toBe('no-unsafe-scripts');
    expect(
      finding.notes?.some((note) =>
        note.startsWith(
          'Content-Security-Policy-Report-Only, graded as if enforced: fail (unsafe-scripts, -20)',
        ),
      ),
    ).toBe(true);
  });

  test('csp grades two header lines together', () => {
    const finding = run(
      csp("script-src 'self' 'unsafe-inline'", "script-src 'nonce-abc'; object-src 'none'"),
    );

    expect(finding.outcome).toBe('no-unsafe-scripts');
  });

  test('csp grades comma-separated policies together', () => {
    expect(run(csp("default-src * 'unsafe-inline', default-src 'none'")).outcome).toBe('strict');
  });

  test('csp keeps a script allowed only when every policy allows it', () => {
    const finding = run(csp("script-src 'unsafe-inline'", "default-src 'self' 'unsafe-inline'"));

    expect(finding.outcome).toBe('unsafe-scripts');
    expect(finding.evidence).toContain(
      "injected inline scripts run: script-src allows 'unsafe-inline'",
    );
  });

  test('csp enforces a <meta> policy', () => {
    const html = `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">`;

    expect(run([], html).outcome).toBe('strict');
  });

  test('csp combines a header policy with a <meta> policy', () => {
    const html = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; style-src 'self'; object-src 'none'">`;

    expect(run(csp("default-src 'self' 'unsafe-inline'"), html).outcome).toBe('no-unsafe-scripts');
  });

  test('csp ignores a <meta> policy in the body', () => {
    const finding = run(
      [],
      `<body><meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
    );

    expect(finding.outcome).toBe('missing');
    expect(finding.notes).toEqual(['a <meta> policy outside <head> is ignored by browsers']);
  });

  test('csp treats a <meta> policy of only frame-ancestors as invalid', () => {
    const finding = run(
      [],
      `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`,
    );

    expect(finding.outcome).toBe('invalid');
    expect(finding.notes).toEqual(['browsers ignore frame-ancestors in a <meta> policy']);
  });

  test('csp notes repeated directives', () => {
    const finding = run(csp("default-src 'none'; default-src *"));

    expect(finding.outcome).toBe('strict');
    expect(finding.notes).toContain(
      'repeated directives are ignored, the first one applies: default-src',
    );
  });

  test('csp lists csp_evaluator findings with severity', () => {
    const finding = run(csp("script-src 'self' 'unsafe-inline'"));

    expect(finding.notes).toContain(
      "csp_evaluator, high: script-src \"'unsafe-inline'\": 'unsafe-inline' allows the execution of unsafe in-page scripts and event handlers.",
    );
  });

  test('csp quotes the policy in the evidence', () => {
    const finding = run(csp("default-src 'self'; script-src 'self' https:"));

    expect(finding.evidence).toBe(
      `Content-Security-Policy: "default-src 'self'; script-src 'self' https:": scripts load from any site: script-src allows https:`,
    );
  });

  test('csp remediation gives a complete strict policy first for Django', () => {
    const context = contextFor([]);
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes.map((fix) => fix.stack)).toEqual([
      'django',
      'nginx',
      'apache',
      'express',
      'caddy',
    ]);
    expect(remediation.fixes[0]?.code).toContain('SECURE_CSP = {');
    expect(remediation.fixes[0]?.code).toContain('"script-src": [CSP.NONCE, CSP.STRICT_DYNAMIC],');
    expect(remediation.fixes[0]?.code).toContain(
      'django.middleware.csp.ContentSecurityPolicyMiddleware',
    );
    expect(remediation.fixes[1]?.code).toBe(
      `add_header Content-Security-Policy "${STATIC_STRICT_POLICY_TEXT}" always;`,
    );
    expect(remediation.docs).toMatch(/^https:\/\/developer\.mozilla\.org\//);
  });

  test('csp remediation quotes the report-only policy', () => {
    const context = contextFor([['Content-Security-Policy-Report-Only', "default-src 'self'"]]);
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toContain(
      `Content-Security-Policy-Report-Only "default-src 'self'"`,
    );
  });

  test('csp remediation leads with the detected stack', () => {
    const context = contextFor(csp("default-src 'self' 'unsafe-inline'"), undefined, 'nginx');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]?.stack).toBe('nginx');
    expect(remediation.summary).toContain(`"default-src 'self' 'unsafe-inline'"`);
  });

  test('csp outcomes are exactly the weight keys', () => {
    const outcomes = new Set<string>();
    const samples = [
      "default-src 'none'",
      "default-src 'self'",
      "default-src 'self'; style-src 'unsafe-inline'",
      "default-src 'self' 'unsafe-eval'",
      'default-src *',
      'x',
    ];
    for (const value of samples) {
      outcomes.add(run(csp(value)).outcome);
    }
    outcomes.add(run([]).outcome);
    outcomes.add(run([['Content-Security-Policy-Report-Only', 'x']]).outcome);

    expect([...outcomes].sort()).toEqual(Object.keys(WEIGHTS.csp).sort());
  });

  test('csp grades any header and markup without throwing', () => {
    const outcomes = Object.keys(WEIGHTS.csp);
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (value, reportOnly, html) => {
        const headers: HeaderPair[] = [
          ['Content-Security-Policy', value],
          ['Content-Security-Policy-Report-Only', reportOnly],
        ];
        const context = contextFor(headers, html);
        const finding = check.run(context);
        expect(outcomes).toContain(finding.outcome);
        check.remediate(finding, context);
      }),
    );
  });

  test('csp grades a 1 MB header and 10,000 directives quickly', () => {
    const hosts = 'https://cdn.example.test '.repeat(40_000);
    const directives = Array.from(
      { length: 10_000 },
      (_, index) => `x-${index}-src ${hosts.slice(0, 50)}`,
    ).join(';');
    const started = performance.now();

    const finding = run(csp(`script-src 'self' ${hosts}; object-src 'none'`, directives));

    expect(finding.outcome).toBe('no-unsafe-scripts');
    expect(finding.evidence.length).toBeLessThan(1000);
    expect(finding.notes?.length).toBeLessThan(40);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('csp on real captured responses', () => {
  const folder = new URL('../testdata/real-headers/', import.meta.url);
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
  const load = (name: string) =>
    JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as ResponseRecord;
  const grade = (name: string) => {
    const record = load(name);
    return check.run({ ...contextFor(record.headers), record });
  };

  test.each(files)('csp grades %s without throwing', (name) => {
    const record = load(name);
    const context = { ...contextFor(record.headers), record };
    const finding = check.run(context);

    expect(Object.keys(WEIGHTS.csp)).toContain(finding.outcome);
    expect(check.remediate(finding, context).fixes).toHaveLength(5);
  });

  test.each([
    ['www.cnn.com_2024-05_lighthouse.json', 'unsafe-scripts'],
    ['www.sitespeed.io_chrome-har-linkclick.json', 'unsafe-scripts'],
    ['www.aftonbladet.se_chrome-har-2018.json', 'unsafe-scripts'],
    ['www.yahoo.com_chrome-har-lighthouse.json', 'unsafe-scripts'],
    ['cn.bing.com_chrome-har.json', 'report-only'],
    ['www.google.com_chrome-har.json', 'missing'],
  ])('csp grades %s as %s', (name, outcome) => {
    expect(grade(name).outcome).toBe(outcome);
  });

  test('csp grades the bing report-only nonce policy as if enforced', () => {
    const notes = grade('cn.bing.com_chrome-har.json').notes ?? [];

    expect(notes[0]).toMatch(
      /^Content-Security-Policy-Report-Only, graded as if enforced: fail \(unsafe-scripts, -20\): object-src is unrestricted/,
    );
  });
});
