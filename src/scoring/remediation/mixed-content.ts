// Remediation for subresources an HTTPS page requests over plain HTTP.

import type { CheckContext, Finding } from '../check';
import type { Fix, Remediation } from '../types';
import { orderFixes } from './order';

const DOCS = 'https://developer.mozilla.org/en-US/docs/Web/Security/Defenses/Mixed_content';

const UPGRADE_POLICY = 'upgrade-insecure-requests';

export function remediateMixedContent(
  finding: Finding<'mixed-content'>,
  context: CheckContext,
): Remediation {
  const active = finding.outcome === 'active-mixed';
  return {
    summary: `The HTTPS page requests subresources over plain HTTP: ${finding.evidence}.`,
    why: active
      ? 'Browsers block scripts, stylesheets, frames and fetches over plain HTTP on an HTTPS page, so those parts of the page do not work, and a network attacker could have replaced them in older browsers.'
      : 'Browsers request these images and media over HTTPS instead, and they fail to load where the server has no HTTPS. Over plain HTTP a network attacker could replace or watch them.',
    fixes: orderFixes(buildFixes(), context.stack),
    docs: DOCS,
  };
}

function buildFixes(): Fix[] {
  const comment = [
    'Change the http:// URLs of these resources to https://. Until then, a policy of',
    `only ${UPGRADE_POLICY} makes browsers fetch them over HTTPS. Browsers enforce every`,
    'Content-Security-Policy header, so adding this one leaves an existing policy intact.',
  ];
  const hashComment = comment.map((line) => `# ${line}`);
  const slashComment = comment.map((line) => `// ${line}`);

  return [
    {
      stack: 'django',
      where: 'a middleware function listed in MIDDLEWARE',
      code: [
        ...hashComment,
        '# Django keeps one value per header, so this sets the policy only where none is set.',
        'def upgrade_insecure_requests(get_response):',
        '    def middleware(request):',
        '        response = get_response(request)',
        `        response.setdefault("Content-Security-Policy", "${UPGRADE_POLICY}")`,
        '        return response',
        '',
        '    return middleware',
      ].join('\n'),
    },
    {
      stack: 'nginx',
      where: 'server { ... }',
      code: [...hashComment, `add_header Content-Security-Policy "${UPGRADE_POLICY}" always;`].join(
        '\n',
      ),
    },
    {
      stack: 'apache',
      where: '<VirtualHost> or .htaccess (mod_headers)',
      code: [...hashComment, `Header always add Content-Security-Policy "${UPGRADE_POLICY}"`].join(
        '\n',
      ),
    },
    {
      stack: 'express',
      where: 'app.js, before the routes',
      code: [
        ...slashComment,
        'app.use((req, res, next) => {',
        `  res.append('Content-Security-Policy', '${UPGRADE_POLICY}');`,
        '  next();',
        '});',
      ].join('\n'),
    },
    {
      stack: 'caddy',
      where: 'site block in the Caddyfile',
      code: [...hashComment, `header +Content-Security-Policy "${UPGRADE_POLICY}"`].join('\n'),
    },
  ];
}
