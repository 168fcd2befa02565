import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BONUS_THRESHOLD, gradeForScore, scoreModifiers } from './grade';

describe('gradeForScore', () => {
  // Both ends of every band of the MDN HTTP Observatory's table.
  test.each([
    [130, 'A+'],
    [100, 'A+'],
    [99, 'A'],
    [90, 'A'],
    [89, 'A-'],
    [85, 'A-'],
    [84, 'B+'],
    [80, 'B+'],
    [79, 'B'],
    [70, 'B'],
    [69, 'B-'],
    [65, 'B-'],
    [64, 'C+'],
    [60, 'C+'],
    [59, 'C'],
    [50, 'C'],
    [49, 'C-'],
    [45, 'C-'],
    [44, 'D+'],
    [40, 'D+'],
    [39, 'D'],
    [30, 'D'],
    [29, 'D-'],
    [25, 'D-'],
    [24, 'F'],
    [0, 'F'],
  ])('score %i grades %s', (score, grade) => {
    expect(gradeForScore(score)).toBe(grade);
  });
});

describe('scoreModifiers', () => {
  test('no modifier scores 100', () => {
    expect(scoreModifiers([])).toBe(100);
  });

  test('bonuses count at the threshold', () => {
    expect(BONUS_THRESHOLD).toBe(90);
    expect(scoreModifiers([-10, 5, 5])).toBe(100);
  });

  test('bonuses are dropped below the threshold', () => {
    expect(scoreModifiers([-11, 5, 10])).toBe(89);
  });

  test('bonuses raise a perfect score above 100', () => {
    expect(scoreModifiers([5, 10, 5])).toBe(120);
  });

  test('order of modifiers does not matter', () => {
    expect(scoreModifiers([5, -25, 5, -5])).toBe(70);
    expect(scoreModifiers([-5, 5, 5, -25])).toBe(70);
  });

  test('score stops at 0', () => {
    expect(scoreModifiers([-50, -40, -20, -25])).toBe(0);
  });

  test('zero modifiers change nothing', () => {
    expect(scoreModifiers([0, 0, -5, 0])).toBe(95);
  });

  test('any modifiers give a score of 0 or more', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 10 })), (modifiers) => {
        const score = scoreModifiers(modifiers);
        const penalties = modifiers.filter((modifier) => modifier < 0).reduce((a, b) => a + b, 0);

        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeGreaterThanOrEqual(Math.max(0, 100 + penalties));
        if (100 + penalties < BONUS_THRESHOLD) {
          expect(score).toBe(Math.max(0, 100 + penalties));
        }
      }),
    );
  });
});
