// @ts-check
// Pages that load JavaScript libraries from the test site itself: an old or a current
// jQuery under any path, and a page of many scripts for measuring the extension's cost.
// The library files are the ones installed as dev dependencies, read from node_modules.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderDocument } from './demo-pages.mjs';

/** @typedef {import('./demo-pages.mjs').PageSet} PageSet */
/** @typedef {import('./demo-pages.mjs').HeaderPair} HeaderPair */

const NODE_MODULES = join(import.meta.dirname, '..', '..', 'node_modules');

/** jQuery 1.12.4 (dev dependency `jquery`), which has six advisories in the retire.js database. */
export const OLD_JQUERY = 'jquery/dist/jquery.min.js';

/** The current jQuery (dev dependency `jquery-current`, an alias of `jquery@4`). */
export const CURRENT_JQUERY = 'jquery-current/dist/jquery.min.js';

/** Library files that the many-scripts page cycles through, from the dev dependencies. */
const LIBRARY_FILES = [
  OLD_JQUERY,
  CURRENT_JQUERY,
  'angular/angular.min.js',
  'bootstrap/dist/js/bootstrap.min.js',
  'lodash/lodash.min.js',
  'lodash-current/lodash.min.js',
  'moment/min/moment.min.js',
  'moment-current/min/moment.min.js',
  'jquery-deparam/jquery-deparam.js',
];

/**
 * Scripts may be cached for an hour, so the browser can serve a second request for the
 * same URL from its HTTP cache.
 *
 * @type {HeaderPair[]}
 */
const SCRIPT_HEADERS = [
  ['Content-Type', 'text/javascript; charset=utf-8'],
  ['Cache-Control', 'public, max-age=3600'],
];

/**
 * Reads a file of an installed package.
 *
 * @param {string} path  The path under node_modules, such as `jquery/dist/jquery.min.js`.
 * @returns {string}
 */
export function packageFile(path) {
  return readFileSync(join(NODE_MODULES, path), 'utf8');
}

/**
 * Builds a page at `/` that loads one library file from `scriptPath` on the same host.
 *
 * @param {string} packagePath  The library file under node_modules.
 * @param {string} scriptPath  The path the page loads it from, such as `/static/lib.js`.
 * @returns {PageSet}
 */
export function libraryPages(packagePath, scriptPath) {
  return {
    '/': {
      body: renderDocument({
        title: 'Library page',
        main: `<p>This page loads a JavaScript library from ${scriptPath}.</p>
<script src="${scriptPath}"></script>`,
      }),
    },
    [scriptPath]: { headers: SCRIPT_HEADERS, body: packageFile(packagePath) },
  };
}

/**
 * Builds a page at `/` that loads `count` scripts from `/static/script-N.js`, each a library file
 * of the dev dependencies with its number in a leading comment, so every URL and body differs.
 *
 * @param {number} count
 * @returns {PageSet}
 */
export function manyScriptsPages(count) {
  /** @type {Record<string, import('./demo-pages.mjs').Page>} */
  const pages = {};
  const tags = [];
  const bodies = LIBRARY_FILES.map(packageFile);
  for (let index = 0; index < count; index += 1) {
    const path = `/static/script-${index}.js`;
    tags.push(`<script src="${path}"></script>`);
    pages[path] = {
      headers: SCRIPT_HEADERS,
      body: `/* script ${index} */\n${bodies[index % bodies.length]}`,
    };
  }
  pages['/'] = {
    body: renderDocument({
      title: 'Many scripts',
      main: `<p>This page loads ${count} scripts.</p>\n${tags.join('\n')}`,
    }),
  };
  return pages;
}
