import { readFileSync } from 'node:fs';

import { assert, describe, expect, test } from 'vitest';

import { parseInput, validateRecord } from './inputs';

const CHROME_HAR = readFileSync(
  new URL('../scoring/har/testdata/chrome-devtools-export.har', import.meta.url),
  'utf8',
);

const RECORD = { url: 'https://a.test/', status: 200, headers: [['server', 'nginx']] };

describe('parseInput', () => {
  test('reads a response record', () => {
    const result = parseInput(JSON.stringify(RECORD), { frames: false });
    expect(result).toEqual({ ok: true, documents: [{ part: '', record: RECORD }], warnings: [] });
  });

  test('reads a HAR page by page', () => {
    const result = parseInput(CHROME_HAR, { frames: false });
    expect(
      result.ok && result.documents.map((document) => [document.part, document.record.url]),
    ).toEqual([['page page_2', 'https://shop.example.test/account/']]);
  });

  test('reads HAR frames on request', () => {
    const result = parseInput(CHROME_HAR, { frames: true });
    assert(result.ok);
    expect(result.documents.map((document) => document.part)).toEqual([
      'page page_2',
      'page page_2, frame 1',
    ]);
  });

  test.each([
    ['text', 'hello', /^invalid JSON: Unexpected token/],
    ['an empty file', '', /^invalid JSON: Unexpected end of JSON input$/],
    [
      'a HAR without entries',
      '{"log": {"version": "1.2"}}',
      /^not a HAR file: "log.entries" is missing or not an array$/,
    ],
    [
      'a HAR without a document',
      JSON.stringify({
        log: {
          entries: [
            {
              _resourceType: 'image',
              request: { url: 'https://a.test/i.png' },
              response: { status: 200, headers: [] },
            },
          ],
        },
      }),
      /^the HAR log has no document entry/,
    ],
    [
      'a record without url',
      '{"status": 200, "headers": []}',
      /^not a response record or a HAR file: missing "url"$/,
    ],
    [
      'a report of the grader',
      JSON.stringify({ url: 'https://a.test/', grade: 'B', score: 70, checks: [] }),
      /^this is a report, not a response record: grade the HAR export of the page instead \("Responses \(HAR\)" in the popup or the DevTools panel\)$/,
    ],
    [
      'a JSON array',
      '[]',
      /^not a response record or a HAR file: expected a JSON object, got an array$/,
    ],
  ])('rejects %s', (_label, text, message) => {
    const result = parseInput(text, { frames: false });
    expect(result.ok).toBe(false);
    assert(!result.ok);
    expect(result.error).toMatch(message);
  });

  test('error messages fit on one line', () => {
    const result = parseInput('{\n  "url": \n}', { frames: false });
    assert(!result.ok);
    expect(result.error).not.toContain('\n');
  });
});

describe('validateRecord', () => {
  test.each([
    [
      { ...RECORD, url: 'example.test/page' },
      '"url" must be an absolute URL, got "example.test/page"',
    ],
    [{ ...RECORD, url: 42 }, '"url" must be an absolute URL, got 42'],
    [{ url: 'https://a.test/', headers: [] }, 'missing "status"'],
    [{ ...RECORD, status: '200' }, '"status" must be an integer HTTP status, got "200"'],
    [{ url: 'https://a.test/', status: 200 }, 'missing "headers"'],
    [
      { ...RECORD, headers: { server: 'nginx' } },
      '"headers" must be an array of [name, value] pairs, got an object: write it as [["strict-transport-security", "max-age=31536000"], ["x-frame-options", "DENY"]]',
    ],
    [
      { ...RECORD, headers: [['server', 'nginx'], ['x-a']] },
      '"headers[1]" must be a [name, value] pair of strings, got an array',
    ],
    [{ ...RECORD, setCookies: 'a=1' }, '"setCookies" must be an array, got "a=1"'],
    [{ ...RECORD, setCookies: [1] }, '"setCookies[0]" must be a string'],
    [
      { ...RECORD, redirects: [{ url: 'http://a.test/' }] },
      '"redirects[0]" must have a number "status", got nothing',
    ],
    [
      { ...RECORD, redirects: [{ url: 'http://a.test/', status: 301, location: 5 }] },
      '"redirects[0]" must have a string "location", got 5',
    ],
    [
      { ...RECORD, subresources: [{ url: 'http://a.test/a.js' }] },
      '"subresources[0]" must have a string "type", got nothing',
    ],
    [{ ...RECORD, scripts: ['a.js'] }, '"scripts[0]" must be an object, got "a.js"'],
    [
      { ...RECORD, cookies: [{ domain: 'a.test' }] },
      '"cookies[0]" must have a string "name", got nothing',
    ],
    [{ ...RECORD, html: ['<p>'] }, '"html" must be a string, got an array'],
    [
      { ...RECORD, requestHeaders: 'origin: x' },
      '"requestHeaders" must be an array of [name, value] pairs, got "origin: x": write it as [["strict-transport-security", "max-age=31536000"], ["x-frame-options", "DENY"]]',
    ],
  ])('rejects %j', (record, message) => {
    expect(validateRecord(record)).toBe(message);
  });

  test('accepts a full record', () => {
    expect(
      validateRecord({
        ...RECORD,
        setCookies: ['a=1'],
        redirects: [
          {
            url: 'http://a.test/',
            status: 301,
            location: 'https://a.test/',
            headers: [['location', 'https://a.test/']],
          },
        ],
        html: '<p>',
        cookies: [{ name: 'a' }],
        scripts: [{ url: 'https://a.test/a.js', content: '1' }],
        subresources: [{ url: 'https://a.test/a.js', type: 'script' }],
        source: 'test',
      }),
    ).toBeNull();
  });
});
