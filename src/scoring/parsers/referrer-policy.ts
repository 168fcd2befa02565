// Referrer-Policy as browsers read it (Referrer Policy spec, "parse a referrer policy
// from a Referrer-Policy header").

export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;

export type ReferrerPolicyToken = (typeof REFERRER_POLICIES)[number];

export type ReferrerPolicy =
  | { state: 'missing' }
  /** `policy` is the last recognised token; `value` is the combined header as received. */
  | { state: 'recognised'; policy: ReferrerPolicyToken; value: string; unknownTokens: string[] }
  /** No token is a referrer policy, so the browser keeps its default. */
  | { state: 'invalid'; value: string; unknownTokens: string[] };

const KNOWN: ReadonlySet<string> = new Set(REFERRER_POLICIES);

/**
 * Parses Referrer-Policy lines. The values of every line are split on commas, and the last
 * token that is a referrer policy wins, so unknown and empty tokens are skipped. Tokens
 * compare ASCII case-insensitively, as in Chromium's `SecurityPolicy::ReferrerPolicyFromString`.
 */
export function parseReferrerPolicy(lines: readonly string[]): ReferrerPolicy {
  if (lines.length === 0) {
    return { state: 'missing' };
  }
  const value = lines.join(', ');
  let policy: ReferrerPolicyToken | null = null;
  const unknownTokens: string[] = [];

  for (const rawToken of value.split(',')) {
    const token = rawToken.trim().toLowerCase();
    if (KNOWN.has(token)) {
      policy = token as ReferrerPolicyToken;
    } else if (token !== '') {
      unknownTokens.push(rawToken.trim());
    }
  }

  if (policy === null) {
    return { state: 'invalid', value, unknownTokens };
  }
  return { state: 'recognised', policy, value, unknownTokens };
}

/**
 * Reports whether a skipped token contains a character other than an ASCII letter or a hyphen.
 * Blink's document parser (`SecurityPolicy::ReferrerPolicyFromHeaderValue`) ignores the whole
 * header in that case, where the spec only skips the token.
 */
export function hasNonTokenCharacters(token: string): boolean {
  return !/^[A-Za-z-]*$/.test(token);
}
