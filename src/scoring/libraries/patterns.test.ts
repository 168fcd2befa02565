import { describe, expect, test } from 'vitest';

import {
  boundRepetition,
  compilePattern,
  compileReplacePattern,
  expandReplacement,
} from './patterns';

describe('boundRepetition', () => {
  test.each([
    ['a.*b', 'a.{0,9}b'],
    ['a.+b', 'a.{1,9}b'],
    ['a.*?b', 'a.{0,9}?b'],
    ['a{3,}', 'a{3,9}'],
    ['a{12,}', 'a{12,12}'],
    ['a{2,5}', 'a{2,5}'],
    ['\\*\\+', '\\*\\+'],
    ['[*+]x', '[*+]x'],
    ['[\\]*]+', '[\\]*]{1,9}'],
    ['(.*\\n)*', '(.{0,9}\\n){0,9}'],
  ])('%s becomes %s', (source, expected) => {
    expect(boundRepetition(source, 9)).toBe(expected);
  });
});

describe('compilePattern', () => {
  test('version placeholder captures the version', () => {
    const regex = compilePattern('/\\*!? jQuery v(§§version§§)');

    expect(regex?.exec('/*! jQuery v1.12.4 | (c) jQuery Foundation')?.[1]).toBe('1.12.4');
  });

  test('version needs two characters, as in retire.js', () => {
    const regex = compilePattern('jquery-(§§version§§)\\.js');

    expect(regex?.exec('jquery-1.js')).toBeNull();
    expect(regex?.exec('jquery-1.8.js')?.[1]).toBe('1.8');
  });

  test('invalid pattern compiles to null', () => {
    expect(compilePattern('a(b')).toBeNull();
  });
});

describe('compileReplacePattern', () => {
  test('dojo version is built from its groups', () => {
    const pattern = compileReplacePattern(
      '/dojo.version=\\{major:([0-9]+),minor:([0-9]+),patch:([0-9]+)/$1.$2.$3/',
    );
    const match = pattern?.regex.exec('dojo.version={major:1,minor:4,patch:1,flag:""}');

    if (pattern === null || match === null || match === undefined) {
      throw new Error('the dojo pattern did not match');
    }
    expect(expandReplacement(pattern.replacement, match)).toBe('1.4.1');
  });

  test('entry without replacement is rejected', () => {
    expect(compileReplacePattern('/abc/')).toBeNull();
  });
});
