// Remediation for the `hsts` check: send one Strict-Transport-Security header with
// max-age of at least one year and includeSubDomains.

import type { CheckContext, Finding } from '../check';
import type { Fix, Remediation } from '../types';
import type { Outcome } from '../weights';
import { orderFixes, quote } from './order';

const POLICY = 'max-age=31536000; includeSubDomains';

const WHY_MISSING =
  'Without HSTS a browser will still try plain HTTP for this site, so an attacker on the network can strip HTTPS from the first request and every typed or old http:// link.';

const WHY: Partial<Record<Outcome<'hsts'>, string>> = {
  invalid:
    'Browsers ignore a Strict-Transport-Security header that breaks the grammar, so the site has no HSTS at all despite sending one.',
  'max-age-zero':
    'max-age=0 tells browsers to delete the stored policy, so every visit may start over plain HTTP again.',
  short:
    'A short max-age lets the policy lapse between visits, and the HSTS preload list and the review both ask for at least one year.',
  'one-year':
    'Without includeSubDomains an attacker can use a plain-HTTP subdomain to set or read cookies scoped to the parent domain.',
};

export function remediateHsts(finding: Finding<'hsts'>, context: CheckContext): Remediation {
  const received = context.headers.all('strict-transport-security');
  const duplicated =
    received.length > 1
      ? ` ${received.length} header lines were received: set the header in one place only, in the application or in the server, not both.`
      : '';

  const fixes: Fix[] = [
    {
      stack: 'django',
      where: 'settings.py; Django sends the header only on responses it sees as HTTPS',
      code: [
        'SECURE_HSTS_SECONDS = 31536000',
        'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
        '# Only after every subdomain serves HTTPS, to apply for the preload list:',
        '# SECURE_HSTS_PRELOAD = True',
        '# Only when a proxy terminates TLS and sets X-Forwarded-Proto (strip it from clients):',
        '# SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: 'the server block that serves HTTPS; "always" adds it to error responses too',
      code: `add_header Strict-Transport-Security "${POLICY}" always;`,
    },
    {
      stack: 'apache',
      where: 'the HTTPS virtual host (mod_headers)',
      code: `Header always set Strict-Transport-Security "${POLICY}"`,
    },
    {
      stack: 'express',
      where: 'the application set-up, before the routes',
      code: [
        "import helmet from 'helmet';",
        '',
        'app.use(helmet({ strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true } }));',
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where: 'the site block in the Caddyfile',
      code: `header Strict-Transport-Security "${POLICY}"`,
    },
  ];

  const value = received[0];
  const problem =
    value === undefined
      ? 'No Strict-Transport-Security header was received over HTTPS.'
      : describeShortfall(`Strict-Transport-Security ${quote(value)}`, finding.evidence);

  return {
    summary: `${problem}${duplicated}`,
    why: WHY[finding.outcome] ?? WHY_MISSING,
    fixes: orderFixes(fixes, context.stack),
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Strict-Transport-Security',
  };
}

/**
 * States what falls short in a received header. The check's evidence often starts with the
 * same quoted header, so that part is quoted only once.
 */
function describeShortfall(header: string, evidence: string): string {
  if (evidence.startsWith(`${header}: `)) {
    return `${header} falls short: ${evidence.slice(header.length + 2)}.`;
  }
  if (evidence.startsWith(`${header} `)) {
    return `${evidence}.`;
  }
  return `${header} falls short: ${evidence}.`;
}
