import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { BONUS_THRESHOLD, gradeForScore } from './grade';
import type { Grade } from './types';
import { SCORING_VERSION, WEIGHTS, type Weight } from './weights';

// docs/scoring.md is the published contract of the grader. These tests parse its tables
// and fail when the document and the code disagree.
const DOCUMENT = readFileSync(new URL('../../docs/scoring.md', import.meta.url), 'utf8');

const MODIFIER_HEADER = '| outcome | verdict | modifier | when |';

interface DocumentedCheck {
  id: string;
  outcomes: Record<string, Weight>;
}

/** Reads every `### `check-id`` section that contains a modifier table. */
function readModifierTables(markdown: string): DocumentedCheck[] {
  const checks: DocumentedCheck[] = [];
  for (const section of markdown.split(/^### /m).slice(1)) {
    const id = /^`([a-z-]+)`/.exec(section)?.[1];
    const lines = section.split('\n');
    const header = lines.indexOf(MODIFIER_HEADER);
    if (id === undefined || header === -1) {
      continue;
    }
    const outcomes: Record<string, Weight> = {};
    for (const line of lines.slice(header + 2)) {
      if (!line.startsWith('|')) {
        break;
      }
      const [outcome, verdict, modifier] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      outcomes[(outcome ?? '').replace(/`/g, '')] = {
        verdict: verdict as Weight['verdict'],
        modifier: Number((modifier ?? '').replace(/^\+/, '')),
      };
    }
    checks.push({ id, outcomes });
  }
  return checks;
}

/** Reads the score-to-grade table: each row's lowest score and its grade. */
function readGradeBands(markdown: string): Array<[minimum: number, grade: Grade]> {
  const start = markdown.indexOf('| score | grade |');
  const rows = markdown.slice(start).split('\n').slice(2);
  const bands: Array<[number, Grade]> = [];
  for (const row of rows) {
    if (!row.startsWith('|')) {
      break;
    }
    const [score = '', grade = ''] = row
      .split('|')
      .slice(1, 3)
      .map((cell) => cell.trim());
    const minimum = score.startsWith('below') ? 0 : Number(/^\d+/.exec(score)?.[0]);
    bands.push([minimum, grade as Grade]);
  }
  return bands;
}

describe('docs/scoring.md', () => {
  const documented = readModifierTables(DOCUMENT);

  test('scoring doc states the scoring version', () => {
    expect(/^Scoring version: (\d+)$/m.exec(DOCUMENT)?.[1]).toBe(String(SCORING_VERSION));
  });

  test('scoring doc has a table per check', () => {
    expect(documented.map((check) => check.id)).toEqual(Object.keys(WEIGHTS));
  });

  test.each(Object.entries(WEIGHTS))('scoring doc table of %s matches WEIGHTS', (id, weights) => {
    const table = documented.find((check) => check.id === id);
    expect(table, `no modifier table for ${id}`).toBeDefined();
    expect(table?.outcomes).toEqual(weights);
  });

  test('scoring doc grade bands match gradeForScore', () => {
    const bands = readGradeBands(DOCUMENT);
    expect(bands).toHaveLength(13);
    for (const [minimum, grade] of bands) {
      expect(gradeForScore(minimum), `score ${minimum}`).toBe(grade);
    }
    for (const [index, [minimum]] of bands.slice(0, -1).entries()) {
      const nextMinimum = bands[index + 1]?.[0] ?? 0;
      expect(gradeForScore(minimum - 1), `score ${minimum - 1}`).toBe(gradeForScore(nextMinimum));
    }
  });

  test('scoring doc states the bonus threshold', () => {
    expect(DOCUMENT).toContain(
      `only when the score after penalties\n   is ${BONUS_THRESHOLD} or more`,
    );
  });
});
