import { describe, expect, test } from 'vitest';

import { compareVersions, isAtOrAbove, isPlaceholderVersion } from './version';

describe('compareVersions', () => {
  test.each([
    ['1.12.4', '1.12.4', 0],
    ['1.12.4', '1.12', 1],
    ['1.12', '1.12.0', 0],
    ['1.9.1', '1.12.0', -1],
    ['3.5.0', '3.4.99', 1],
    ['1.9.0', '1.9.0b1', 1],
    ['1.9.0-rc1', '1.9.0', -1],
    ['1.9.0-rc1', '1.9.0-rc2', -1],
    ['2.0.0-beta.3', '2.0.0-beta.10', -1],
    ['10.0.0', '9.99.99', 1],
  ])('%s against %s is %i', (left, right, expected) => {
    expect(Math.sign(compareVersions(left, right))).toBe(expected);
  });

  test('pre-release orders both ways', () => {
    expect(isAtOrAbove('1.9.0', '1.9.0-rc1')).toBe(true);
    expect(isAtOrAbove('1.9.0-rc1', '1.9.0')).toBe(false);
  });
});

describe('isPlaceholderVersion', () => {
  test.each([
    ['999.999.999', true],
    ['100.0.0', true],
    ['2.999.999', true],
    ['1.999', true],
    ['3.5.0', false],
    ['99.1.0', false],
  ])('%s is a placeholder: %s', (version, expected) => {
    expect(isPlaceholderVersion(version)).toBe(expected);
  });
});
