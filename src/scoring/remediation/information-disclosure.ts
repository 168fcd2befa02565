// Remediation for headers that name the server software or its version.

import type { CheckContext, Finding } from '../check';
import { findDisclosedHeaders } from '../parsers/software-headers';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Server';

/**
 * The `Server` value of Django's development server, such as `WSGIServer/0.2 CPython/3.11.2`:
 * `manage.py runserver` serves with Python's `wsgiref.simple_server`, which sends it.
 */
const DJANGO_DEVELOPMENT_SERVER = /^\s*WSGIServer\//i;

export function remediateInformationDisclosure(
  finding: Finding<'information-disclosure'>,
  context: CheckContext,
): Remediation {
  const names = [...new Set(findDisclosedHeaders(context.headers).map((header) => header.name))];
  const removable = names.length > 0 ? names : ['Server', 'X-Powered-By'];
  const developmentServer = context.headers
    .all('server')
    .some((value) => DJANGO_DEVELOPMENT_SERVER.test(value));
  const runserverNote = developmentServer
    ? " WSGIServer is Django's development server (manage.py runserver), which is not made to serve production traffic."
    : '';

  return {
    summary: `Response headers name the server software${finding.outcome === 'versions' ? ' and its version' : ''}: ${finding.evidence}.${runserverNote}`,
    why: 'A version number tells an attacker which published vulnerabilities apply without any probing. Hiding it does not fix those flaws, so keep the software patched too.',
    fixes: orderFixes(buildFixes(removable, developmentServer), context.stack),
    docs: DOCS,
  };
}

function buildFixes(names: readonly string[], developmentServer: boolean): Fix[] {
  const others = names.filter((name) => name !== 'Server');

  return [
    developmentServer ? djangoProductionServerFix(others) : djangoMiddlewareFix(others),
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

function djangoMiddlewareFix(others: readonly string[]): Fix {
  return {
    stack: 'django',
    where: 'a middleware function listed in MIDDLEWARE',
    code: [
      '# Django itself sends none of these headers. Server comes from the web server or',
      '# proxy in front of Django (see the nginx or Apache fix). This drops the others',
      '# when your code or a package adds them.',
      ...dropHeadersMiddleware(others.length > 0 ? others : ['X-Powered-By']),
    ].join('\n'),
  };
}

/**
 * Replaces Django's development server. Django's documentation of `runserver` warns not to
 * use it in production: it has not gone through security audits or performance tests.
 */
function djangoProductionServerFix(others: readonly string[]): Fix {
  const code = [
    '# WSGIServer is manage.py runserver, which Django says not to use in production.',
    '# Serve the project with a WSGI server such as gunicorn or uWSGI, on the loopback',
    '# address, behind nginx or Apache configured to hide their version (see their fix):',
    'pip install gunicorn',
    'gunicorn --bind 127.0.0.1:8000 mysite.wsgi  # mysite: the package of settings.py',
  ];
  if (others.length > 0) {
    code.push(
      '',
      '# Then drop the other headers in a middleware function listed in MIDDLEWARE:',
      ...dropHeadersMiddleware(others),
    );
  }
  return {
    stack: 'django',
    where: 'the command that starts the application in production, in place of runserver',
    code: code.join('\n'),
  };
}

function dropHeadersMiddleware(names: readonly string[]): string[] {
  return [
    'def drop_software_headers(get_response):',
    '    def middleware(request):',
    '        response = get_response(request)',
    `        for name in (${names.map((name) => `"${name}"`).join(', ')},):`,
    '            if name in response:',
    '                del response[name]',
    '        return response',
    '',
    '    return middleware',
  ];
}
