// Remediation for a missing, invalid, report-only or unsafe Content Security Policy. Every
// fix is a complete strict policy, not a fragment, because for most sites this is the first
// policy they deploy.

import type { CheckContext, Finding } from '../check';
import { collectPolicies, type Policy } from '../parsers/csp';
import type { Fix, Remediation } from '../types';
import { apacheSetHeaders, caddySetHeaders, nginxSetHeaders } from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS =
  'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy';

/**
 * The strict policy for servers that cannot add a fresh nonce to each response: nothing loads
 * unless a directive allows it, scripts and styles come only from the site's own files, and
 * no site may frame the page. It grades `strict` because `default-src` is `'none'`.
 */
export const STATIC_STRICT_POLICY: ReadonlyArray<readonly [directive: string, sources: string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self'"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['manifest-src', "'self'"],
  ['form-action', "'self'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const STATIC_STRICT_POLICY_TEXT = STATIC_STRICT_POLICY.map(
  ([directive, sources]) => `${directive} ${sources}`,
).join('; ');

export function remediateCsp(finding: Finding<'csp'>, context: CheckContext): Remediation {
  return {
    summary: summarize(finding, collectPolicies(context.headers).reportOnly),
    why: WHY[finding.outcome],
    fixes: orderFixes(FIXES, context.stack),
    docs: DOCS,
  };
}

const NO_POLICY_WHY =
  'A Content Security Policy is the browser-side defence against cross-site scripting: when an attacker gets markup into the page, the policy decides whether their script runs. Without an enforced one, every injected script runs with the user session.';

const WHY: Readonly<Record<Finding<'csp'>['outcome'], string>> = {
  missing: NO_POLICY_WHY,
  invalid: NO_POLICY_WHY,
  'report-only': NO_POLICY_WHY,
  'unsafe-scripts':
    'A policy that allows inline scripts, scripts from any site or plugins from anywhere lets an attacker who gets markup into the page run their script anyway, so it does not stop cross-site scripting.',
  'unsafe-eval':
    "'unsafe-eval' lets code that reaches eval(), new Function() or string timers run as script, which turns many DOM injection bugs into script execution.",
  'unsafe-inline-styles':
    'Inline styles cannot run script, but injected CSS can restyle the page to trick users and leak attribute values such as CSRF tokens through selectors that load images.',
  'no-unsafe-scripts': NO_POLICY_WHY,
  strict: NO_POLICY_WHY,
};

function summarize(finding: Finding<'csp'>, reportOnly: readonly Policy[]): string {
  switch (finding.outcome) {
    case 'invalid':
      return `${finding.evidence}.`;
    case 'report-only': {
      const received = reportOnly.map((policy) => quote(policy.text)).join(' and ');
      return `The only policy is Content-Security-Policy-Report-Only ${received}: browsers report violations but block nothing. Send the tested policy as Content-Security-Policy.`;
    }
    case 'unsafe-scripts':
    case 'unsafe-eval':
    case 'unsafe-inline-styles':
      return `The enforced policy lets through what it should block. ${finding.evidence}.`;
    default:
      return 'The response has no Content-Security-Policy header and no <meta> policy, so any script injected into the page runs.';
  }
}

const DJANGO_POLICY = [
  '# Django 6.0 or later. Try it first as SECURE_CSP_REPORT_ONLY, then rename it.',
  'from django.utils.csp import CSP',
  '',
  'SECURE_CSP = {',
  '    "default-src": [CSP.NONE],',
  '    "script-src": [CSP.NONCE, CSP.STRICT_DYNAMIC],',
  '    "style-src": [CSP.SELF, CSP.NONCE],',
  '    "img-src": [CSP.SELF],',
  '    "font-src": [CSP.SELF],',
  '    "connect-src": [CSP.SELF],',
  '    "manifest-src": [CSP.SELF],',
  '    "form-action": [CSP.SELF],',
  '    "base-uri": [CSP.NONE],',
  '    "frame-ancestors": [CSP.NONE],',
  '}',
  'MIDDLEWARE += ["django.middleware.csp.ContentSecurityPolicyMiddleware"]',
  'TEMPLATES[0]["OPTIONS"]["context_processors"] += ["django.template.context_processors.csp"]',
  '',
  '# Give every <script> and <style> tag the nonce, for example:',
  '#   <script nonce="{{ csp_nonce }}" src="{% static \'app.js\' %}"></script>',
  '# The middleware adds the nonce to the header only on pages that render {{ csp_nonce }};',
  "# elsewhere script-src is 'strict-dynamic' alone and blocks every script.",
].join('\n');

const EXPRESS_POLICY = [
  "import crypto from 'node:crypto';",
  "import helmet from 'helmet';",
  '',
  'app.use((req, res, next) => {',
  '  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");',
  '  next();',
  '});',
  'app.use(',
  '  helmet({',
  '    contentSecurityPolicy: {',
  '      useDefaults: false,',
  '      directives: {',
  `        defaultSrc: ["'none'"],`,
  "        scriptSrc: [(req, res) => `'nonce-${res.locals.cspNonce}'`, \"'strict-dynamic'\"],",
  `        styleSrc: ["'self'"],`,
  `        imgSrc: ["'self'"],`,
  `        fontSrc: ["'self'"],`,
  `        connectSrc: ["'self'"],`,
  `        manifestSrc: ["'self'"],`,
  `        formAction: ["'self'"],`,
  `        baseUri: ["'none'"],`,
  `        frameAncestors: ["'none'"],`,
  '      },',
  '    },',
  '  }),',
  ');',
  '// In templates: <script nonce="<%= cspNonce %>" src="/app.js"></script>',
].join('\n');

const HEADER = [['Content-Security-Policy', STATIC_STRICT_POLICY_TEXT]] as const;

const FIXES: readonly Fix[] = [
  {
    stack: 'django',
    where: 'the end of settings.py, after MIDDLEWARE and TEMPLATES',
    code: DJANGO_POLICY,
  },
  {
    stack: 'nginx',
    where:
      'server { ... } (a location with its own add_header needs the line too); scripts and styles must be files of the site, not inline',
    code: nginxSetHeaders(HEADER),
  },
  {
    stack: 'apache',
    where:
      '<VirtualHost> or .htaccess, with mod_headers enabled; scripts and styles must be files of the site',
    code: apacheSetHeaders(HEADER),
  },
  {
    stack: 'express',
    where: 'where the app is set up, before the routes',
    code: EXPRESS_POLICY,
  },
  {
    stack: 'caddy',
    where: 'the site block of the Caddyfile; scripts and styles must be files of the site',
    code: caddySetHeaders(HEADER),
  },
];
