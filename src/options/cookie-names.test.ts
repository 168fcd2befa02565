import { describe, expect, test } from 'vitest';

import {
  describeCharacter,
  findInvalidCookieNames,
  invalidCookieNameCharacters,
  splitCookieNames,
} from './cookie-names';

describe('invalidCookieNameCharacters', () => {
  test.each([
    'sessionid',
    'csrftoken',
    '__Host-session',
    'ASP.NET_SessionId',
    "weird!#$%&'*+-.^_`|~name",
    'XSRF-TOKEN',
  ])('accepts %j', (name) => {
    expect(invalidCookieNameCharacters(name)).toEqual([]);
  });

  test.each([
    ['session=id', ['=']],
    ['a;b;c', [';']],
    ['my(session)', ['(', ')']],
    ['path/name', ['/']],
    ['"quoted"', ['"']],
    ['<x>@{y}[z]?:\\', ['<', '>', '@', '{', '}', '[', ']', '?', ':', '\\']],
    ['tab\tname', ['\t']],
    ['bell\u0007', ['\u0007']],
    ['del\u007f', ['\u007f']],
    ['sessión', ['ó']],
  ])('rejects %j for %j', (name, expected) => {
    expect(invalidCookieNameCharacters(name)).toEqual(expected);
  });
});

describe('findInvalidCookieNames', () => {
  test('splits on commas and whitespace like the saved list', () => {
    expect(splitCookieNames(' app_session,\n\nmy-csrf  other ')).toEqual([
      'app_session',
      'my-csrf',
      'other',
    ]);
  });

  test('reports each invalid name with its characters', () => {
    expect(findInvalidCookieNames('good\nbad=name\nalso;bad;')).toEqual([
      { name: 'bad=name', characters: ['='] },
      { name: 'also;bad;', characters: [';'] },
    ]);
  });

  test('accepts an empty list', () => {
    expect(findInvalidCookieNames('  \n ')).toEqual([]);
  });
});

describe('describeCharacter', () => {
  test.each([
    [';', '“;”'],
    ['\u0007', 'U+0007'],
    ['\u007f', 'U+007F'],
  ])('%j reads as %j', (character, expected) => {
    expect(describeCharacter(character)).toBe(expected);
  });
});
