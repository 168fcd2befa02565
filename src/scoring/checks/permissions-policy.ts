/**
 * Permissions-Policy: whether the page restricts powerful browser features.
 *
 * Rule: the header is a structured-field dictionary (RFC 8941, Permissions Policy §5). Every
 * line is combined into one value first, and a value that does not parse makes Chromium
 * ignore the whole header. Members with an unknown feature name or allowlist entries other
 * than `*`, `self`, `src` and quoted origins are skipped one by one, so they are noted only.
 * The older `Feature-Policy` header is noted when it comes without a Permissions-Policy.
 *
 * Triggers: `Permissions-Policy: camera=(), geolocation=(self)` passes, and the
 * Feature-Policy syntax `Permissions-Policy: camera 'none'` is invalid.
 */

import type { Check, CheckContext, Finding } from '../check';
import {
  readPermissionsPolicy,
  type PermissionsPolicyFeature,
} from '../parsers/permissions-policy';
import { remediatePermissionsPolicy } from '../remediation/permissions-policy';
import { quote } from '../remediation/order';

export const check: Check<'permissions-policy'> = {
  id: 'permissions-policy',
  title: 'Permissions Policy',

  run(context) {
    const reading = readPermissionsPolicy(context.headers.all('permissions-policy'));
    const featurePolicy = context.headers.all('feature-policy');

    if (reading.state === 'missing') {
      const notes =
        featurePolicy.length > 0
          ? [
              `Feature-Policy ${quote(featurePolicy.join(', '))} is the header Permissions-Policy replaced; browsers that dropped it apply no policy.`,
            ]
          : [];
      return { outcome: 'missing', evidence: 'no Permissions-Policy header', notes };
    }

    if (reading.state === 'invalid') {
      return {
        outcome: 'invalid',
        evidence: `Permissions-Policy ${quote(reading.received)} is not a valid structured-field dictionary: ${reading.error}`,
      };
    }

    return {
      outcome: 'valid',
      evidence: describePolicy(reading.received, reading.features),
      notes: noteProblems(reading.features, featurePolicy.length > 0),
    };
  },

  remediate(_finding: Finding<'permissions-policy'>, context: CheckContext) {
    return remediatePermissionsPolicy(context);
  },
};

function describePolicy(received: string, features: readonly PermissionsPolicyFeature[]): string {
  const disabled = features.filter((feature) => feature.allowlist.length === 0).length;
  return `Permissions-Policy ${quote(received)}: ${features.length} features, ${disabled} disabled for every origin`;
}

function noteProblems(
  features: readonly PermissionsPolicyFeature[],
  hasFeaturePolicy: boolean,
): string[] {
  const notes: string[] = [];

  if (features.length === 0) {
    notes.push('The header declares no feature, so it restricts nothing.');
  }

  const unknown = features.filter((feature) => !feature.known).map((feature) => feature.name);
  if (unknown.length > 0) {
    notes.push(`Unknown features, which browsers skip: ${unknown.join(', ')}.`);
  }

  for (const feature of features) {
    if (feature.ignored.length > 0) {
      notes.push(
        `${feature.name}: browsers skip the allowlist entries ${feature.ignored.join(', ')}; use *, self or a quoted origin such as "https://example.com".`,
      );
    }
  }

  if (hasFeaturePolicy) {
    notes.push('Feature-Policy is also sent; browsers that support Permissions-Policy ignore it.');
  }
  return notes;
}
