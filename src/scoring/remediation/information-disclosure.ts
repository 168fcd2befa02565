// Remediation for headers that name the server software or its version.

import type { CheckContext, Finding } from '../check';
import { findDisclosedHeaders } from '../parsers/software-headers';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Server';

export function remediateInformationDisclosure(
  finding: Finding<'information-disclosure'>,
  context: CheckContext,
): Remediation {
  const names = [...new Set(findDisclosedHeaders(context.headers).map((header) => header.name))];
  const removable = names.length > 0 ? names : ['Server', 'X-Powered-By'];

  return {
    summary: `Response headers name the server software${finding.outcome === 'versions' ? ' and its version' : ''}: ${finding.evidence}.`,
    why: 'A version number tells an attacker which published vulnerabilities apply without any probing. Hiding it does not fix those flaws, so keep the software patched too.',
    fixes: orderFixes(buildFixes(removable), context.stack),
    docs: DOCS,
  };
}

function buildFixes(names: readonly string[]): Fix[] {
  const others = names.filter((name) => name !== 'Server');
  const djangoNames = others.length > 0 ? others : ['X-Powered-By'];

  return [
    {
      stack: 'django',
      where: 'a middleware function listed in MIDDLEWARE',
      code: [
        '# Django itself sends none of these headers. Server comes from the web server or',
        '# proxy in front of Django (see the nginx or Apache fix). This drops the others',
        '# when your code or a package adds them.',
        'def drop_software_headers(get_response):',
        '    def middleware(request):',
        '        response = get_response(request)',
        `        for name in (${djangoNames.map((name) => `"${name}"`).join(', ')},):`,
        '            if name in response:',
        '                del response[name]',
        '        return response',
        '',
        '    return middleware',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: 'http { ... }',
      code: [
        '# Sends "Server: nginx" without the version.',
        'server_tokens off;',
        ...others.map((name) => `proxy_hide_header ${name};`),
        '# Removing Server entirely needs the headers-more module:',
        '# more_clear_headers Server;',
      ].join('\n'),
    },
    {
      stack: 'apache',
      where: 'main server configuration (ServerTokens is not allowed in a <VirtualHost>)',
      code: [
        '# Sends "Server: Apache" without the version and the modules.',
        'ServerTokens Prod',
        'ServerSignature Off',
        ...others.flatMap((name) => [`Header unset ${name}`, `Header always unset ${name}`]),
      ].join('\n'),
    },
    {
      stack: 'express',
      where: 'app.js',
      code: [
        '// Express sends X-Powered-By: Express unless it is disabled. helmet() removes it',
        '// too, unless its xPoweredBy option is false.',
        "app.disable('x-powered-by');",
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where: 'site block in the Caddyfile',
      code: names.map((name) => `header -${name}`).join('\n'),
    },
  ];
}
