/**
 * Deprecated headers: security headers that current browsers no longer implement.
 *
 * Rules: `X-XSS-Protection` with filtering on (`1`, `1; mode=block`) is harmful, because the
 * XSS filters it turned on could be abused to leak data from a page or to disable its
 * scripts. Chrome removed its filter in version 78, OWASP recommends `0`, and helmet sends it.
 * Expect-CT (removed in Chrome 107), Public-Key-Pins (removed in Chrome 72), Feature-Policy
 * (replaced by Permissions-Policy) and the prefixed CSP headers are obsolete. `X-XSS-Protection: 0`
 * is the recommended value and no finding.
 *
 * Triggers: `X-XSS-Protection: 1; mode=block` warns.
 */

import type { Check, CheckContext, Finding } from '../check';
import { findDeprecatedHeaders } from '../parsers/deprecated-headers';
import { remediateDeprecatedHeaders } from '../remediation/deprecated-headers';
import { quote } from '../remediation/order';

export const check: Check<'deprecated-headers'> = {
  id: 'deprecated-headers',
  title: 'Deprecated headers',

  run(context) {
    const found = findDeprecatedHeaders(context.headers);
    if (found.length === 0) {
      return { outcome: 'none', evidence: 'no deprecated security header' };
    }

    const evidence = found
      .map((header) => `${header.name}: ${quote(header.value)} (${header.reason})`)
      .join('; ');
    return { outcome: found.some((header) => header.harmful) ? 'harmful' : 'obsolete', evidence };
  },

  remediate(finding: Finding<'deprecated-headers'>, context: CheckContext) {
    return remediateDeprecatedHeaders(finding, context);
  },
};
