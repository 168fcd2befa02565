// @ts-check
// Finding a Chromium-based browser and the command-line flags that load the unpacked
// extension and send the demo's `.test` names to loopback. Shared by `npm start` and
// the end-to-end fixtures.

import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Sends every `*.test` name to 127.0.0.1, so a local server can be graded as a
 * production site (127.0.0.1 and localhost are development hosts where the HTTPS
 * checks do not apply), and no `.test` request ever leaves the machine.
 */
export const TEST_HOST_RESOLVER_RULES = 'MAP *.test 127.0.0.1, EXCLUDE localhost';

/**
 * @typedef {object} BrowserLocation
 * @property {string} path  Executable path.
 * @property {'CHROME_PATH' | 'default path'} source  Where the path came from.
 * @property {boolean} brandedChrome  True for Google Chrome, which ignores `--load-extension` from version 137 on.
 */

/**
 * Lists the usual install paths of Chromium, Chrome for Testing and Google Chrome,
 * in the order they are tried: unbranded builds first, because branded Google Chrome
 * 137 and later ignores `--load-extension`.
 *
 * @param {NodeJS.Platform} platform
 * @returns {string[]}
 */
export function defaultBrowserPaths(platform) {
  if (platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
    ];
    return [
      ...apps.map((app) => join('/Applications', app)),
      ...apps.map((app) => join(homedir(), 'Applications', app)),
    ];
  }
  if (platform === 'linux') {
    return [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/snap/bin/chromium',
      '/usr/bin/google-chrome-for-testing',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/opt/google/chrome/chrome',
    ];
  }
  return [];
}

/**
 * Finds the browser to launch: `CHROME_PATH` when set, then the first default path
 * where an executable file exists.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @param {NodeJS.Platform} [platform]
 * @returns {BrowserLocation}
 * @throws {Error} when `CHROME_PATH` does not name an executable file, or when no default path does.
 */
export function findBrowser(env = process.env, platform = process.platform) {
  const configured = env.CHROME_PATH;
  if (configured !== undefined && configured !== '') {
    if (!isExecutableFile(configured)) {
      throw new Error(
        `CHROME_PATH is set to "${configured}", but no executable file is there. ` +
          'Set CHROME_PATH to the Chromium or Chrome executable, or unset it to search the usual paths.',
      );
    }
    return { path: configured, source: 'CHROME_PATH', brandedChrome: isBrandedChrome(configured) };
  }

  const candidates = defaultBrowserPaths(platform);
  const found = candidates.find(isExecutableFile);
  if (found === undefined) {
    throw new Error(browserNotFoundMessage(platform, candidates));
  }
  return { path: found, source: 'default path', brandedChrome: isBrandedChrome(found) };
}

/**
 * @param {NodeJS.Platform} platform
 * @param {readonly string[]} checked
 * @returns {string}
 */
function browserNotFoundMessage(platform, checked) {
  const install =
    platform === 'linux'
      ? 'Install Chromium (Debian and Ubuntu: `sudo apt-get install chromium`)'
      : 'Install Chromium or Chrome for Testing';
  const tried = checked.length > 0 ? `\nChecked:\n  ${checked.join('\n  ')}` : '';
  return (
    `No Chromium or Chrome executable found. ${install}, or set CHROME_PATH to the ` +
    `browser's executable, for example:\n  CHROME_PATH=/path/to/chromium npm start${tried}`
  );
}

/**
 * @param {string} path
 * @returns {boolean}
 */
function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) {
      return false;
    }
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {string} path
 * @returns {boolean}
 */
function isBrandedChrome(path) {
  const lower = path.toLowerCase();
  return (
    lower.includes('google') &&
    lower.includes('chrome') &&
    !lower.includes('for testing') &&
    !lower.includes('for-testing')
  );
}

/**
 * Returns the Chromium flags that load the unpacked extension from `extensionPath`,
 * resolve `*.test` to loopback and accept the demo's self-signed certificate. The
 * background-networking flags stop Chromium's own update, sync and field-trial requests.
 *
 * @param {string} extensionPath  Absolute path of the built extension (`dist/`).
 * @returns {string[]}
 */
export function extensionBrowserArguments(extensionPath) {
  const flags = [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    `--host-resolver-rules=${TEST_HOST_RESOLVER_RULES}`,
    '--ignore-certificate-errors',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  // Chromium refuses to start as root unless its sandbox is off.
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    flags.push('--no-sandbox');
  }
  return flags;
}
