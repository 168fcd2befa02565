import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './content-type-options';
import { contextForHeaders as contextFor } from '../testing/contexts';

const run = (...values: string[]) =>
  check.run(contextFor(values.map((value) => ['X-Content-Type-Options', value])));

describe('content-type-options', () => {
  test.each([
    [['nosniff'], 'nosniff'],
    [['NOSNIFF'], 'nosniff'],
    [['nosniff', 'nosniff'], 'nosniff'],
    [['nosniff, x'], 'nosniff'],
    [['x, nosniff'], 'invalid'],
    [['no-sniff'], 'invalid'],
    [['"nosniff"'], 'invalid'],
    [[''], 'invalid'],
    [[], 'missing'],
  ])('%j is %s', (values, outcome) => {
    expect(run(...values).outcome).toBe(outcome);
  });

  test('content-type-options quotes the first value when invalid', () => {
    expect(run('sniff, nosniff').evidence).toBe(
      'X-Content-Type-Options: "sniff, nosniff", whose first value "sniff" is not "nosniff", so browsers may sniff content types',
    );
  });

  test('content-type-options outcomes are exactly the weight keys', () => {
    const outcomes = new Set([run('nosniff').outcome, run('x').outcome, run().outcome]);

    expect([...outcomes].sort()).toEqual(Object.keys(WEIGHTS['content-type-options']).sort());
  });

  test('content-type-options remediation sets nosniff for every stack', () => {
    const context = contextFor([['X-Content-Type-Options', 'sniff']], 'caddy');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      'X-Content-Type-Options is "sniff", but browsers only honour a first value of "nosniff".',
    );
    expect(remediation.fixes.map((fix) => [fix.stack, fix.code])).toEqual([
      ['caddy', 'header X-Content-Type-Options "nosniff"'],
      ['django', 'SECURE_CONTENT_TYPE_NOSNIFF = True'],
      ['nginx', 'add_header X-Content-Type-Options "nosniff" always;'],
      ['apache', 'Header always set X-Content-Type-Options "nosniff"'],
      [
        'express',
        "import helmet from 'helmet';\n\n// helmet sends X-Content-Type-Options: nosniff by default.\napp.use(helmet());",
      ],
    ]);
  });

  test('content-type-options grades any header without throwing', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), (values) => {
        expect(Object.keys(WEIGHTS['content-type-options'])).toContain(run(...values).outcome);
      }),
    );
  });

  test('content-type-options reads a 1 MB header quickly', () => {
    const started = performance.now();

    const finding = run(' '.repeat(1_000_000) + 'x');

    expect(finding.outcome).toBe('invalid');
    expect(finding.evidence.length).toBeLessThan(1000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('content-type-options grades every real captured response', () => {
    const folder = new URL('../testdata/real-headers/', import.meta.url);
    const outcomes: Record<string, string> = {};
    for (const name of readdirSync(folder).filter((file) => file.endsWith('.json'))) {
      const record = JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as ResponseRecord;
      outcomes[name] = check.run({ ...contextFor(record.headers), record }).outcome;
    }

    expect(outcomes['www.yahoo.com_chrome-har-lighthouse.json']).toBe('nosniff');
    expect(outcomes['www.google.com_chrome-har.json']).toBe('missing');
    expect(Object.values(outcomes).filter((outcome) => outcome === 'nosniff')).toHaveLength(20);
  });
});
