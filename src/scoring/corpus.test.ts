// Grades every real captured response of testdata/real-headers and expects a complete report.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { gradeForScore } from './grade';
import { gradeRecord } from './index';
import { CHECKS } from './registry';
import type { ResponseRecord } from './types';

const CORPUS_DIRECTORY = new URL('./testdata/real-headers/', import.meta.url);

const files = readdirSync(CORPUS_DIRECTORY)
  .filter((file) => file.endsWith('.json'))
  .sort();

function readRecord(file: string): ResponseRecord {
  return JSON.parse(readFileSync(new URL(file, CORPUS_DIRECTORY), 'utf8')) as ResponseRecord;
}

describe('real-headers corpus', () => {
  test('corpus has its 45 responses', () => {
    expect(files).toHaveLength(45);
  });

  test.each(files)('%s grades without errors', (file) => {
    const report = gradeRecord(readRecord(file));
    const errors = report.checks.filter((check) => check.outcome === 'error');

    expect(report.checks.map((check) => check.id)).toEqual(CHECKS.map((check) => check.id));
    expect(errors.map((check) => `${check.id}: ${check.evidence}`)).toEqual([]);
    expect(report.score).toBeGreaterThanOrEqual(0);
    expect(report.grade).toBe(report.capped ? 'F' : gradeForScore(report.score));
  });

  test.each(files)('%s has remediation for each finding', (file) => {
    const report = gradeRecord(readRecord(file));

    for (const check of report.checks) {
      if (check.verdict === 'pass' || check.verdict === 'n/a') {
        continue;
      }
      expect(check.remediation?.summary, `${check.id} summary`).toBeTruthy();
      expect(check.remediation?.fixes.length, `${check.id} fixes`).toBeGreaterThan(0);
    }
  });
});
