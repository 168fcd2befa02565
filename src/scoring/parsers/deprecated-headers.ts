// Security headers that browsers no longer implement, and which of them are harmful.

import type { HeaderList } from '../headers';

/** Obsolete headers and the reason browsers ignore each, keyed by lowercase name. */
export const OBSOLETE_HEADERS: ReadonlyMap<string, { name: string; reason: string }> = new Map([
  [
    'expect-ct',
    { name: 'Expect-CT', reason: 'browsers enforce Certificate Transparency without it' },
  ],
  ['public-key-pins', { name: 'Public-Key-Pins', reason: 'browsers removed key pinning' }],
  [
    'public-key-pins-report-only',
    { name: 'Public-Key-Pins-Report-Only', reason: 'browsers removed key pinning' },
  ],
  ['feature-policy', { name: 'Feature-Policy', reason: 'Permissions-Policy replaced it' }],
  [
    'x-content-security-policy',
    {
      name: 'X-Content-Security-Policy',
      reason: 'browsers read the unprefixed Content-Security-Policy',
    },
  ],
  [
    'x-webkit-csp',
    { name: 'X-WebKit-CSP', reason: 'browsers read the unprefixed Content-Security-Policy' },
  ],
]);

export interface DeprecatedHeader {
  name: string;
  value: string;
  harmful: boolean;
  reason: string;
}

export function findDeprecatedHeaders(headers: HeaderList): DeprecatedHeader[] {
  const found: DeprecatedHeader[] = [];
  for (const [lineName, value] of headers.lines) {
    if (lineName === 'x-xss-protection') {
      const xss = readXssProtection(value);
      if (xss !== undefined) {
        found.push(xss);
      }
      continue;
    }

    const obsolete = OBSOLETE_HEADERS.get(lineName);
    if (obsolete !== undefined) {
      found.push({
        name: obsolete.name,
        value: value.trim(),
        harmful: false,
        reason: obsolete.reason,
      });
    }
  }
  return found;
}

/** Reads X-XSS-Protection the way the removed filters did: the first `;`-separated token. */
function readXssProtection(value: string): DeprecatedHeader | undefined {
  const mode = (value.split(';')[0] ?? '').trim();
  const name = 'X-XSS-Protection';
  if (mode === '0') {
    return undefined;
  }
  if (mode === '1') {
    return {
      name,
      value: value.trim(),
      harmful: true,
      reason: 'turns on a legacy XSS filter that attackers can abuse to leak data; send 0',
    };
  }
  return {
    name,
    value: value.trim(),
    harmful: false,
    reason: 'not a valid value, and current browsers ignore the header',
  };
}
