// Remediation for the `https-redirect` check: redirect plain HTTP in one hop to HTTPS on
// the same host.

import type { CheckContext, Finding } from '../check';
import type { Fix, Remediation } from '../types';
import type { Outcome } from '../weights';
import { orderFixes } from './order';

const WHY_MISSING =
  'Users who type the address or follow an old http:// link stay on plain HTTP, where anyone on the network path can read and change the page and its cookies.';

const WHY: Partial<Record<Outcome<'https-redirect'>, string>> = {
  'other-host':
    'A first hop to another host means the browser never receives HSTS from this host over HTTPS, so it keeps asking for it over plain HTTP. The HSTS preload list also requires the first redirect to stay on the same host.',
  'via-http':
    'Every extra plain-HTTP hop can be intercepted and rewritten, so an attacker can keep the user on HTTP before the HTTPS hop ever happens.',
  'not-verified':
    'Without a redirect from plain HTTP, users who type the address stay on HTTP. Check it once with the probe turned on, or with a request for the http:// address.',
};

export function remediateHttpsRedirect(
  finding: Finding<'https-redirect'>,
  context: CheckContext,
): Remediation {
  const host = context.url?.hostname ?? 'example.com';

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py',
      code: [
        'SECURE_SSL_REDIRECT = True',
        '# Only when a proxy terminates TLS and sets X-Forwarded-Proto (strip it from clients):',
        '# SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: 'the server block that listens on port 80',
      code: [
        'server {',
        '    listen 80;',
        '    listen [::]:80;',
        `    server_name ${host};`,
        '    return 301 https://$host$request_uri;',
        '}',
      ].join('\n'),
    },
    {
      stack: 'apache',
      where: 'the virtual host that listens on port 80 (mod_alias)',
      code: [
        '<VirtualHost *:80>',
        `    ServerName ${host}`,
        `    Redirect permanent / https://${host}/`,
        '</VirtualHost>',
      ].join('\n'),
    },
    {
      stack: 'express',
      where: 'before the routes; helmet does not redirect, so a small middleware does',
      code: [
        '// Only behind a proxy that terminates TLS, so that req.secure reads X-Forwarded-Proto:',
        "// app.set('trust proxy', 1);",
        'app.use((req, res, next) => {',
        '  if (req.secure) {',
        '    return next();',
        '  }',
        '  res.redirect(301, `https://${req.hostname}${req.originalUrl}`);',
        '});',
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where: 'the Caddyfile; Caddy also redirects by itself for a site named by its domain',
      code: [`http://${host} {`, `\tredir https://${host}{uri} permanent`, '}'].join('\n'),
    },
  ];

  return {
    summary: summarize(finding),
    why: WHY[finding.outcome] ?? WHY_MISSING,
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/Redirections',
  };
}

function summarize(finding: Finding<'https-redirect'>): string {
  if (finding.outcome === 'not-verified') {
    return `The redirect from plain HTTP to HTTPS could not be verified: ${finding.evidence}.`;
  }
  // Evidence such as "... received status 200 without a redirect" already states that no
  // redirect came, so the summary keeps only the response it quotes.
  const withoutRedirect = / without a redirect( to HTTPS)?$/;
  if (withoutRedirect.test(finding.evidence)) {
    return `Plain HTTP is not redirected to HTTPS: ${finding.evidence.replace(withoutRedirect, '')}.`;
  }
  return `Plain HTTP is not redirected to HTTPS on the same host: ${finding.evidence}.`;
}
