// Remediation for a missing or invalid X-Content-Type-Options header.

import type { CheckContext, Finding } from '../check';
import { parseXContentTypeOptions } from '../parsers/x-content-type-options';
import type { Fix, Remediation } from '../types';
import { apacheSetHeaders, caddySetHeaders, nginxSetHeaders } from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS =
  'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Content-Type-Options';

const HEADER = [['X-Content-Type-Options', 'nosniff']] as const;

export function remediateContentTypeOptions(
  finding: Finding<'content-type-options'>,
  context: CheckContext,
): Remediation {
  const result = parseXContentTypeOptions(context.headers.all('x-content-type-options'));
  const summary =
    finding.outcome === 'invalid' && result.state === 'invalid'
      ? `X-Content-Type-Options is ${quote(result.value)}, but browsers only honour a first value of "nosniff".`
      : 'The response has no X-Content-Type-Options header.';

  return {
    summary,
    why: 'Without nosniff, browsers may guess a response type from its content, so an uploaded file served as text or an image can run as a script or stylesheet. With nosniff they also refuse scripts and stylesheets served with a wrong MIME type.',
    fixes: orderFixes(FIXES, context.stack),
    docs: DOCS,
  };
}

const FIXES: readonly Fix[] = [
  {
    stack: 'django',
    where: 'settings.py (django.middleware.security.SecurityMiddleware must be in MIDDLEWARE)',
    code: 'SECURE_CONTENT_TYPE_NOSNIFF = True',
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
      '// helmet sends X-Content-Type-Options: nosniff by default.',
      'app.use(helmet());',
    ].join('\n'),
  },
  {
    stack: 'caddy',
    where: 'the site block of the Caddyfile',
    code: caddySetHeaders(HEADER),
  },
];
