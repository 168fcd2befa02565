// @ts-check
// The demo site's pages: one hardened page, one weak page and the Django review's
// configuration, each described by the headers it sends so tests can reuse and vary them.

/** @typedef {readonly [name: string, value: string]} HeaderPair */

/**
 * @typedef {object} PageContext
 * @property {string} nonce  A fresh base64 nonce for this response, for CSP `'nonce-…'` sources.
 * @property {URL} url  The request URL as the browser sent it over HTTPS.
 * @property {(path: string) => string} httpUrl  The plain-HTTP URL of a path on the same host, which the site redirects to HTTPS.
 */

/**
 * One path of a site. Headers are sent in order, and a repeated name (two `Set-Cookie`
 * lines) stays repeated. `Content-Type` defaults to `text/html; charset=utf-8`.
 *
 * @typedef {object} Page
 * @property {number} [status]  HTTP status, 200 unless given.
 * @property {readonly HeaderPair[] | ((context: PageContext) => readonly HeaderPair[])} [headers]
 * @property {string | ((context: PageContext) => string)} [body]
 */

/** @typedef {Readonly<Record<string, Page>>} PageSet */

/** HSTS for one year, the shortest `max-age` the hardening checklist accepts. */
export const ONE_YEAR_SECONDS = 31_536_000;

/**
 * Renders a small HTML document. Inline scripts carry the response's nonce, so they run
 * under a nonce-based policy and under `'unsafe-inline'` alike.
 *
 * @param {{ title: string, main: string, nonce?: string, script?: string }} parts
 * @returns {string}
 */
export function renderDocument({ title, main, nonce, script }) {
  const nonceAttribute = nonce === undefined ? '' : ` nonce="${nonce}"`;
  const scriptElement = script === undefined ? '' : `\n<script${nonceAttribute}>${script}</script>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<main>
<h1>${title}</h1>
${main}
<p><a href="/">Back to the index</a></p>
</main>${scriptElement}
</body>
</html>
`;
}

// Every page scopes its cookies to its own path. The demo pages share one host, and the
// browser's cookie jar for a page contains every cookie of its host and path, so cookies set
// with `Path=/` by the weak page would be graded on the review page too.

/** A random-looking cookie value, fixed so that test output is stable. */
const SESSION_VALUE = 'k3q9zv1x0m2d8w7e5r4t6y';
const CSRF_VALUE = 'Xa7b9Cd2Ef4Gh6Jk8Lm0Np1Qr3St5Uv';

/**
 * Returns every header the hardening checklist rewards, at its strictest value.
 *
 * @param {PageContext} context
 * @returns {HeaderPair[]}
 */
export function hardenedHeaders({ nonce, url }) {
  return [
    ['Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains; preload`],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    [
      'Content-Security-Policy',
      `default-src 'self'; script-src 'nonce-${nonce}' 'strict-dynamic'; object-src 'none'; ` +
        `base-uri 'none'; frame-ancestors 'none'`,
    ],
    ['Referrer-Policy', 'no-referrer'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()'],
    [
      'Set-Cookie',
      `sessionid=${SESSION_VALUE}; Path=${url.pathname}; Secure; HttpOnly; SameSite=Strict`,
    ],
    [
      'Set-Cookie',
      `csrftoken=${CSRF_VALUE}; Path=${url.pathname}; Secure; HttpOnly; SameSite=Strict`,
    ],
  ];
}

/**
 * Returns what an unconfigured PHP stack sends: no hardening header, a session cookie without
 * any flag, a policy that allows inline scripts and version banners.
 *
 * @param {PageContext} context
 * @returns {HeaderPair[]}
 */
export function weakHeaders({ url }) {
  return [
    ['Server', 'Apache/2.4.29 (Ubuntu)'],
    ['X-Powered-By', 'PHP/7.2.34'],
    ['Content-Security-Policy', "script-src 'self' 'unsafe-inline'"],
    ['Set-Cookie', `PHPSESSID=${SESSION_VALUE}; path=${url.pathname}`],
  ];
}

/**
 * Returns the weak page's headers after its fix: HSTS, framing denied, `nosniff`, a strict
 * Referrer-Policy, a flagged session cookie and no version banners. The policy still allows
 * inline scripts.
 *
 * @param {PageContext} context
 * @returns {HeaderPair[]}
 */
export function fixedWeakHeaders({ url }) {
  return [
    ['Server', 'Apache'],
    ['Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ['Content-Security-Policy', "script-src 'self' 'unsafe-inline'"],
    [
      'Set-Cookie',
      `PHPSESSID=${SESSION_VALUE}; path=${url.pathname}; Secure; HttpOnly; SameSite=Lax`,
    ],
  ];
}

/** Host names whose weak page sends {@link fixedWeakHeaders}, set by `/weak-fix`. */
const fixedWeakPageHosts = new Set();

/**
 * Returns the weak page's headers, or its fixed headers once `/weak-fix?fixed=on` was
 * requested on the same host name. The page is never cached, so a reload shows the switch.
 *
 * @param {PageContext} context
 * @returns {HeaderPair[]}
 */
function switchableWeakHeaders(context) {
  const headers = fixedWeakPageHosts.has(context.url.hostname)
    ? fixedWeakHeaders(context)
    : weakHeaders(context);
  return [...headers, ['Cache-Control', 'no-store']];
}

/**
 * Turns the weak page's fix on (`?fixed=on`) or off (`?fixed=off`) for the request's host
 * name, and renders a page that states the switch and links back to the weak page.
 *
 * @param {PageContext} context
 * @returns {string}
 */
function weakFixSwitchBody({ url }) {
  const requested = url.searchParams.get('fixed');
  if (requested === 'on') {
    fixedWeakPageHosts.add(url.hostname);
  } else if (requested === 'off') {
    fixedWeakPageHosts.delete(url.hostname);
  }
  const fixed = fixedWeakPageHosts.has(url.hostname);
  return renderDocument({
    title: 'Weak page fix',
    main: `<p id="fix-state">The weak page now sends ${fixed ? 'its fixed headers' : 'its weak headers'}.</p>
<p><a href="/weak-fix?fixed=${fixed ? 'off' : 'on'}">${fixed ? 'Undo the fix' : 'Apply the fix'}</a></p>
<p>Reload the weak page with the Hardening panel open in DevTools to see what changed.
<a href="/weak">Open the weak page</a></p>`,
  });
}

/**
 * Returns the headers of the Django application of the production-readiness review:
 * `SECURE_HSTS_SECONDS = 31536000` without `SECURE_HSTS_INCLUDE_SUBDOMAINS`,
 * `X_FRAME_OPTIONS = 'DENY'`, `SECURE_CONTENT_TYPE_NOSNIFF`, secure session and CSRF
 * cookies with Django's default `SameSite=Lax`, Django's default `Referrer-Policy`
 * and `Cross-Origin-Opener-Policy`, and no Content Security Policy.
 *
 * @param {PageContext} context
 * @returns {HeaderPair[]}
 */
export function reviewHeaders({ url }) {
  return [
    ['Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}`],
    ['X-Frame-Options', 'DENY'],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Vary', 'Cookie'],
    [
      'Set-Cookie',
      `csrftoken=${CSRF_VALUE}; Path=${url.pathname}; Secure; SameSite=Lax; Max-Age=31449600`,
    ],
    [
      'Set-Cookie',
      `sessionid=${SESSION_VALUE}; Path=${url.pathname}; Secure; HttpOnly; SameSite=Lax`,
    ],
  ];
}

const STYLESHEET = `body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 42rem; padding: 0 1rem; }
code { background: #f2f2f2; padding: 0 0.2em; }
dt { font-weight: bold; margin-top: 1rem; }
`;

/** @type {PageSet} */
export const DEMO_PAGES = {
  '/': {
    headers: [['X-Content-Type-Options', 'nosniff']],
    body: ({ httpUrl }) =>
      renderDocument({
        title: 'Hardening Inspector demo',
        main: `<p>Open a page, then click the Hardening Inspector button in the toolbar to see its grade.
The links go through plain HTTP, so the extension sees the site redirect each page to HTTPS.</p>
<dl>
<dt><a href="${httpUrl('/hardened')}">Hardened page</a></dt>
<dd>Every header the checklist rewards: grades A+.</dd>
<dt><a href="${httpUrl('/weak')}">Weak page</a></dt>
<dd>No hardening headers, a session cookie without flags and version banners: grades F.
<a href="/weak-fix">Switch its fix on or off</a> to see the change in the DevTools Hardening panel.</dd>
<dt><a href="${httpUrl('/review')}">Review configuration</a></dt>
<dd>The Django settings of the production-readiness review, without a Content Security Policy: grades B (70).</dd>
</dl>`,
      }),
  },
  '/hardened': {
    headers: hardenedHeaders,
    body: ({ nonce }) =>
      renderDocument({
        title: 'Hardened page',
        nonce,
        main: `<p>Served with HSTS (one year, subdomains, preload), a strict nonce-based Content Security
Policy, framing denied, no referrer, an isolated browsing context group and session cookies that
scripts and other sites cannot read.</p>
<p id="script-status">The inline script did not run.</p>`,
        script: `document.getElementById('script-status').textContent = 'The inline script ran because it carries the nonce.';`,
      }),
  },
  '/weak': {
    headers: switchableWeakHeaders,
    body: renderDocument({
      title: 'Weak page',
      main: `<p>Served without HSTS, framing protection or nosniff, with a policy that allows any
inline script, a session cookie readable by scripts and sent over plain HTTP, and server version
banners.</p>
<p id="script-status">The inline script did not run.</p>`,
      script: `document.getElementById('script-status').textContent = 'The inline script ran without a nonce.';`,
    }),
  },
  '/weak-fix': {
    headers: [['Cache-Control', 'no-store']],
    body: weakFixSwitchBody,
  },
  '/review': {
    headers: reviewHeaders,
    body: renderDocument({
      title: 'Review configuration',
      main: `<p>The response headers of a Django application configured as its production-readiness
review describes:</p>
<pre><code>SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = 'DENY'
SECURE_CONTENT_TYPE_NOSNIFF = True</code></pre>
<p>It has no Content Security Policy, which is the review's first open improvement.</p>`,
    }),
  },
  '/demo.css': {
    headers: [
      ['Content-Type', 'text/css; charset=utf-8'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
    body: STYLESHEET,
  },
};
