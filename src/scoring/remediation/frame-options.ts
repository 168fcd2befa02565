// Remediation for framing protection that is missing, weak or overridden by frame-ancestors.

import type { CheckContext, Finding } from '../check';
import { collectPolicies } from '../parsers/csp';
import { parseXFrameOptions } from '../parsers/x-frame-options';
import type { Fix, Remediation } from '../types';
import { apacheSetHeaders, caddySetHeaders, nginxSetHeaders } from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Frame-Options';
const FRAME_ANCESTORS_DOCS =
  'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/frame-ancestors';

const WHY =
  'A page that other sites can frame is open to clickjacking: a hostile page overlays it invisibly and tricks a signed-in user into clicking its buttons.';

export function remediateFrameOptions(
  finding: Finding<'frame-options'>,
  context: CheckContext,
): Remediation {
  const outcome = finding.outcome;
  if (outcome === 'frame-ancestors-any' || outcome === 'frame-ancestors-limited') {
    return {
      summary: frameAncestorsSummary(context, outcome),
      why: WHY,
      fixes: orderFixes(FRAME_ANCESTORS_FIXES, context.stack),
      docs: FRAME_ANCESTORS_DOCS,
    };
  }

  const received = parseXFrameOptions(context.headers.all('x-frame-options'));
  const value = received.state === 'missing' ? '' : received.value;
  return {
    summary: xFrameOptionsSummary(outcome, value, hasMetaFrameAncestors(context)),
    why: WHY,
    fixes: orderFixes(xFrameOptionsFixes(outcome === 'conflicting'), context.stack),
    docs: DOCS,
  };
}

function frameAncestorsSummary(context: CheckContext, outcome: string): string {
  const lists = collectPolicies(context.headers)
    .enforced.map((policy) => policy.directives.get('frame-ancestors'))
    .filter((values) => values !== undefined)
    .map((values) => quote(values.join(' ')));
  const who =
    outcome === 'frame-ancestors-any' ? 'any site' : "pages of the listed origins or 'self'";
  return (
    `The Content-Security-Policy has frame-ancestors ${lists.join(' and ')}, so ${who} may frame the page, ` +
    "and browsers ignore X-Frame-Options next to it. The review's bar is frame-ancestors 'none'."
  );
}

function hasMetaFrameAncestors(context: CheckContext): boolean {
  const policies = collectPolicies(context.headers, context.record.html);
  return [...policies.enforced, ...policies.empty].some((policy) =>
    policy.removed.includes('frame-ancestors'),
  );
}

function xFrameOptionsSummary(outcome: string, value: string, metaFrameAncestors: boolean): string {
  switch (outcome) {
    case 'same-origin':
      return `X-Frame-Options is ${quote(value)}, so any page of this origin may frame the page; the review asks for DENY.`;
    case 'conflicting':
      return `X-Frame-Options is ${quote(value)}: several different values make browsers block all framing, but they usually mean two layers each add the header. Send DENY from one place only.`;
    case 'allow-from':
      return `X-Frame-Options is ${quote(value)}, and current browsers ignore ALLOW-FROM, so any site may frame the page.`;
    case 'invalid':
      return `X-Frame-Options is ${quote(value)}, which browsers do not treat as DENY or SAMEORIGIN, so any site may frame the page.`;
    default:
      return metaFrameAncestors
        ? 'The response has no X-Frame-Options header, and its frame-ancestors directive is in a <meta> policy, which browsers ignore, so any site may frame the page. Send frame-ancestors in a Content-Security-Policy header, or X-Frame-Options: DENY.'
        : 'The response has neither X-Frame-Options nor a CSP frame-ancestors directive, so any site may frame the page.';
  }
}

const DENY = [['X-Frame-Options', 'DENY']] as const;

/** The Express fix for missing or weak X-Frame-Options. */
export const EXPRESS_DENY = [
  "import helmet from 'helmet';",
  '',
  "// helmet's default Content-Security-Policy has frame-ancestors 'self', which browsers",
  '// obey instead of X-Frame-Options, so the policy forbids framing too.',
  'app.use(',
  '  helmet({',
  '    frameguard: { action: "deny" },',
  `    contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } },`,
  '  }),',
  ');',
].join('\n');

function xFrameOptionsFixes(conflicting: boolean): Fix[] {
  return [
    {
      stack: 'django',
      where:
        'settings.py (django.middleware.clickjacking.XFrameOptionsMiddleware must be in MIDDLEWARE)',
      code: 'X_FRAME_OPTIONS = "DENY"',
    },
    {
      stack: 'nginx',
      where: conflicting
        ? 'server { ... }; proxy_hide_header drops the copy that the proxied application sends'
        : 'server { ... } (a location with its own add_header needs the line too)',
      code: conflicting
        ? ['proxy_hide_header X-Frame-Options;', nginxSetHeaders(DENY)].join('\n')
        : nginxSetHeaders(DENY),
    },
    {
      stack: 'apache',
      where:
        '<VirtualHost> or .htaccess, with mod_headers enabled; "set" replaces any earlier value',
      code: apacheSetHeaders(DENY),
    },
    {
      stack: 'express',
      where: 'where the app is set up, before the routes',
      code: EXPRESS_DENY,
    },
    {
      stack: 'caddy',
      where: 'the site block of the Caddyfile',
      code: caddySetHeaders(DENY),
    },
  ];
}

/**
 * Fixes for a weak `frame-ancestors`. The header stacks send a second policy holding only
 * `frame-ancestors 'none'`: browsers enforce every policy, so the strictest one decides, and
 * the existing policy (which may carry per-response nonces) stays untouched.
 */
const FRAME_ANCESTORS_FIXES: readonly Fix[] = [
  {
    stack: 'django',
    where: 'settings.py, after SECURE_CSP is defined',
    code: [
      'from django.utils.csp import CSP',
      '',
      'SECURE_CSP["frame-ancestors"] = [CSP.NONE]',
    ].join('\n'),
  },
  {
    stack: 'nginx',
    where: 'server { ... }; nginx sends this policy next to the existing one',
    code: `add_header Content-Security-Policy "frame-ancestors 'none'" always;`,
  },
  {
    stack: 'apache',
    where: '<VirtualHost> or .htaccess, with mod_headers enabled; "add" keeps the existing policy',
    code: `Header always add Content-Security-Policy "frame-ancestors 'none'"`,
  },
  {
    stack: 'express',
    where: 'the contentSecurityPolicy directives passed to helmet',
    code: [
      "import helmet from 'helmet';",
      '',
      'app.use(',
      '  helmet({',
      `    contentSecurityPolicy: { directives: { frameAncestors: ["'none'"] } },`,
      '  }),',
      ');',
    ].join('\n'),
  },
  {
    stack: 'caddy',
    where: 'the site block of the Caddyfile; the + adds a header instead of replacing one',
    code: `header +Content-Security-Policy "frame-ancestors 'none'"`,
  },
];
