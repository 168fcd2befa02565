// Conventions every check must keep: one file per check named by its id, a test beside it, an
// outcome table in weights.ts, and remediation text for every outcome below pass.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { Check, CheckContext } from './check';
import { HeaderList } from './headers';
import { gradeRecord } from './index';
import { CHECKS } from './registry';
import type { CheckId, Fix, HeaderPair, ResponseRecord, Stack } from './types';
import { WEIGHTS, type Weight } from './weights';

const CHECKS_DIRECTORY = new URL('./checks/', import.meta.url);
const CORPUS_DIRECTORY = new URL('./testdata/real-headers/', import.meta.url);
const STACKS: ReadonlyArray<Fix['stack']> = ['django', 'nginx', 'apache', 'express', 'caddy'];

function checkFileIds(): string[] {
  return readdirSync(CHECKS_DIRECTORY)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

/** Builds a weak response, so that each check's remediation has something to quote. */
function contextFor(stack: Stack): CheckContext {
  const headers: HeaderPair[] = [
    ['Server', 'nginx/1.25.3'],
    ['X-XSS-Protection', '1; mode=block'],
    ['Access-Control-Allow-Origin', '*'],
    ['Access-Control-Allow-Credentials', 'true'],
    ['Set-Cookie', 'sessionid=abc; Path=/'],
    ['Set-Cookie', 'csrftoken=def; Path=/'],
    ['Set-Cookie', 'theme=dark; SameSite=None'],
  ];
  const url = 'https://shop.example.test/account/';
  return {
    record: {
      url,
      status: 200,
      headers,
      subresources: [{ url: 'http://cdn.example/a.js', type: 'script' }],
    },
    url: new URL(url),
    https: true,
    developmentHost: false,
    headers: new HeaderList(headers),
    stack,
    options: {},
  };
}

function outcomesBelowPass(id: CheckId): string[] {
  const table: Readonly<Record<string, Weight>> = WEIGHTS[id];
  return Object.entries(table)
    .filter(([, weight]) => weight.verdict !== 'pass' && weight.verdict !== 'n/a')
    .map(([outcome]) => outcome);
}

describe('registry', () => {
  test('ids are unique', () => {
    const ids = CHECKS.map((check) => check.id);

    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every check file is registered', () => {
    expect(checkFileIds()).toEqual(CHECKS.map((check) => check.id).sort());
  });

  test.each(checkFileIds())('file %s exports a check with that id', async (fileId) => {
    const module = (await import(new URL(`${fileId}.ts`, CHECKS_DIRECTORY).href)) as {
      check?: Check<CheckId>;
    };

    expect(module.check?.id).toBe(fileId);
    expect(CHECKS).toContain(module.check);
  });

  test.each(CHECKS.map((check) => check.id))('check %s has a test beside it', (id) => {
    expect(existsSync(new URL(`${id}.test.ts`, CHECKS_DIRECTORY))).toBe(true);
  });

  test.each(CHECKS.map((check) => check.id))('check %s has a weights row', (id) => {
    expect(Object.keys(WEIGHTS)).toContain(id);
    expect(Object.keys(WEIGHTS[id]).length).toBeGreaterThan(0);
  });

  test('every weights row has a check', () => {
    const ids = CHECKS.map((check) => check.id).sort();

    expect(Object.keys(WEIGHTS).sort()).toEqual(ids);
  });

  test.each(CHECKS.map((check) => check.id))('check %s has a title', (id) => {
    const check = CHECKS.find((candidate) => candidate.id === id);

    expect(check?.title.trim().length).toBeGreaterThan(0);
  });
});

describe('outcomes', () => {
  // The type of Finding already restricts outcomes to the weights table. This catches a check
  // that returns a computed or cast string, on every real record of the corpus.
  const records = readdirSync(CORPUS_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .map(
      (file) => JSON.parse(readFileSync(new URL(file, CORPUS_DIRECTORY), 'utf8')) as ResponseRecord,
    );

  test.each(CHECKS.map((check) => check.id))('check %s returns only weighted outcomes', (id) => {
    const table: Readonly<Record<string, Weight>> = WEIGHTS[id];
    for (const record of records) {
      const result = gradeRecord(record).checks.find((candidate) => candidate.id === id);

      expect(Object.keys(table), `${record.url}`).toContain(result?.outcome);
    }
  });
});

describe('remediation', () => {
  const cases = CHECKS.flatMap((check) =>
    outcomesBelowPass(check.id).map((outcome) => [check.id, outcome] as const),
  );

  test.each(cases)('%s outcome %s has a full remediation', (id, outcome) => {
    const check = CHECKS.find((candidate) => candidate.id === id);
    if (check === undefined) {
      throw new Error(`check ${id} is not registered`);
    }

    for (const stack of ['unknown', ...STACKS] as const) {
      const remediation = check.remediate(
        { outcome: outcome as never, evidence: `test evidence for ${outcome}` },
        contextFor(stack),
      );

      expect(remediation.summary.trim(), `${stack} summary`).not.toBe('');
      expect(remediation.why.trim(), `${stack} why`).not.toBe('');
      expect(remediation.docs, `${stack} docs`).toMatch(/^https:\/\/developer\.mozilla\.org\//);
      for (const expected of STACKS) {
        const fix = remediation.fixes.find((candidate) => candidate.stack === expected);
        expect(fix?.code.trim(), `${stack}: fix for ${expected}`).toBeTruthy();
        expect(fix?.where.trim(), `${stack}: where for ${expected}`).toBeTruthy();
      }
      const leading = stack === 'unknown' ? 'django' : stack;
      expect(remediation.fixes[0]?.stack, `${stack}: first fix`).toBe(leading);
    }
  });
});
