// @ts-check
// nginx configurations for the end-to-end tests, built from named sections so that a test
// can start from a failing configuration and then replace one section with the fix that the
// extension shows: a static site served by nginx alone, or an application behind nginx.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { LOOPBACK } from './nginx.mjs';

/**
 * Where a section goes: `http` at the top of `http { ... }`, `server` in the HTTPS server
 * block, `location` in its `location / { ... }`, and `plain-http-server` for whole
 * `server { ... }` blocks that answer plain HTTP.
 *
 * @typedef {'http' | 'server' | 'location' | 'plain-http-server'} NginxPlace
 */

/**
 * @typedef {object} NginxSection
 * @property {NginxPlace} place
 * @property {string} code  Configuration lines, as a user would write them.
 */

/** @typedef {Readonly<Record<string, NginxSection>>} NginxSections */

/**
 * What the HTTPS server does with requests: serve files from `root`, or pass them to an
 * application on a loopback port with the headers a TLS-terminating proxy sets.
 *
 * @typedef {{ kind: 'static', root: string } | { kind: 'proxy', upstreamPort: number }} NginxContent
 */

/**
 * @typedef {object} NginxSite
 * @property {string} hostname
 * @property {import('./nginx.mjs').Ports} ports
 * @property {import('./nginx.mjs').TlsFiles} tls
 * @property {NginxContent} content
 * @property {NginxSections} sections
 */

/**
 * The hardened headers of the static site, one section per concern, each as the fix of the
 * matching check writes it. Tests take one out or weaken it to get a failing configuration.
 *
 * @type {NginxSections}
 */
export const HARDENED_STATIC_SECTIONS = Object.freeze({
  'server-tokens': { place: 'http', code: 'server_tokens off;' },
  hsts: {
    place: 'server',
    code: 'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
  },
  'frame-options': { place: 'server', code: 'add_header X-Frame-Options "DENY" always;' },
  'content-type-options': {
    place: 'server',
    code: 'add_header X-Content-Type-Options "nosniff" always;',
  },
  'referrer-policy': { place: 'server', code: 'add_header Referrer-Policy "same-origin" always;' },
  csp: {
    place: 'server',
    code: `add_header Content-Security-Policy "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'" always;`,
  },
  'cross-origin-isolation': {
    place: 'server',
    code: 'add_header Cross-Origin-Opener-Policy "same-origin" always;',
  },
  'permissions-policy': {
    place: 'server',
    code: 'add_header Permissions-Policy "camera=(), geolocation=(), microphone=()" always;',
  },
});

/**
 * Renders the contents of `http { ... }` for one site: the `http` sections, a plain-HTTP
 * server that redirects to HTTPS unless a `plain-http-server` section replaces it, and the
 * HTTPS server with the `server` and `location` sections.
 *
 * @param {NginxSite} site
 * @returns {string}
 */
export function renderSite(site) {
  const { hostname, ports, tls, content, sections } = site;
  const byPlace = (/** @type {NginxPlace} */ place) =>
    Object.values(sections)
      .filter((section) => section.place === place)
      .map((section) => section.code);

  const plainServers = byPlace('plain-http-server');
  const redirectTarget = ports.standardPorts
    ? 'https://$host$request_uri'
    : `https://$host:${ports.httpsPort}$request_uri`;
  const plainHttp =
    plainServers.length > 0
      ? plainServers
      : [
          serverBlock([
            `listen ${LOOPBACK}:${ports.httpPort};`,
            `server_name ${hostname};`,
            ...(content.kind === 'proxy'
              ? [locationBlock(proxyLines(content.upstreamPort), [])]
              : [`return 301 ${redirectTarget};`]),
          ]),
        ];

  const https = serverBlock([
    `listen ${LOOPBACK}:${ports.httpsPort} ssl;`,
    `server_name ${hostname};`,
    `ssl_certificate ${tls.certificate};`,
    `ssl_certificate_key ${tls.key};`,
    ...(content.kind === 'static' ? [`root ${content.root};`, 'index index.html;'] : []),
    ...byPlace('server'),
    locationBlock(
      content.kind === 'static' ? ['try_files $uri $uri/ =404;'] : proxyLines(content.upstreamPort),
      byPlace('location'),
    ),
  ]);

  return [...byPlace('http'), ...plainHttp, https].join('\n\n');
}

/**
 * The plain-HTTP server of a static site that serves the files over HTTP without a
 * redirect: the failing configuration of the `https-redirect` check.
 *
 * @param {{ hostname: string, ports: import('./nginx.mjs').Ports, root: string }} site
 * @returns {string}
 */
export function plainHttpStaticServer({ hostname, ports, root }) {
  return serverBlock([
    `listen ${LOOPBACK}:${ports.httpPort};`,
    `server_name ${hostname};`,
    `root ${root};`,
    'index index.html;',
  ]);
}

/**
 * Rewrites the `listen` lines of a configuration snippet that bind every address, such as
 * `listen 80;` and `listen [::]:80;`, to the loopback addresses, so that a test server never
 * listens beyond the machine. Ports and every other line stay as written.
 *
 * @param {string} code
 * @returns {string}
 */
export function bindToLoopback(code) {
  return code
    .replace(/^(\s*listen\s+)(\d+)(\s|;)/gm, `$1${LOOPBACK}:$2$3`)
    .replace(/^(\s*listen\s+)\[::\]:(\d+)/gm, '$1[::1]:$2');
}

/**
 * @param {number} upstreamPort
 * @returns {string[]}
 */
function proxyLines(upstreamPort) {
  return [
    `proxy_pass http://${LOOPBACK}:${upstreamPort};`,
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
  ];
}

/**
 * @param {readonly string[]} lines
 * @returns {string}
 */
function serverBlock(lines) {
  return ['server {', ...lines.map((line) => indentLines(line)), '}'].join('\n');
}

/**
 * @param {readonly string[]} lines
 * @param {readonly string[]} extra
 * @returns {string}
 */
function locationBlock(lines, extra) {
  return ['location / {', ...[...lines, ...extra].map((line) => indentLines(line)), '}'].join('\n');
}

/**
 * @param {string} text
 * @returns {string}
 */
function indentLines(text) {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
}

/**
 * Writes the static site's files into `root`: a page with a stylesheet and a script from
 * files of the site, and nothing inline, so that the strict policies of the fixes allow it.
 *
 * @param {string} root
 * @returns {void}
 */
export function writeStaticSite(root) {
  mkdirSync(root, { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Static site</title>
<link rel="stylesheet" href="/site.css">
<script src="/site.js" defer></script>
</head>
<body>
<h1>Static site</h1>
<p id="script-state">The script has not run.</p>
</body>
</html>
`,
  );
  writeFileSync(join(root, 'site.css'), 'body { font-family: sans-serif; }\n');
  writeFileSync(
    join(root, 'site.js'),
    "document.getElementById('script-state').textContent = 'The script ran.';\n",
  );
}
