// Remediation for a leaky, invalid or missing Referrer-Policy.

import type { CheckContext, Finding } from '../check';
import { parseReferrerPolicy } from '../parsers/referrer-policy';
import type { Fix, Remediation } from '../types';
import { apacheSetHeaders, caddySetHeaders, nginxSetHeaders } from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy';

const HEADER = [['Referrer-Policy', 'same-origin']] as const;

export function remediateReferrerPolicy(
  finding: Finding<'referrer-policy'>,
  context: CheckContext,
): Remediation {
  const result = parseReferrerPolicy(context.headers.all('referrer-policy'));
  let summary = 'The response has no Referrer-Policy header, so the browser default applies.';
  if (result.state === 'invalid') {
    summary = `Referrer-Policy is ${quote(result.value)}, which contains no policy that browsers recognise.`;
  } else if (result.state === 'recognised' && finding.outcome === 'leaky') {
    summary = `Referrer-Policy is ${quote(result.value)}, so ${result.policy} applies and leaks page URLs to other sites.`;
  }

  return {
    summary,
    why: 'Page URLs often carry private data such as search terms, reset tokens or document ids, and the Referer header hands them to every site the page links to or loads from. same-origin sends the URL only within the site and nothing to other sites.',
    fixes: orderFixes(FIXES, context.stack),
    docs: DOCS,
  };
}

const FIXES: readonly Fix[] = [
  {
    stack: 'django',
    where: 'settings.py (django.middleware.security.SecurityMiddleware must be in MIDDLEWARE)',
    code: 'SECURE_REFERRER_POLICY = "same-origin"',
  },
  {
    stack: 'nginx',
    where: 'server { ... } (a location with its own add_header needs the line too)',
    code: nginxSetHeaders(HEADER),
  },
  {
    stack: 'apache',
    where: '<VirtualHost> or .htaccess, with mod_headers enabled',
    code: apacheSetHeaders(HEADER),
  },
  {
    stack: 'express',
    where: 'where the app is set up, before the routes',
    code: [
      "import helmet from 'helmet';",
      '',
      'app.use(helmet({ referrerPolicy: { policy: "same-origin" } }));',
    ].join('\n'),
  },
  {
    stack: 'caddy',
    where: 'the site block of the Caddyfile',
    code: caddySetHeaders(HEADER),
  },
];
