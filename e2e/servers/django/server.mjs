// @ts-check
// Starts the end-to-end tests' Django site behind nginx: Django's development server on a
// loopback port, nginx in front of it terminating TLS, both child processes of the tests.
// Each start writes a settings module of its own, so a test can begin from a failing
// configuration and then add the fix that the extension shows.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createNginx, freePort, LOOPBACK, stopChild, waitForPorts } from '../nginx.mjs';
import { renderSite } from '../nginx-sites.mjs';

const PROJECT_DIRECTORY = import.meta.dirname;
const PYTHON_CANDIDATES = ['/usr/bin/python3', 'python3'];
const SETTINGS_MODULE = 'run_settings';
const MIDDLEWARE_MODULE = 'site_middleware';

/**
 * @typedef {object} DjangoConfiguration
 * @property {string} [settings]  Python lines run after `from hardening_site.settings import *`.
 * @property {string} [middleware]  Python source of the `site_middleware` module, for middleware functions.
 * @property {import('../nginx-sites.mjs').NginxSections} [nginx]  Sections of the nginx configuration in front of Django.
 */

/**
 * @typedef {object} DjangoSite
 * @property {string} hostname
 * @property {import('../nginx.mjs').Ports} ports
 * @property {{ username: string, password: string }} user  The user created at start.
 * @property {{ django: string, nginx: string }} versions
 * @property {(path?: string) => string} httpsUrl
 * @property {(path?: string) => string} httpUrl
 * @property {(configuration: DjangoConfiguration) => Promise<void>} apply  Writes the configuration and restarts what it changes.
 * @property {() => string} describe  The settings module and nginx configuration in use, for failure messages.
 * @property {() => Promise<void>} close
 */

/**
 * Finds a Python 3 that imports Django: `DJANGO_PYTHON` when set, then Debian's
 * `/usr/bin/python3` (which imports the python3-django package), then `python3` on the PATH.
 *
 * @returns {{ python: string, djangoVersion: string }}
 */
export function findDjangoPython() {
  const configured = process.env.DJANGO_PYTHON;
  const candidates =
    configured !== undefined && configured !== '' ? [configured] : PYTHON_CANDIDATES;
  for (const python of candidates) {
    const result = spawnSync(python, ['-c', 'import django; print(django.get_version())'], {
      encoding: 'utf8',
    });
    if (result.status === 0) {
      return { python, djangoVersion: result.stdout.trim() };
    }
  }
  throw new Error(
    `No Python 3 with Django found (tried ${candidates.join(', ')}). Install Debian's ` +
      'python3-django (`apt-get install python3-django`) or set DJANGO_PYTHON.',
  );
}

/**
 * Creates the site's database with one user, and prepares nginx for `hostname`. Nothing
 * serves requests until the first `apply`.
 *
 * @param {{ hostname: string }} options
 * @returns {Promise<DjangoSite>}
 */
export async function createDjangoSite({ hostname }) {
  const { python, djangoVersion } = findDjangoPython();
  const runDirectory = mkdtempSync(join(tmpdir(), 'hardening-inspector-django-'));
  const nginx = await createNginx({ dnsNames: [hostname] });
  const djangoPort = await freePort();
  const user = { username: 'reviewer', password: randomBytes(12).toString('base64url') };

  const environment = {
    ...process.env,
    DJANGO_SETTINGS_MODULE: SETTINGS_MODULE,
    PYTHONPATH: [runDirectory, PROJECT_DIRECTORY].join(':'),
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    HARDENING_SITE_SECRET_KEY: randomBytes(32).toString('base64url'),
    HARDENING_SITE_DATABASE: join(runDirectory, 'db.sqlite3'),
    HARDENING_SITE_HOSTS: hostname,
    HARDENING_SITE_USER: user.username,
    HARDENING_SITE_PASSWORD: user.password,
  };

  const { ports } = nginx;
  const portSuffix = (/** @type {number} */ port, /** @type {number} */ standard) =>
    port === standard ? '' : `:${port}`;

  /** @type {{ settings: string, middleware: string, nginx: string } | undefined} */
  let current;
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let django;
  let djangoOutput = '';

  const writeSettings = (/** @type {string} */ settings) => {
    const text = settingsModule(settings, hostname, ports);
    writeFileSync(join(runDirectory, `${SETTINGS_MODULE}.py`), text);
    return text;
  };

  // The database is made once; restarts of the server keep it and the user's sessions.
  writeSettings('');
  execFileSync(python, [join(PROJECT_DIRECTORY, 'prepare_database.py')], {
    env: environment,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

  const startDjango = async () => {
    djangoOutput = '';
    const server = spawn(
      python,
      [
        join(PROJECT_DIRECTORY, 'manage.py'),
        'runserver',
        '--noreload',
        `${LOOPBACK}:${djangoPort}`,
      ],
      { env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    django = server;
    server.stdout.on('data', (chunk) => (djangoOutput += String(chunk)));
    server.stderr.on('data', (chunk) => (djangoOutput += String(chunk)));
    await waitForPorts(server, [djangoPort], () => `Django did not start:\n${djangoOutput}`);
  };

  const stopDjango = async () => {
    if (django !== undefined) {
      await stopChild(django);
      django = undefined;
    }
  };

  return {
    hostname,
    ports,
    user,
    versions: { django: djangoVersion, nginx: nginx.version },
    httpsUrl: (path = '/') => `https://${hostname}${portSuffix(ports.httpsPort, 443)}${path}`,
    httpUrl: (path = '/') => `http://${hostname}${portSuffix(ports.httpPort, 80)}${path}`,
    apply: async (configuration) => {
      const next = {
        settings: configuration.settings ?? '',
        middleware: configuration.middleware ?? '',
        nginx: renderSite({
          hostname,
          ports,
          tls: nginx.tls,
          content: { kind: 'proxy', upstreamPort: djangoPort },
          sections: configuration.nginx ?? {},
        }),
      };
      if (
        current === undefined ||
        current.settings !== next.settings ||
        current.middleware !== next.middleware
      ) {
        await stopDjango();
        writeSettings(next.settings);
        writeFileSync(join(runDirectory, `${MIDDLEWARE_MODULE}.py`), next.middleware);
        await startDjango();
      }
      if (current === undefined || current.nginx !== next.nginx) {
        await nginx.restart(next.nginx);
      }
      current = next;
    },
    describe: () =>
      `Settings module:\n${settingsModule(current?.settings ?? '', hostname, ports)}\n` +
      `site_middleware.py:\n${current?.middleware ?? ''}\n` +
      `nginx.conf:\n${nginx.configuration()}\nDjango output:\n${djangoOutput}`,
    close: async () => {
      await stopDjango();
      await nginx.close();
      rmSync(runDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * The per-run settings module: the site's settings, the test's lines, and on high ports the
 * HTTPS port for Django's redirect.
 *
 * @param {string} settings
 * @param {string} hostname
 * @param {import('../nginx.mjs').Ports} ports
 * @returns {string}
 */
function settingsModule(settings, hostname, ports) {
  const lines = ['from hardening_site.settings import *  # noqa: F401,F403', ''];
  if (!ports.standardPorts) {
    // NOTE: off the default ports, Django's HTTPS redirect must name the HTTPS port, because
    // the Host of a plain-HTTP request carries the plain-HTTP port.
    lines.push(`SECURE_SSL_HOST = "${hostname}:${ports.httpsPort}"`, '');
  }
  lines.push(settings, '');
  return lines.join('\n');
}
