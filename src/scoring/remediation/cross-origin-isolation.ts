// Remediation for missing, weak or invalid cross-origin policies of a page.

import type { CheckContext } from '../check';
import {
  readCrossOriginPolicies,
  receivedPolicies,
  type PolicyReading,
} from '../parsers/cross-origin-policies';
import type { Fix, Remediation } from '../types';
import {
  apacheSetHeaders,
  caddySetHeaders,
  djangoSetHeadersMiddleware,
  nginxSetHeaders,
  type HeaderLine,
} from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS =
  'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Cross-Origin-Opener-Policy';

/** The value each header should carry once fixed. COEP is only set again when it was sent. */
const TARGET_VALUES: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function remediateCrossOriginIsolation(context: CheckContext): Remediation {
  const policies = readCrossOriginPolicies(context.headers);
  const invalid = receivedPolicies(policies).filter((reading) => reading.problem !== undefined);
  const coop = policies.coop;

  const headers: HeaderLine[] = [['Cross-Origin-Opener-Policy', 'same-origin']];
  for (const reading of invalid) {
    if (reading.header !== 'Cross-Origin-Opener-Policy') {
      headers.push([reading.header, TARGET_VALUES[reading.header] ?? 'same-origin']);
    }
  }

  return {
    summary: summarize(invalid, coop),
    why: 'Without COOP same-origin, any site that opens this page in a popup keeps a reference to its window and can probe it for cross-site leaks. A header value that browsers cannot parse protects nothing, although the configuration looks hardened.',
    fixes: orderFixes(buildFixes(headers), context.stack),
    docs: DOCS,
  };
}

function summarize(invalid: readonly PolicyReading[], coop: PolicyReading | undefined): string {
  if (invalid.length > 0) {
    const parts = invalid.map(
      (reading) => `${reading.header} ${quote(reading.received)} ${reading.problem ?? ''}`,
    );
    return `Browsers ignore ${parts.join('; ')}.`;
  }
  if (coop !== undefined) {
    return `Cross-Origin-Opener-Policy is ${quote(coop.received)}, which leaves this page in the same browsing context group as the sites that open it.`;
  }
  return 'The page sends no Cross-Origin-Opener-Policy header.';
}

function buildFixes(headers: readonly HeaderLine[]): Fix[] {
  const middlewareHeaders = headers.filter(([name]) => name !== 'Cross-Origin-Opener-Policy');
  const djangoCode = [
    '# Django 4.0 or later: SecurityMiddleware sends this header.',
    'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"',
  ];
  if (middlewareHeaders.length > 0) {
    djangoCode.push(
      '',
      '# Django has no setting for these headers. Put this function in a module of your',
      '# project and add its dotted path to MIDDLEWARE, after SecurityMiddleware.',
      djangoSetHeadersMiddleware('cross_origin_policies', middlewareHeaders),
    );
  }

  return [
    { stack: 'django', where: 'settings.py', code: djangoCode.join('\n') },
    { stack: 'nginx', where: 'server { ... }', code: nginxSetHeaders(headers) },
    {
      stack: 'apache',
      where: '<VirtualHost> or .htaccess (mod_headers)',
      code: apacheSetHeaders(headers),
    },
    { stack: 'express', where: 'app.js', code: helmetCode(headers) },
    { stack: 'caddy', where: 'site block in the Caddyfile', code: caddySetHeaders(headers) },
  ];
}

function helmetCode(headers: readonly HeaderLine[]): string {
  const optionNames: Readonly<Record<string, string>> = {
    'Cross-Origin-Opener-Policy': 'crossOriginOpenerPolicy',
    'Cross-Origin-Embedder-Policy': 'crossOriginEmbedderPolicy',
    'Cross-Origin-Resource-Policy': 'crossOriginResourcePolicy',
  };
  const options = headers
    .map(([name, value]) => `    ${optionNames[name] ?? name}: { policy: '${value}' },`)
    .join('\n');
  return [
    "import helmet from 'helmet';",
    '',
    'app.use(',
    '  helmet({',
    options,
    '  }),',
    ');',
  ].join('\n');
}
