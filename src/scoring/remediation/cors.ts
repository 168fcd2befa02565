// Remediation for CORS headers that let other origins read the page.

import type { CheckContext, Finding } from '../check';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS';

/** Placeholder for the front end that needs to read the page. Each fix marks it for replacement. */
const EXAMPLE_ORIGIN = 'https://app.example.com';

export function remediateCors(finding: Finding<'cors'>, context: CheckContext): Remediation {
  return {
    summary: summarize(finding),
    why: whyItMatters(finding),
    fixes: orderFixes(buildFixes(), context.stack),
    docs: DOCS,
  };
}

function summarize(finding: Finding<'cors'>): string {
  switch (finding.outcome) {
    case 'reflected-credentials':
      return `The server echoes the request's origin into Access-Control-Allow-Origin and allows credentials (${finding.evidence}).`;
    case 'null-credentials':
      return `The page allows the origin null with credentials (${finding.evidence}).`;
    case 'wildcard-credentials':
      return `The page combines Access-Control-Allow-Origin "*" with credentials (${finding.evidence}), which browsers refuse.`;
    default:
      return `The page lets another origin read it (${finding.evidence}). Check that this is intended.`;
  }
}

function whyItMatters(finding: Finding<'cors'>): string {
  switch (finding.outcome) {
    case 'reflected-credentials':
    case 'null-credentials':
      return "Any website the user visits can then read this page with the user's cookies, including personal data and CSRF tokens, which defeats the same-origin policy.";
    case 'wildcard-credentials':
      return 'Browsers refuse credentialed reads when the allowed origin is "*", so the front end that needs them is broken, and a common wrong fix is to echo every origin instead.';
    default:
      return 'Every origin listed in Access-Control-Allow-Origin can read the page from JavaScript, so each one must be trusted as much as the site itself.';
  }
}

function buildFixes(): Fix[] {
  return [
    {
      stack: 'django',
      where: 'settings.py (django-cors-headers)',
      code: [
        '# CORS_ALLOW_ALL_ORIGINS = True together with CORS_ALLOW_CREDENTIALS = True',
        '# echoes every origin. List the origins that need credentialed reads instead.',
        'CORS_ALLOW_ALL_ORIGINS = False',
        'CORS_ALLOWED_ORIGINS = [',
        `    "${EXAMPLE_ORIGIN}",  # replace with your front end's origin`,
        ']',
        'CORS_ALLOW_CREDENTIALS = True',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: 'http { ... } for the map, server { ... } for the headers',
      code: [
        '# Only listed origins get a value; nginx skips add_header when the value is empty.',
        'map $http_origin $cors_allowed_origin {',
        '    default "";',
        `    "${EXAMPLE_ORIGIN}" $http_origin;  # replace with your front end's origin`,
        '}',
        '',
        'add_header Access-Control-Allow-Origin $cors_allowed_origin always;',
        'add_header Access-Control-Allow-Credentials "true" always;',
        'add_header Vary Origin always;',
      ].join('\n'),
    },
    {
      stack: 'apache',
      where: '<VirtualHost> (mod_setenvif and mod_headers)',
      code: [
        "# Replace the origin in the pattern with your front end's origin.",
        `SetEnvIf Origin "^(${EXAMPLE_ORIGIN.replaceAll('.', '\\.')})$" CORS_ALLOWED_ORIGIN=$1`,
        'Header always set Access-Control-Allow-Origin "%{CORS_ALLOWED_ORIGIN}e" env=CORS_ALLOWED_ORIGIN',
        'Header always set Access-Control-Allow-Credentials "true" env=CORS_ALLOWED_ORIGIN',
        'Header always merge Vary Origin',
      ].join('\n'),
    },
    {
      stack: 'express',
      where: 'app.js (the cors package)',
      code: [
        "import cors from 'cors';",
        '',
        "// `origin: true` echoes every request origin. List your front end's origin instead.",
        `app.use(cors({ origin: ['${EXAMPLE_ORIGIN}'], credentials: true }));`,
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where: 'site block in the Caddyfile',
      code: [
        "# Replace the origin with your front end's origin.",
        `@corsAllowed header Origin ${EXAMPLE_ORIGIN}`,
        'header @corsAllowed {',
        '\tAccess-Control-Allow-Origin "{http.request.header.Origin}"',
        '\tAccess-Control-Allow-Credentials "true"',
        '\tVary Origin',
        '}',
      ].join('\n'),
    },
  ];
}
