// Remediation for a missing or unparsable Permissions-Policy.

import type { CheckContext } from '../check';
import { readPermissionsPolicy } from '../parsers/permissions-policy';
import type { Fix, Remediation } from '../types';
import { apacheSetHeaders, caddySetHeaders, nginxSetHeaders } from './header-snippets';
import { orderFixes, quote } from './order';

const DOCS =
  'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Permissions-Policy';

/** A starting policy that turns off the features most pages never use. */
const SUGGESTED_FEATURES = ['camera', 'geolocation', 'microphone', 'payment', 'usb'];
const SUGGESTED_POLICY = SUGGESTED_FEATURES.map((feature) => `${feature}=()`).join(', ');

export function remediatePermissionsPolicy(context: CheckContext): Remediation {
  return {
    summary: summarize(context),
    why: 'Permissions-Policy turns off browser features such as the camera, microphone and geolocation for the page and the frames it embeds, so injected or third-party code cannot use them. Browsers ignore a header that does not parse, so the page then has no policy at all.',
    fixes: orderFixes(buildFixes(), context.stack),
    docs: DOCS,
  };
}

function summarize(context: CheckContext): string {
  const reading = readPermissionsPolicy(context.headers.all('permissions-policy'));

  if (reading.state === 'invalid') {
    const featurePolicySyntax = /'(none|self|src)'|\s\*(\s|$)/.test(reading.received)
      ? " It uses the Feature-Policy syntax (`camera 'none'`); Permissions-Policy is written `camera=()`."
      : '';
    return `Browsers ignore Permissions-Policy ${quote(reading.received)} because it is not a valid structured-field dictionary (${reading.error}).${featurePolicySyntax}`;
  }

  const featurePolicy = context.headers.all('feature-policy');
  if (featurePolicy.length > 0) {
    return `The page sends only the old Feature-Policy header ${quote(featurePolicy.join(', '))} and no Permissions-Policy.`;
  }
  return 'The page sends no Permissions-Policy header.';
}

function buildFixes(): Fix[] {
  const header = [['Permissions-Policy', SUGGESTED_POLICY]] as const;
  const djangoSettings = SUGGESTED_FEATURES.map((feature) => `    "${feature}": [],`).join('\n');

  return [
    {
      stack: 'django',
      where: 'settings.py',
      code: [
        '# Uses the django-permissions-policy package: pip install django-permissions-policy',
        'MIDDLEWARE.insert(',
        '    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,',
        '    "django_permissions_policy.PermissionsPolicyMiddleware",',
        ')',
        'PERMISSIONS_POLICY = {',
        djangoSettings,
        '}',
      ].join('\n'),
    },
    { stack: 'nginx', where: 'server { ... }', code: nginxSetHeaders(header) },
    {
      stack: 'apache',
      where: '<VirtualHost> or .htaccess (mod_headers)',
      code: apacheSetHeaders(header),
    },
    {
      stack: 'express',
      where: 'app.js, before the routes',
      code: [
        'app.use((req, res, next) => {',
        `  res.setHeader('Permissions-Policy', '${SUGGESTED_POLICY}');`,
        '  next();',
        '});',
      ].join('\n'),
    },
    { stack: 'caddy', where: 'site block in the Caddyfile', code: caddySetHeaders(header) },
  ];
}
