// @ts-check
// Starts an Express application with helmet and express-session as a child process of the
// tests, serving HTTPS itself (Node's TLS) and plain HTTP on a second port. The application
// file is written per start from named sections, so a test can begin from a failing
// configuration and then replace one section with the fix that the extension shows.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { createCertificate } from './certificate.mjs';
import { choosePorts, LOOPBACK, stopChild, waitForPorts } from './nginx.mjs';

/** Printed by the application once both servers listen. */
const LISTENING_MESSAGE = 'listening on both ports';

const NODE_MODULES = resolve(import.meta.dirname, '..', '..', 'node_modules');

/** Section names of the application, in the order they are written into it. */
export const EXPRESS_SECTION_NAMES = Object.freeze([
  'redirect',
  'helmet',
  'session',
  'extra',
  'csrf-cookie',
  'cookies',
]);

/**
 * The application's sections, each holding JavaScript as a user writes it. `redirect`,
 * `helmet`, `session` and `extra` run where the app is set up, before the routes;
 * `csrf-cookie` and `cookies` run in the `/account` route with `value` holding the
 * cookie's value.
 *
 * @typedef {Readonly<Partial<Record<(typeof EXPRESS_SECTION_NAMES)[number], string>>>} ExpressSections
 */

/**
 * @typedef {object} ExpressSite
 * @property {string} hostname
 * @property {import('./nginx.mjs').Ports} ports
 * @property {{ express: string, helmet: string, expressSession: string }} versions
 * @property {ExpressSections} hardened  The hardened sections for these ports.
 * @property {(path?: string) => string} httpsUrl
 * @property {(path?: string) => string} httpUrl
 * @property {(sections: ExpressSections) => Promise<void>} apply  Writes the application and restarts it when it changed.
 * @property {() => string} describe  The application in use and its output, for failure messages.
 * @property {() => Promise<void>} close
 */

/**
 * The hardened application: every section as the fixes write it. On high ports the redirect
 * names the HTTPS port, which the fix's redirect cannot, because it expects port 443.
 *
 * @param {import('./nginx.mjs').Ports} ports
 * @returns {ExpressSections}
 */
export function hardenedExpressSections(ports) {
  const portSuffix = ports.standardPorts ? '' : `:${ports.httpsPort}`;
  return {
    redirect: [
      'app.use((req, res, next) => {',
      '  if (req.secure) {',
      '    return next();',
      '  }',
      `  res.redirect(301, \`https://\${req.hostname}${portSuffix}\${req.originalUrl}\`);`,
      '});',
    ].join('\n'),
    helmet: 'app.use(helmet());',
    session: [
      'app.use(',
      '  session({',
      '    secret: process.env.SESSION_SECRET,',
      '    resave: false,',
      '    saveUninitialized: false,',
      "    cookie: { secure: true, httpOnly: true, sameSite: 'lax' },",
      '  }),',
      ');',
    ].join('\n'),
    extra: '',
    'csrf-cookie': "res.cookie('XSRF-TOKEN', value, { secure: true, sameSite: 'lax' });",
    cookies: "res.cookie('theme', value, { secure: true, sameSite: 'lax' });",
  };
}

/**
 * Generates a certificate and picks the ports; nothing serves requests until the first
 * `apply`.
 *
 * @param {{ hostname: string }} options
 * @returns {Promise<ExpressSite>}
 */
export async function createExpressSite({ hostname }) {
  const directory = mkdtempSync(join(tmpdir(), 'hardening-inspector-express-'));
  // The application imports express, helmet and express-session from the project's packages.
  symlinkSync(NODE_MODULES, join(directory, 'node_modules'), 'dir');
  const certificate = await createCertificate([hostname]);
  const ports = await choosePorts();
  const appPath = join(directory, 'app.mjs');

  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let output = '';
  /** @type {string | undefined} */
  let current;

  const stop = async () => {
    if (child !== undefined) {
      await stopChild(child);
      child = undefined;
    }
  };

  const start = async (/** @type {string} */ source) => {
    writeFileSync(appPath, source);
    output = '';
    const server = spawn(process.execPath, [appPath], {
      cwd: directory,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        SESSION_SECRET: certificate.key.slice(-40),
        TLS_KEY: certificate.key,
        TLS_CERTIFICATE: certificate.cert,
        HTTPS_PORT: String(ports.httpsPort),
        HTTP_PORT: String(ports.httpPort),
        LISTEN_ADDRESS: LOOPBACK,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    server.stdout.on('data', (chunk) => (output += String(chunk)));
    server.stderr.on('data', (chunk) => (output += String(chunk)));
    await waitForPorts(
      server,
      [ports.httpsPort, ports.httpPort],
      () => `The Express application did not start:\n${output}\napp.mjs:\n${source}`,
      () => output.includes(LISTENING_MESSAGE),
    );
  };

  const portSuffix = (/** @type {number} */ port, /** @type {number} */ standard) =>
    port === standard ? '' : `:${port}`;

  return {
    hostname,
    ports,
    versions: {
      express: packageVersion('express'),
      helmet: packageVersion('helmet'),
      expressSession: packageVersion('express-session'),
    },
    hardened: hardenedExpressSections(ports),
    httpsUrl: (path = '/') => `https://${hostname}${portSuffix(ports.httpsPort, 443)}${path}`,
    httpUrl: (path = '/') => `http://${hostname}${portSuffix(ports.httpPort, 80)}${path}`,
    apply: async (sections) => {
      const source = renderApplication(sections);
      if (source !== current) {
        await stop();
        await start(source);
        current = source;
      }
    },
    describe: () => `app.mjs:\n${current ?? ''}\nOutput:\n${output}`,
    close: async () => {
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the application module. Import lines of a section that the module already has
 * are written once, as a user adds an import only when the file lacks it.
 *
 * @param {ExpressSections} sections
 * @returns {string}
 */
export function renderApplication(sections) {
  const header = [
    "import { randomBytes } from 'node:crypto';",
    "import http from 'node:http';",
    "import https from 'node:https';",
    '',
    "import express from 'express';",
    "import session from 'express-session';",
    "import helmet from 'helmet';",
  ];
  const imports = new Set(header);
  const body = (/** @type {(typeof EXPRESS_SECTION_NAMES)[number]} */ name, indent = '') =>
    (sections[name] ?? '')
      .split('\n')
      .filter((line) => {
        const isImport = /^\s*(import\s|const \w+ = require\()/.test(line);
        if (!isImport) {
          return true;
        }
        if (imports.has(line.trim())) {
          return false;
        }
        imports.add(line.trim());
        return true;
      })
      .map((line) => (line === '' ? line : `${indent}${line}`))
      .join('\n');

  return `${header.join('\n')}

const app = express();

// redirect
${body('redirect')}

// helmet
${body('helmet')}

// session
${body('session')}

// extra
${body('extra')}

app.use(express.urlencoded({ extended: false }));

const page = (title, main) => \`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>\${title}</title>
</head>
<body>
<main>
<h1>\${title}</h1>
\${main}
</main>
</body>
</html>
\`;

app.get('/', (req, res) => {
  res.send(page('Express site', '<p><a href="/login">Sign in</a></p>'));
});

app.get('/login', (req, res) => {
  res.send(
    page(
      'Sign in',
      '<form method="post" action="/login"><label>User <input name="username"></label> <button type="submit">Sign in</button></form>',
    ),
  );
});

app.post('/login', (req, res, next) => {
  req.session.regenerate((error) => {
    if (error) {
      return next(error);
    }
    req.session.user = String(req.body.username ?? '');
    res.redirect(303, '/account');
  });
});

app.get('/account', (req, res) => {
  if (!req.session.user) {
    return res.redirect(303, '/login');
  }
  {
    const value = randomBytes(16).toString('hex');
${body('csrf-cookie', '    ')}
  }
  {
    const value = 'dark';
${body('cookies', '    ')}
  }
  res.send(page('Account', '<p id="signed-in">Signed in</p>'));
});

const address = process.env.LISTEN_ADDRESS;
let listening = 0;
const onListening = () => {
  listening += 1;
  if (listening === 2) {
    console.log('${LISTENING_MESSAGE}');
  }
};
https
  .createServer({ key: process.env.TLS_KEY, cert: process.env.TLS_CERTIFICATE }, app)
  .listen(Number(process.env.HTTPS_PORT), address, onListening);
http.createServer(app).listen(Number(process.env.HTTP_PORT), address, onListening);
`;
}

/**
 * @param {string} name
 * @returns {string}
 */
function packageVersion(name) {
  const manifest = readFileSync(join(NODE_MODULES, name, 'package.json'), 'utf8');
  return JSON.parse(manifest).version;
}
