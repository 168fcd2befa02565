import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './referrer-policy';
import { contextForHeaders as contextFor } from '../testing/contexts';

const run = (...values: string[]) =>
  check.run(contextFor(values.map((value) => ['Referrer-Policy', value])));

describe('referrer-policy', () => {
  test.each([
    [['no-referrer'], 'strict'],
    [['same-origin'], 'strict'],
    [['strict-origin'], 'strict'],
    [['strict-origin-when-cross-origin'], 'strict'],
    [['unsafe-url'], 'leaky'],
    [['no-referrer-when-downgrade'], 'leaky'],
    [['origin'], 'leaky'],
    [['origin-when-cross-origin'], 'leaky'],
    [['unsafe-url, no-referrer'], 'strict'],
    [['no-referrer', 'unsafe-url'], 'leaky'],
    [['no-referrer, bogus'], 'strict'],
    [['never'], 'invalid'],
    [[''], 'invalid'],
    [[], 'missing'],
  ])('%j is %s', (values, outcome) => {
    expect(run(...values).outcome).toBe(outcome);
  });

  test('referrer-policy missing is info about the browser default', () => {
    const finding = run();

    expect(WEIGHTS['referrer-policy'][finding.outcome as 'missing'].verdict).toBe('info');
    expect(finding.evidence).toContain('strict-origin-when-cross-origin');
  });

  test('referrer-policy names the token that applies', () => {
    expect(run('no-referrer', 'unsafe-url').evidence).toBe(
      'Referrer-Policy: "no-referrer, unsafe-url" (unsafe-url applies) sends the full URL, path and query included, to every site, even over plain HTTP',
    );
  });

  test('referrer-policy notes unknown tokens and the Chromium difference', () => {
    expect(run('same-origin, no_referrer').notes).toEqual([
      'browsers skip the unknown tokens "no_referrer"',
      'an unknown token contains a character other than a letter or a hyphen: Chromium then ignores the whole header and keeps its default policy',
    ]);
  });

  test('referrer-policy outcomes are exactly the weight keys', () => {
    const outcomes = new Set([
      run('same-origin').outcome,
      run('origin').outcome,
      run('x').outcome,
      run().outcome,
    ]);

    expect([...outcomes].sort()).toEqual(Object.keys(WEIGHTS['referrer-policy']).sort());
  });

  test('referrer-policy remediation sets same-origin', () => {
    const context = contextFor([['Referrer-Policy', 'unsafe-url']], 'express');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      'Referrer-Policy is "unsafe-url", so unsafe-url applies and leaks page URLs to other sites.',
    );
    expect(remediation.fixes.map((fix) => [fix.stack, fix.code])).toEqual([
      [
        'express',
        'import helmet from \'helmet\';\n\napp.use(helmet({ referrerPolicy: { policy: "same-origin" } }));',
      ],
      ['django', 'SECURE_REFERRER_POLICY = "same-origin"'],
      ['nginx', 'add_header Referrer-Policy "same-origin" always;'],
      ['apache', 'Header always set Referrer-Policy "same-origin"'],
      ['caddy', 'header Referrer-Policy "same-origin"'],
    ]);
  });

  test('referrer-policy grades any header without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (values) => {
        const context = contextFor(values.map((value) => ['Referrer-Policy', value]));
        const finding = check.run(context);
        expect(Object.keys(WEIGHTS['referrer-policy'])).toContain(finding.outcome);
        check.remediate(finding, context);
      }),
    );
  });

  test('referrer-policy reads a 1 MB header quickly', () => {
    const started = performance.now();

    const finding = run('bogus,'.repeat(170_000) + 'origin');

    expect(finding.outcome).toBe('leaky');
    expect(finding.notes?.[0]).toContain('and 169995 more');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('referrer-policy grades every real captured response', () => {
    const folder = new URL('../testdata/real-headers/', import.meta.url);
    const outcomes: Record<string, string> = {};
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
      const record = JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as ResponseRecord;
      outcomes[name] = check.run({ ...contextFor(record.headers), record }).outcome;
    }

    expect(outcomes['www.yahoo.com_chrome-har-lighthouse.json']).toBe('leaky');
    expect(outcomes['www.calibreapp.com_chrome-har-signin.json']).toBe('strict');
    expect(outcomes['www.sitespeed.io_chrome-har-linkclick.json']).toBe('strict');
    expect(outcomes['www.google.com_chrome-har.json']).toBe('missing');
  });
});
