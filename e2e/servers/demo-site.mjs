// @ts-check
// The demo site: an HTTPS server that serves page sets chosen per host name, and a
// plain-HTTP server that redirects every request to the same host and path over HTTPS.

import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import { createCertificate } from './certificate.mjs';

/** @typedef {import('./demo-pages.mjs').Page} Page */
/** @typedef {import('./demo-pages.mjs').PageSet} PageSet */
/** @typedef {import('./demo-pages.mjs').PageContext} PageContext */
/** @typedef {import('./demo-pages.mjs').HeaderPair} HeaderPair */

/**
 * Which ports to listen on. `standard` takes 443 and 80, and fails when it cannot.
 * `ephemeral` lets the system choose two free ports. `auto` tries the standard ports
 * first and falls back to ephemeral ones when they are taken or need privileges.
 *
 * @typedef {'standard' | 'ephemeral' | 'auto'} PortChoice
 */

/**
 * @typedef {object} DemoSiteOptions
 * @property {PageSet} pages  Pages served to every host name without its own page set.
 * @property {PortChoice} [ports]  `auto` unless given.
 * @property {string} [address]  Listening address, `127.0.0.1` unless given.
 * @property {readonly string[]} [certificateNames]  DNS names of the certificate, `*.test` and `localhost` unless given.
 * @property {(line: string) => void} [log]  Receives one line per request and per server error.
 */

/**
 * @typedef {object} DemoSite
 * @property {number} httpsPort
 * @property {number} httpPort
 * @property {boolean} standardPorts  True when listening on 443 and 80, so `http://HOST/` and `https://HOST/` reach the site.
 * @property {(hostname: string, path?: string) => string} httpsUrl  The HTTPS URL of a path, with the port when it is not 443.
 * @property {(hostname: string, path?: string) => string} httpUrl  The plain-HTTP URL of a path, with the port when it is not 80.
 * @property {(hostname: string, pages: PageSet) => void} setPages  Serves a page set to one host name instead of the default pages.
 * @property {() => Promise<void>} close
 */

const STANDARD_HTTPS_PORT = 443;
const STANDARD_HTTP_PORT = 80;

/**
 * Starts the HTTPS server and its plain-HTTP redirector with a certificate generated now.
 *
 * @param {DemoSiteOptions} options
 * @returns {Promise<DemoSite>}
 */
export async function startDemoSite(options) {
  const address = options.address ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const certificate = await createCertificate(options.certificateNames ?? ['*.test', 'localhost']);

  /** @type {Map<string, PageSet>} */
  const pagesByHost = new Map();
  /** @type {{ httpsPort: number, httpPort: number }} */
  const ports = { httpsPort: 0, httpPort: 0 };

  const httpsServer = https.createServer(certificate, (request, response) => {
    const hostname = hostnameOf(request.headers.host);
    const pages = pagesByHost.get(hostname) ?? options.pages;
    servePage(pages, ports.httpPort, request, response, log);
  });
  const httpServer = http.createServer((request, response) => {
    redirectToHttps(ports.httpsPort, request, response, log);
  });
  for (const server of [httpsServer, httpServer]) {
    server.on('clientError', (error, socket) => {
      log(`client error: ${error.message}`);
      socket.destroy();
    });
  }

  const choice = options.ports ?? 'auto';
  const listening = await listenPair(httpsServer, httpServer, address, choice, log);
  ports.httpsPort = listening.httpsPort;
  ports.httpPort = listening.httpPort;

  return {
    ...listening,
    httpsUrl: (hostname, path = '/') =>
      `https://${hostname}${listening.httpsPort === STANDARD_HTTPS_PORT ? '' : `:${listening.httpsPort}`}${path}`,
    httpUrl: (hostname, path = '/') =>
      `http://${hostname}${listening.httpPort === STANDARD_HTTP_PORT ? '' : `:${listening.httpPort}`}${path}`,
    setPages: (hostname, pages) => {
      pagesByHost.set(hostname.toLowerCase(), pages);
    },
    close: async () => {
      await Promise.all([closeServer(httpsServer), closeServer(httpServer)]);
    },
  };
}

/**
 * Listens on the standard ports or on ephemeral ones, as `choice` selects.
 *
 * @param {import('node:net').Server} httpsServer
 * @param {import('node:net').Server} httpServer
 * @param {string} address
 * @param {PortChoice} choice
 * @param {(line: string) => void} log
 * @returns {Promise<{ httpsPort: number, httpPort: number, standardPorts: boolean }>}
 */
async function listenPair(httpsServer, httpServer, address, choice, log) {
  if (choice !== 'ephemeral') {
    try {
      await listen(httpsServer, STANDARD_HTTPS_PORT, address);
      await listen(httpServer, STANDARD_HTTP_PORT, address);
      return {
        httpsPort: STANDARD_HTTPS_PORT,
        httpPort: STANDARD_HTTP_PORT,
        standardPorts: true,
      };
    } catch (error) {
      await Promise.all([closeServer(httpsServer), closeServer(httpServer)]);
      if (choice === 'standard') {
        throw error;
      }
      log(`cannot listen on ports 443 and 80 (${describeError(error)}), using free high ports`);
    }
  }

  await listen(httpsServer, 0, address);
  await listen(httpServer, 0, address);
  return {
    httpsPort: portOf(httpsServer),
    httpPort: portOf(httpServer),
    standardPorts: false,
  };
}

/**
 * @param {import('node:net').Server} server
 * @param {number} port
 * @param {string} address
 * @returns {Promise<void>}
 */
function listen(server, port, address) {
  return new Promise((resolve, reject) => {
    /** @param {Error} error */
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, address);
  });
}

/**
 * @param {import('node:net').Server} server
 * @returns {Promise<void>}
 */
function closeServer(server) {
  if (!server.listening) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') {
      server.closeAllConnections();
    }
  });
}

/**
 * @param {import('node:net').Server} server
 * @returns {number}
 */
function portOf(server) {
  const bound = server.address();
  if (bound === null || typeof bound === 'string') {
    throw new Error(`expected a TCP server address, got ${String(bound)}`);
  }
  return bound.port;
}

/**
 * Returns the lower-case host name of a `Host` header, without the port.
 *
 * @param {string | undefined} hostHeader
 * @returns {string}
 */
export function hostnameOf(hostHeader) {
  if (hostHeader === undefined || hostHeader === '') {
    return '';
  }
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return hostHeader.toLowerCase();
  }
}

/**
 * @param {PageSet} pages
 * @param {number} httpPort
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {(line: string) => void} log
 */
function servePage(pages, httpPort, request, response, log) {
  const url = new URL(request.url ?? '/', `https://${request.headers.host ?? 'localhost'}`);
  const page = Object.hasOwn(pages, url.pathname) ? pages[url.pathname] : undefined;

  if (page === undefined) {
    log(`${request.method ?? 'GET'} ${url.href} 404`);
    response.writeHead(404, ['Content-Type', 'text/plain; charset=utf-8']);
    response.end(`Not found: ${url.pathname}\n`);
    return;
  }

  /** @type {PageContext} */
  const context = {
    nonce: randomBytes(16).toString('base64'),
    url,
    httpUrl: (path) =>
      `http://${url.hostname}${httpPort === STANDARD_HTTP_PORT ? '' : `:${httpPort}`}${path}`,
  };
  const headers = typeof page.headers === 'function' ? page.headers(context) : (page.headers ?? []);
  const body = typeof page.body === 'function' ? page.body(context) : (page.body ?? '');
  const status = page.status ?? 200;

  const hasContentType = headers.some(([name]) => name.toLowerCase() === 'content-type');
  /** @type {HeaderPair[]} */
  const allHeaders = hasContentType
    ? [...headers]
    : [['Content-Type', 'text/html; charset=utf-8'], ...headers];

  log(`${request.method ?? 'GET'} ${url.href} ${status}`);
  // A flat [name, value, name, value, …] list keeps repeated headers as separate lines.
  response.writeHead(status, allHeaders.flat());
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * Redirects to the same host and path over HTTPS with a 301, as Django's
 * `SECURE_SSL_REDIRECT` does.
 *
 * @param {number} httpsPort
 * @param {http.IncomingMessage} request
 * @param {http.ServerResponse} response
 * @param {(line: string) => void} log
 */
function redirectToHttps(httpsPort, request, response, log) {
  const hostname = hostnameOf(request.headers.host);
  if (hostname === '') {
    log(`${request.method ?? 'GET'} ${request.url ?? '/'} 400 (no Host header)`);
    response.writeHead(400, ['Content-Type', 'text/plain; charset=utf-8']);
    response.end('Bad request: missing Host header\n');
    return;
  }

  const authority = httpsPort === STANDARD_HTTPS_PORT ? hostname : `${hostname}:${httpsPort}`;
  const location = `https://${authority}${request.url ?? '/'}`;
  log(
    `${request.method ?? 'GET'} http://${request.headers.host ?? ''}${request.url ?? '/'} 301 -> ${location}`,
  );
  response.writeHead(301, ['Location', location, 'Content-Length', '0']);
  response.end();
}

/**
 * @param {unknown} error
 * @returns {string}
 */
function describeError(error) {
  if (error instanceof Error && 'code' in error) {
    return `${String(error.code)}: ${error.message}`;
  }
  return String(error);
}
