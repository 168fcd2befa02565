// @ts-check
// Runs Debian's nginx as a child process of the tests: its own prefix, configuration, logs
// and TLS certificate in a temporary folder, listening on loopback only, in the foreground
// (`daemon off`) so that stopping the tests stops it.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The loopback address every test server listens on. */
export const LOOPBACK = '127.0.0.1';

const NGINX_PATHS = ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'];
const START_TIMEOUT_MS = 10_000;

/**
 * @typedef {object} Ports
 * @property {number} httpsPort
 * @property {number} httpPort
 * @property {boolean} standardPorts  True for 443 and 80, where `https://HOST/` and `http://HOST/` need no port.
 */

/**
 * @typedef {object} TlsFiles
 * @property {string} certificate  Path of the PEM certificate.
 * @property {string} key  Path of the PEM private key, readable by its owner only.
 */

/**
 * @typedef {object} NginxServer
 * @property {string} prefix  The server's temporary folder.
 * @property {Ports} ports
 * @property {TlsFiles} tls
 * @property {string} version  `nginx -v` without the `nginx version: ` label, such as `nginx/1.22.1`.
 * @property {(httpBlock: string) => Promise<void>} start  Writes the `http { ... }` contents and starts nginx.
 * @property {(httpBlock: string) => Promise<void>} restart  Stops nginx, writes the new `http { ... }` contents and starts it again.
 * @property {() => string} configuration  The `nginx.conf` in use, for failure messages.
 * @property {() => Promise<void>} close  Stops nginx and removes the folder.
 */

/**
 * Finds the nginx executable: `NGINX_PATH` when set, then the usual Debian paths.
 *
 * @returns {string}
 * @throws {Error} when no nginx executable is found.
 */
export function findNginx() {
  const configured = process.env.NGINX_PATH;
  if (configured !== undefined && configured !== '') {
    return configured;
  }
  const found = NGINX_PATHS.find((path) => existsSync(path));
  if (found === undefined) {
    throw new Error(
      `nginx not found in ${NGINX_PATHS.join(', ')}. Install it (Debian: \`apt-get install nginx\`) or set NGINX_PATH.`,
    );
  }
  return found;
}

/**
 * Prepares an nginx server in a new temporary folder: a self-signed certificate for the
 * given names made with openssl, and two loopback ports. It listens on 443 and 80 when
 * both are free, because the extension's redirect probe and the redirects that the fixes
 * write (`https://$host$request_uri`) use the default ports; otherwise on two free high ports.
 *
 * @param {{ dnsNames: readonly string[] }} options
 * @returns {Promise<NginxServer>}
 */
export async function createNginx({ dnsNames }) {
  const executable = findNginx();
  const prefix = mkdtempSync(join(tmpdir(), 'hardening-inspector-nginx-'));
  // nginx's worker processes run as `nobody` when the tests run as root, and read the site from here.
  chmodSync(prefix, 0o755);
  for (const folder of ['conf', 'logs', 'temp', 'html']) {
    mkdirSync(join(prefix, folder), { recursive: true });
  }
  const tls = createTlsFiles(join(prefix, 'conf'), dnsNames);
  const ports = await choosePorts();
  const version = nginxVersion(executable);

  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;
  let output = '';
  let configurationText = '';

  const start = async (/** @type {string} */ httpBlock) => {
    configurationText = mainConfiguration(prefix, httpBlock);
    writeFileSync(join(prefix, 'conf', 'nginx.conf'), configurationText);
    output = '';
    const server = spawn(executable, ['-p', `${prefix}/`, '-c', 'conf/nginx.conf'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = server;
    server.stdout.on('data', (chunk) => (output += String(chunk)));
    server.stderr.on('data', (chunk) => (output += String(chunk)));
    const pidFile = join(prefix, 'logs', 'nginx.pid');
    // nginx writes its pid file only after it has bound every listening socket.
    const hasBound = () =>
      existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() === String(server.pid);
    await waitForPorts(
      server,
      [ports.httpsPort, ports.httpPort],
      () => {
        const errorLog = join(prefix, 'logs', 'error.log');
        const logged = existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '';
        return `nginx did not start:\n${output}${logged}\nConfiguration:\n${configurationText}`;
      },
      hasBound,
    );
  };

  const stop = async () => {
    if (child !== undefined) {
      await stopChild(child);
      child = undefined;
    }
  };

  return {
    prefix,
    ports,
    tls,
    version,
    start,
    restart: async (httpBlock) => {
      await stop();
      await start(httpBlock);
    },
    configuration: () => configurationText,
    close: async () => {
      await stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/**
 * Wraps the `http { ... }` contents into a complete configuration whose files all live
 * under the prefix, with one worker and no access log.
 *
 * @param {string} prefix
 * @param {string} httpBlock
 * @returns {string}
 */
function mainConfiguration(prefix, httpBlock) {
  const temp = join(prefix, 'temp');
  return `daemon off;
worker_processes 1;
pid ${join(prefix, 'logs', 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;

events {
    worker_connections 64;
}

http {
    access_log off;
    client_body_temp_path ${temp}/client_body;
    proxy_temp_path ${temp}/proxy;
    fastcgi_temp_path ${temp}/fastcgi;
    uwsgi_temp_path ${temp}/uwsgi;
    scgi_temp_path ${temp}/scgi;
    default_type application/octet-stream;
    types {
        text/html html;
        text/css css;
        application/javascript js;
    }

${indent(httpBlock, '    ')}
}
`;
}

/**
 * Indents every non-empty line of a block.
 *
 * @param {string} text
 * @param {string} prefix
 * @returns {string}
 */
export function indent(text, prefix) {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `${prefix}${line}`))
    .join('\n');
}

/**
 * Makes a self-signed EC certificate valid for one day with openssl. The key stays in the
 * server's temporary folder and is deleted with it.
 *
 * @param {string} folder
 * @param {readonly string[]} dnsNames
 * @returns {TlsFiles}
 */
function createTlsFiles(folder, dnsNames) {
  const certificate = join(folder, 'certificate.pem');
  const key = join(folder, 'key.pem');
  const names = [...dnsNames.map((name) => `DNS:${name}`), `IP:${LOOPBACK}`].join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${dnsNames[0] ?? 'localhost'}`,
      '-addext',
      `subjectAltName=${names}`,
      '-keyout',
      key,
      '-out',
      certificate,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  chmodSync(key, 0o600);
  return { certificate, key };
}

/**
 * @param {string} executable
 * @returns {string}
 */
function nginxVersion(executable) {
  // nginx prints its version on stderr.
  const result = spawnSync(executable, ['-v'], { encoding: 'utf8' });
  return `${result.stderr}${result.stdout}`.trim().replace(/^nginx version:\s*/, '');
}

/**
 * Takes 443 and 80 when both can be bound on loopback, otherwise two free ports.
 *
 * @returns {Promise<Ports>}
 */
export async function choosePorts() {
  if ((await canListen(443)) && (await canListen(80))) {
    return { httpsPort: 443, httpPort: 80, standardPorts: true };
  }
  return { httpsPort: await freePort(), httpPort: await freePort(), standardPorts: false };
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function canListen(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/**
 * Returns a port that was free a moment ago on loopback.
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until every port accepts a connection, and fails with `describeFailure()` when the
 * process exits first or the time runs out. Another program may hold a port, so servers
 * that can tell when they are ready pass `isReady` too, which must also return true.
 *
 * @param {import('node:child_process').ChildProcess} child
 * @param {readonly number[]} ports
 * @param {() => string} describeFailure
 * @param {() => boolean} [isReady]
 * @returns {Promise<void>}
 */
export async function waitForPorts(child, ports, describeFailure, isReady = () => true) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  /** @type {number | null} */
  let exitCode = null;
  let exited = false;
  child.once('exit', (code) => {
    exited = true;
    exitCode = code;
  });
  const ready = async () => {
    if (!isReady()) {
      return false;
    }
    for (const port of ports) {
      if (!(await accepts(port))) {
        return false;
      }
    }
    return true;
  };
  for (;;) {
    if (exited) {
      throw new Error(`exited with code ${String(exitCode)}. ${describeFailure()}`);
    }
    if (await ready()) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${START_TIMEOUT_MS} ms waiting for ports ${ports.join(', ')}. ${describeFailure()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, LOOPBACK);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Sends SIGTERM and waits for the process to exit; SIGKILL after five seconds.
 *
 * @param {import('node:child_process').ChildProcess} child
 * @returns {Promise<void>}
 */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
