// Remediation for the `https` check: serve the document over HTTPS.

import type { CheckContext, Finding } from '../check';
import type { Fix, Remediation } from '../types';
import { orderFixes, quote } from './order';

export function remediateHttps(finding: Finding<'https'>, context: CheckContext): Remediation {
  const host = context.url?.hostname ?? 'example.com';
  const certificate = `/etc/letsencrypt/live/${host}`;

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py, once the server in front of Django serves HTTPS',
      code: [
        'SECURE_SSL_REDIRECT = True',
        '# Only when a proxy terminates TLS and sets X-Forwarded-Proto (strip it from clients):',
        '# SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: `a new server block, with the certificate that certbot obtained for ${host}`,
      code: [
        'server {',
        '    listen 443 ssl;',
        '    listen [::]:443 ssl;',
        `    server_name ${host};`,
        `    ssl_certificate ${certificate}/fullchain.pem;`,
        `    ssl_certificate_key ${certificate}/privkey.pem;`,
        '}',
      ].join('\n'),
    },
    {
      stack: 'apache',
      where: `a new virtual host (mod_ssl), with the certificate that certbot obtained for ${host}`,
      code: [
        '<VirtualHost *:443>',
        `    ServerName ${host}`,
        '    SSLEngine on',
        `    SSLCertificateFile ${certificate}/fullchain.pem`,
        `    SSLCertificateKeyFile ${certificate}/privkey.pem`,
        '</VirtualHost>',
      ].join('\n'),
    },
    {
      stack: 'express',
      where: 'the server start-up, when Node terminates TLS itself',
      code: [
        "import fs from 'node:fs';",
        "import https from 'node:https';",
        '',
        'https',
        '  .createServer(',
        '    {',
        `      key: fs.readFileSync('${certificate}/privkey.pem'),`,
        `      cert: fs.readFileSync('${certificate}/fullchain.pem'),`,
        '    },',
        '    app,',
        '  )',
        '  .listen(443);',
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where:
        'the Caddyfile: Caddy obtains a certificate and serves HTTPS for a site named by its domain',
      code: [`${host} {`, '\treverse_proxy localhost:8000', '}'].join('\n'),
    },
  ];

  return {
    summary:
      context.url === null
        ? `The page was not served over HTTPS: ${finding.evidence}.`
        : `The page ${quote(context.url.href)} was served over ${context.url.protocol === 'http:' ? 'plain HTTP' : context.url.protocol}, not HTTPS.`,
    why: 'Over plain HTTP anyone on the network path can read and change the page, its cookies and its forms. Browsers also mark such pages "Not secure" and withhold features that need a secure context.',
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Glossary/HTTPS',
  };
}
