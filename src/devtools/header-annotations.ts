// The mapping from response header lines to the checks that read them, so the panel can mark
// each received line with the verdict it led to.

import { classifyCookieName } from '../scoring/cookie-names';
import { OBSOLETE_HEADERS } from '../scoring/parsers/deprecated-headers';
import { DISCLOSING_HEADERS } from '../scoring/parsers/software-headers';
import { parseSetCookie } from '../scoring/parsers/set-cookie';
import type { CheckId, GradeOptions } from '../scoring/types';

const CHECKS_OF_HEADER: Readonly<Record<string, readonly CheckId[]>> = {
  'strict-transport-security': ['hsts'],
  'x-frame-options': ['frame-options'],
  // A policy's `frame-ancestors` directive decides framing as well.
  'content-security-policy': ['csp', 'frame-options', 'mixed-content'],
  'content-security-policy-report-only': ['csp'],
  'x-content-type-options': ['content-type-options'],
  'referrer-policy': ['referrer-policy'],
  'cross-origin-opener-policy': ['cross-origin-isolation'],
  'cross-origin-embedder-policy': ['cross-origin-isolation'],
  'cross-origin-resource-policy': ['cross-origin-isolation'],
  'permissions-policy': ['permissions-policy'],
  'access-control-allow-origin': ['cors'],
  'access-control-allow-credentials': ['cors'],
  'x-xss-protection': ['deprecated-headers'],
  location: ['https-redirect'],
};

/**
 * Returns the checks that read a header line. A `Set-Cookie` line affects the session-cookie,
 * CSRF-cookie or other-cookie check, by the cookie's name.
 */
export function checksOfHeader(name: string, value: string, options: GradeOptions): CheckId[] {
  const lowerName = name.trim().toLowerCase();
  if (lowerName === 'set-cookie') {
    const kind = classifyCookieName(parseSetCookie(value).name, options);
    if (kind === 'session') {
      return ['session-cookie'];
    }
    return kind === 'csrf' ? ['csrf-cookie'] : ['cookies'];
  }
  const checks = [...(CHECKS_OF_HEADER[lowerName] ?? [])];
  if (DISCLOSING_HEADERS.has(lowerName)) {
    checks.push('information-disclosure');
  }
  if (OBSOLETE_HEADERS.has(lowerName)) {
    checks.push('deprecated-headers');
  }
  return checks;
}
