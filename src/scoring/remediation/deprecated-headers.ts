// Remediation for security headers that browsers no longer implement.

import type { CheckContext, Finding } from '../check';
import { findDeprecatedHeaders } from '../parsers/deprecated-headers';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-XSS-Protection';

export function remediateDeprecatedHeaders(
  finding: Finding<'deprecated-headers'>,
  context: CheckContext,
): Remediation {
  const found = findDeprecatedHeaders(context.headers);
  const xss = found.some((header) => header.name === 'X-XSS-Protection');
  const obsolete = [
    ...new Set(
      found.filter((header) => header.name !== 'X-XSS-Protection').map((header) => header.name),
    ),
  ];

  return {
    summary: `The page sends deprecated security headers: ${finding.evidence}.`,
    why:
      finding.outcome === 'harmful'
        ? 'The XSS filter that X-XSS-Protection: 1 turns on in older browsers can be abused to leak data from the page or disable its scripts, so the recommended value is 0.'
        : 'Current browsers ignore these headers, so they protect nothing and only suggest a protection the page does not have.',
    fixes: orderFixes(buildFixes(xss, obsolete), context.stack),
    docs: DOCS,
  };
}

function buildFixes(xss: boolean, obsolete: readonly string[]): Fix[] {
  const removed = obsolete.length > 0 ? obsolete : ['Expect-CT'];

  const django = [
    '# Django 4.0 removed SECURE_BROWSER_XSS_FILTER: delete it from older settings.',
    '# This middleware sends X-XSS-Protection: 0 and drops the obsolete headers.',
    'def drop_deprecated_headers(get_response):',
    '    def middleware(request):',
    '        response = get_response(request)',
    '        response.headers["X-XSS-Protection"] = "0"',
    `        for name in (${removed.map((name) => `"${name}"`).join(', ')},):`,
    '            if name in response:',
    '                del response[name]',
    '        return response',
    '',
    '    return middleware',
  ];

  const nginx = [
    ...(xss
      ? [
          '# Remove any other add_header X-XSS-Protection line, then send 0.',
          'add_header X-XSS-Protection "0" always;',
        ]
      : []),
    '# Delete the add_header lines of the obsolete headers; for headers an upstream sends:',
    ...removed.map((name) => `proxy_hide_header ${name};`),
  ];

  const apache = [
    ...(xss ? ['Header always set X-XSS-Protection "0"'] : []),
    ...removed.flatMap((name) => [`Header unset ${name}`, `Header always unset ${name}`]),
  ];

  const express = [
    "import helmet from 'helmet';",
    '',
    '// helmet() sends X-XSS-Protection: 0 (option xXssProtection), and current helmet',
    '// releases send no Expect-CT. Remove your own res.setHeader calls for the others.',
    'app.use(helmet());',
  ];

  const caddy = [
    ...(xss ? ['header X-XSS-Protection "0"'] : []),
    ...removed.map((name) => `header -${name}`),
  ];

  return [
    {
      stack: 'django',
      where: 'a middleware function listed in MIDDLEWARE',
      code: django.join('\n'),
    },
    { stack: 'nginx', where: 'server { ... }', code: nginx.join('\n') },
    { stack: 'apache', where: '<VirtualHost> or .htaccess (mod_headers)', code: apache.join('\n') },
    { stack: 'express', where: 'app.js', code: express.join('\n') },
    { stack: 'caddy', where: 'site block in the Caddyfile', code: caddy.join('\n') },
  ];
}
