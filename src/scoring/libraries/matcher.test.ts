import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { describe, expect, test } from 'vitest';

import { pinnedDatabase } from './database';
import {
  identifyByContent,
  identifyByUrl,
  identifyScript,
  MAX_CONTENT_LENGTH,
  WINDOW_LENGTH,
  type LibraryDetection,
  type MatchLimits,
} from './matcher';

const require = createRequire(import.meta.url);

const NODE_MODULES = new URL('../../../node_modules/', import.meta.url);

/**
 * Reads a file of an npm package installed as a dev dependency. The path is read from
 * node_modules directly because jQuery 4's `exports` map hides its dist folder.
 */
function packageFile(path: string): string {
  return readFileSync(new URL(path, NODE_MODULES), 'utf8');
}

function found(detections: readonly LibraryDetection[]): string[] {
  return detections.map(({ library, version }) => `${library.name} ${version}`).sort();
}

const database = pinnedDatabase();

// retire.js 5.7's own matcher, the reference for what the database patterns mean.
interface RetireResult {
  component: string;
  version: string;
}
interface Retire {
  replaceVersion(text: string): string;
  scanFileContent(
    content: string,
    repository: unknown,
    hasher: { sha1(text: string): string },
  ): RetireResult[];
  scanFileName(name: string, repository: unknown, includeUri: boolean): RetireResult[];
}
const retire = require('retire/lib/retire.js') as Retire;
const retireRepository: unknown = JSON.parse(
  retire.replaceVersion(readFileSync(new URL('./retire-db.json', import.meta.url), 'utf8')),
);
const retireHasher = { sha1: (text: string) => createHash('sha1').update(text).digest('hex') };

const LIBRARY_FILES = [
  ['jquery/dist/jquery.js', 'jquery 1.12.4'],
  ['jquery/dist/jquery.min.js', 'jquery 1.12.4'],
  ['jquery-current/dist/jquery.min.js', 'jquery 4.1.0'],
  ['angular/angular.js', 'angularjs 1.5.0'],
  ['angular/angular.min.js', 'angularjs 1.5.0'],
  ['bootstrap/dist/js/bootstrap.js', 'bootstrap 3.3.7'],
  ['bootstrap/dist/js/bootstrap.min.js', 'bootstrap 3.3.7'],
  ['lodash/lodash.js', 'lodash 4.17.4'],
  ['lodash-current/lodash.js', 'lodash 4.18.1'],
  ['lodash-current/lodash.min.js', 'lodash 4.18.1'],
  ['moment/moment.js', 'moment.js 2.19.0'],
  ['moment/min/moment.min.js', 'moment.js 2.19.0'],
  ['moment-current/moment.js', 'moment.js 2.31.0'],
  ['moment-current/min/moment.min.js', 'moment.js 2.31.0'],
] as const;

describe('identification by URL', () => {
  test.each([
    ['https://code.jquery.com/jquery-1.12.4.min.js', 'jquery 1.12.4', 'filename'],
    ['https://ajax.googleapis.com/ajax/libs/jquery/1.8.3/jquery.min.js', 'jquery 1.8.3', 'uri'],
    [
      'https://cdnjs.cloudflare.com/ajax/libs/angular.js/1.5.0/angular.min.js',
      'angularjs 1.5.0',
      'uri',
    ],
    [
      'https://maxcdn.bootstrapcdn.com/bootstrap/3.3.7/js/bootstrap.min.js',
      'bootstrap 3.3.7',
      'uri',
    ],
    [
      'https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.4/lodash.min.js',
      'lodash 4.17.4',
      'uri',
    ],
    [
      'https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.19.0/moment.min.js',
      'moment.js 2.19.0',
      'uri',
    ],
    ['https://example.test/static/moment-2.19.0.min.js?v=3#top', 'moment.js 2.19.0', 'filename'],
  ])('url %s is %s', (url, expected, method) => {
    const detections = identifyByUrl(url, database);

    expect(found(detections)).toContain(expected);
    expect(detections.map((detection) => detection.method)).toContain(method);
  });

  test('file name pattern must match the whole segment', () => {
    expect(identifyByUrl('https://example.test/js/myjquery-1.12.4.js.map', database)).toEqual([]);
  });

  test('url of the dont-check list is ignored', () => {
    const result = identifyScript(
      {
        url: 'https://www.google-analytics.com/ga.js',
        content: packageFile('jquery/dist/jquery.min.js'),
      },
      database,
    );

    expect(result.ignored).toBe(true);
    expect(result.detections).toEqual([]);
  });

  test('versioned url wins over content', () => {
    const result = identifyScript(
      {
        url: 'https://cdn.example.test/jquery-1.8.3.min.js',
        content: packageFile('jquery/dist/jquery.min.js'),
      },
      database,
    );

    expect(found(result.detections)).toEqual(['jquery 1.8.3']);
  });
});

describe('identification by content', () => {
  test.each(LIBRARY_FILES)('renamed %s is %s', (file, expected) => {
    const result = identifyScript(
      { url: 'https://example.test/assets/app.3f9a1c.js', content: packageFile(file) },
      database,
    );

    expect(found(result.detections)).toContain(expected);
    expect(result.incomplete).toBe(false);
  });

  test.each(LIBRARY_FILES)('content of %s matches retire.js', (file) => {
    const content = packageFile(file);
    const reference = retire
      .scanFileContent(content, retireRepository, retireHasher)
      .map(({ component, version }) => `${component} ${version}`)
      .sort();

    expect(found(identifyByContent(content, database).detections)).toEqual(reference);
  });

  test('minified lodash 4.17.4 is not identified by content, as in retire.js', () => {
    // Its banner `@license lodash lodash.com/license` carries no version.
    const content = packageFile('lodash/lodash.min.js');

    expect(identifyByContent(content, database).detections).toEqual([]);
    expect(retire.scanFileContent(content, retireRepository, retireHasher)).toEqual([]);
  });

  test('hash identifies jquery-deparam 0.5.3', () => {
    const result = identifyByContent(packageFile('jquery-deparam/jquery-deparam.js'), database);

    expect(found(result.detections)).toEqual(['jquery-deparam 0.5.3']);
    expect(result.detections[0]?.method).toBe('hash');
  });

  test('hash ignores CRLF line ends', () => {
    const content = packageFile('jquery-deparam/jquery-deparam.js').replace(/\n/g, '\r\n');

    expect(found(identifyByContent(content, database).detections)).toEqual([
      'jquery-deparam 0.5.3',
    ]);
  });

  test('bundle with license banners lists each library', () => {
    const bundle = [
      '/*! app bundle built by webpack */',
      packageFile('moment/min/moment.min.js'),
      packageFile('bootstrap/dist/js/bootstrap.min.js'),
      packageFile('jquery/dist/jquery.min.js'),
      '(function(){window.app={start:function(){}};})();',
    ].join('\n');

    expect(bundle.length).toBeGreaterThan(WINDOW_LENGTH * 2);
    expect(found(identifyByContent(bundle, database).detections)).toEqual([
      'bootstrap 3.3.7',
      'jquery 1.12.4',
      'moment.js 2.19.0',
    ]);
  });

  test('banner across a window boundary is read whole', () => {
    const padding = 'x'.repeat(WINDOW_LENGTH - 10);
    const content = `${padding}\n/*! jQuery v1.12.4 | (c) jQuery Foundation */\n`;

    expect(found(identifyByContent(content, database).detections)).toEqual(['jquery 1.12.4']);
  });

  test('script without content is matched by URL only', () => {
    const result = identifyScript({ url: 'https://example.test/app.js' }, database);

    expect(result).toEqual({ detections: [], ignored: false, incomplete: false });
  });
});

describe('bounded work', () => {
  const FIVE_MB = 5 * 1000 * 1000;
  const repeatTo = (unit: string, length: number): string =>
    unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

  test('body over the size limit is marked incomplete', () => {
    const content = `/*! jQuery v1.12.4 */\n${repeatTo('var a=1;\n', FIVE_MB)}`;
    const result = identifyByContent(content, database);

    expect(content.length).toBeGreaterThan(MAX_CONTENT_LENGTH);
    expect(result.incomplete).toBe(true);
    expect(found(result.detections)).toEqual(['jquery 1.12.4']);
  });

  // Bodies built against the database patterns with unbounded gaps and nested repetition.
  test.each([
    ['jQuery UI header lines', '/*! jQuery UI 1.0\n'],
    ['jquery version then no jquery:f', 'xf="1.0",'],
    ['pdf.js gaps', "apiVersion:'1',data,password,disableAutoFetch,"],
    ['easyXDM alternation', '@class easyXDM\n'],
    ['lodash lookbehind', '="1.2.3"'],
    ['moment gaps', `.isMoment(${'x'.repeat(60)}_isUTC`],
    ['version digits', '1.'],
  ])('hostile body of %s stops at the time budget', (_name, unit) => {
    // A clock that advances one second per reading runs out on the second pattern, so
    // the test shows that matching stops without depending on the machine's speed.
    let clock = 0;
    const limits: MatchLimits = { budgetMilliseconds: 1500, now: () => (clock += 1000) };

    const result = identifyByContent(repeatTo(unit, FIVE_MB), database, limits);

    expect(result.incomplete).toBe(true);
    expect(clock).toBeLessThan(10_000);
  });

  test('hostile body finishes with the default budget', () => {
    const result = identifyByContent(repeatTo('/*! jQuery UI 1.0\n', FIVE_MB), database);

    expect(result.incomplete).toBe(true);
    expect(found(result.detections)).toEqual(['jquery-ui 1.0']);
  });
});
