import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EXPRESS_DENY } from '../remediation/frame-options';
import type { HeaderPair, ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './frame-options';
import { contextForMarkup as contextFor } from '../testing/contexts';

const run = (headers: HeaderPair[], html?: string) => check.run(contextFor(headers, html));
const xfo = (...values: string[]): HeaderPair[] =>
  values.map((value) => ['X-Frame-Options', value]);
const csp = (value: string): HeaderPair => ['Content-Security-Policy', value];

describe('frame-options', () => {
  test.each([
    [xfo('DENY'), 'deny'],
    [xfo('deny'), 'deny'],
    [xfo('SAMEORIGIN'), 'same-origin'],
    [xfo('DENY', 'SAMEORIGIN'), 'conflicting'],
    [xfo('DENY, SAMEORIGIN'), 'conflicting'],
    [xfo('DENY', 'DENY'), 'deny'],
    [xfo('ALLOW-FROM https://partner.example.test'), 'allow-from'],
    [xfo('ALLOWALL'), 'invalid'],
    [xfo('"DENY"'), 'invalid'],
    [xfo(''), 'invalid'],
    [[], 'missing'],
    [[csp("frame-ancestors 'none'")], 'frame-ancestors-none'],
    [[csp('frame-ancestors')], 'frame-ancestors-none'],
    [[csp("frame-ancestors 'self'")], 'frame-ancestors-limited'],
    [[csp("frame-ancestors 'self' https://partner.example.test")], 'frame-ancestors-limited'],
    [[csp('frame-ancestors *')], 'frame-ancestors-any'],
    [[csp('frame-ancestors https:')], 'frame-ancestors-any'],
    [[csp('frame-ancestors http:')], 'frame-ancestors-any'],
    [[csp('frame-ancestors *'), ...xfo('DENY')], 'frame-ancestors-any'],
    [[csp("frame-ancestors 'self'"), ...xfo('DENY')], 'frame-ancestors-limited'],
    [[csp("default-src 'self'"), ...xfo('DENY')], 'deny'],
    [[csp("frame-ancestors *, frame-ancestors 'none'")], 'frame-ancestors-none'],
    [[['Content-Security-Policy-Report-Only', "frame-ancestors 'none'"] as HeaderPair], 'missing'],
  ])('%j is %s', (headers, outcome) => {
    expect(run(headers).outcome).toBe(outcome);
  });

  test('frame-options ignores frame-ancestors in a <meta> policy', () => {
    const finding = run(
      [],
      `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`,
    );

    expect(finding.outcome).toBe('missing');
    expect(finding.evidence).toBe(
      'no X-Frame-Options header, and browsers ignore the frame-ancestors of the <meta> policy: any site may frame the page',
    );
    expect(finding.notes).toEqual([]);
  });

  test('frame-options remediation sends the <meta> frame-ancestors as a header', () => {
    const context = contextFor(
      [],
      `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`,
    );
    expect(check.remediate(check.run(context), context).summary).toBe(
      'The response has no X-Frame-Options header, and its frame-ancestors directive is in a <meta> policy, which browsers ignore, so any site may frame the page. Send frame-ancestors in a Content-Security-Policy header, or X-Frame-Options: DENY.',
    );
  });

  test('frame-options keeps the <meta> note next to SAMEORIGIN', () => {
    const finding = run(
      xfo('SAMEORIGIN'),
      `<meta http-equiv="Content-Security-Policy" content="frame-ancestors 'none'">`,
    );

    expect(finding.outcome).toBe('same-origin');
    expect(finding.notes).toEqual([
      'frame-ancestors in a <meta> policy is ignored by browsers: it must be sent as a header',
    ]);
  });

  test('frame-options ignores <meta http-equiv="X-Frame-Options">', () => {
    const finding = run([], `<head><META HTTP-EQUIV="X-Frame-Options" CONTENT="DENY">`);

    expect(finding.outcome).toBe('missing');
    expect(finding.notes).toEqual([
      '<meta http-equiv="X-Frame-Options"> is ignored by browsers: it must be sent as a header',
    ]);
  });

  test('frame-options notes the X-Frame-Options that frame-ancestors overrides', () => {
    const finding = run([csp('frame-ancestors *'), ...xfo('DENY')]);

    expect(finding.evidence).toBe(
      'Content-Security-Policy frame-ancestors "*": any site may frame the page',
    );
    expect(finding.notes).toEqual([
      'X-Frame-Options "DENY" is ignored by browsers, because the policy has frame-ancestors',
    ]);
  });

  test('frame-options notes an unquoted none', () => {
    const finding = run([csp('frame-ancestors none')]);

    expect(finding.outcome).toBe('frame-ancestors-limited');
    expect(finding.notes).toContain(
      `frame-ancestors none without quotes is a host named "none", not the 'none' keyword`,
    );
  });

  test('frame-options notes report-only frame-ancestors', () => {
    const finding = run([
      ['Content-Security-Policy-Report-Only', "frame-ancestors 'none'"],
      ...xfo('DENY'),
    ]);

    expect(finding.outcome).toBe('deny');
    expect(finding.notes).toEqual([
      'frame-ancestors in Content-Security-Policy-Report-Only only reports framing and blocks nothing',
    ]);
  });

  test('frame-options outcomes are exactly the weight keys', () => {
    const samples: HeaderPair[][] = [
      xfo('DENY'),
      xfo('SAMEORIGIN'),
      xfo('DENY', 'SAMEORIGIN'),
      xfo('ALLOW-FROM https://a.example.test'),
      xfo('bogus'),
      [],
      [csp("frame-ancestors 'none'")],
      [csp("frame-ancestors 'self'")],
      [csp('frame-ancestors *')],
    ];
    const outcomes = new Set(samples.map((headers) => run(headers).outcome));

    expect([...outcomes].sort()).toEqual(Object.keys(WEIGHTS['frame-options']).sort());
  });

  test('frame-options remediation sets DENY for Django first', () => {
    const context = contextFor([]);
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes.map((fix) => [fix.stack, fix.code])).toEqual([
      ['django', 'X_FRAME_OPTIONS = "DENY"'],
      ['nginx', 'add_header X-Frame-Options "DENY" always;'],
      ['apache', 'Header always set X-Frame-Options "DENY"'],
      ['express', EXPRESS_DENY],
      ['caddy', 'header X-Frame-Options "DENY"'],
    ]);
  });

  test('frame-options remediation quotes the received value', () => {
    const context = contextFor(xfo('ALLOW-FROM https://partner.example.test'), undefined, 'apache');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toContain('"ALLOW-FROM https://partner.example.test"');
    expect(remediation.fixes[0]?.stack).toBe('apache');
  });

  test('frame-options remediation fixes a weak frame-ancestors in the policy', () => {
    const context = contextFor(
      [csp("default-src 'self'; frame-ancestors *"), ...xfo('DENY')],
      undefined,
      'nginx',
    );
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toContain('frame-ancestors "*"');
    expect(remediation.fixes[0]?.code).toBe(
      `add_header Content-Security-Policy "frame-ancestors 'none'" always;`,
    );
    expect(remediation.fixes.find((fix) => fix.stack === 'django')?.code).toContain(
      'SECURE_CSP["frame-ancestors"] = [CSP.NONE]',
    );
  });

  test('frame-options remediation hides the proxied copy when values conflict', () => {
    const context = contextFor(xfo('DENY', 'SAMEORIGIN'), undefined, 'nginx');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]?.code).toBe(
      'proxy_hide_header X-Frame-Options;\nadd_header X-Frame-Options "DENY" always;',
    );
  });

  test('frame-options grades any headers and markup without throwing', () => {
    const outcomes = Object.keys(WEIGHTS['frame-options']);
    fc.assert(
      fc.property(fc.array(fc.string()), fc.string(), fc.string(), (values, policy, html) => {
        const context = contextFor([...xfo(...values), csp(policy)], html);
        const finding = check.run(context);
        expect(outcomes).toContain(finding.outcome);
        check.remediate(finding, context);
      }),
    );
  });

  test('frame-options reads a 1 MB header quickly', () => {
    const started = performance.now();

    const finding = run([
      ...xfo('SAMEORIGIN,'.repeat(100_000)),
      csp(`img-src ${'a '.repeat(500_000)}`),
    ]);

    expect(finding.outcome).toBe('conflicting');
    expect(finding.evidence.length).toBeLessThan(1000);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('frame-options on real captured responses', () => {
  const folder = new URL('../testdata/real-headers/', import.meta.url);
  const files = readdirSync(folder).filter((name) => name.endsWith('.json'));
  const grade = (name: string) => {
    const record = JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as ResponseRecord;
    const context = { ...contextFor(record.headers), record };
    const finding = check.run(context);
    return { finding, remediation: check.remediate(finding, context) };
  };

  test.each(files)('frame-options grades %s without throwing', (name) => {
    const { finding, remediation } = grade(name);

    expect(Object.keys(WEIGHTS['frame-options'])).toContain(finding.outcome);
    expect(remediation.fixes).toHaveLength(5);
  });

  test.each([
    ['www.nytimes.com_pagexray-2015.json', 'deny'],
    ['www.google.com_chrome-har.json', 'same-origin'],
    ['www.izettle.com_chrome-har-testdata-h1.json', 'invalid'],
    ['www.masterofmalt.com_chrome-har-early-hints.json', 'frame-ancestors-limited'],
    ['www.youtube.com-embed_lighthouse.json', 'missing'],
  ])('frame-options grades %s as %s', (name, outcome) => {
    expect(grade(name).finding.outcome).toBe(outcome);
  });
});
