// The score-to-grade bands, the same as the MDN HTTP Observatory's so users can compare.

import type { Grade } from './types';

const BANDS: ReadonlyArray<readonly [minimum: number, grade: Grade]> = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
];

export function gradeForScore(score: number): Grade {
  for (const [minimum, grade] of BANDS) {
    if (score >= minimum) {
      return grade;
    }
  }
  return 'F';
}

/** Bonuses count only when the score after penalties is at least this. */
export const BONUS_THRESHOLD = 90;

/**
 * Adds the modifiers: penalties first, then bonuses when the score after penalties is
 * 90 or more. The score never goes below 0.
 */
export function scoreModifiers(modifiers: readonly number[]): number {
  const penalties = modifiers.filter((modifier) => modifier < 0).reduce((a, b) => a + b, 0);
  const bonuses = modifiers.filter((modifier) => modifier > 0).reduce((a, b) => a + b, 0);

  let score = 100 + penalties;
  if (score >= BONUS_THRESHOLD) {
    score += bonuses;
  }
  return Math.max(0, score);
}
