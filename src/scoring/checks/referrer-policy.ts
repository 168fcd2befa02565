/**
 * Referrer-Policy: how much of the page URL browsers send to other sites in `Referer`.
 *
 * Rule: Referrer Policy spec, "parse a referrer policy from a Referrer-Policy header": the
 * values of every header line are split on commas and
 * the last recognised token wins; unknown tokens are skipped. Without a policy, current
 * browsers default to `strict-origin-when-cross-origin`.
 *
 * Triggers: `Referrer-Policy: same-origin` passes; `Referrer-Policy: unsafe-url` is leaky;
 * `Referrer-Policy: never` (a legacy `<meta>` keyword) is invalid in a header.
 */

import type { Check, Finding } from '../check';
import {
  hasNonTokenCharacters,
  parseReferrerPolicy,
  type ReferrerPolicyToken,
} from '../parsers/referrer-policy';
import { quote } from '../remediation/order';
import { remediateReferrerPolicy } from '../remediation/referrer-policy';

/** Policies that never send a cross-site page's path or query, nor anything over a downgrade. */
export const STRICT_POLICIES: ReadonlySet<ReferrerPolicyToken> = new Set([
  'no-referrer',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
]);

export const check: Check<'referrer-policy'> = {
  id: 'referrer-policy',
  title: 'Referrer-Policy',

  run(context): Finding<'referrer-policy'> {
    const result = parseReferrerPolicy(context.headers.all('referrer-policy'));

    if (result.state === 'missing') {
      return {
        outcome: 'missing',
        evidence:
          'no Referrer-Policy header: browsers default to strict-origin-when-cross-origin, ' +
          'which sends other sites only the origin',
      };
    }

    const notes = unknownTokenNotes(result.unknownTokens);
    if (result.state === 'invalid') {
      return {
        outcome: 'invalid',
        evidence: `Referrer-Policy: ${quote(result.value)} contains no referrer policy that browsers recognise`,
        notes,
      };
    }

    const strict = STRICT_POLICIES.has(result.policy);
    const applied =
      result.value.trim().toLowerCase() === result.policy ? '' : ` (${result.policy} applies)`;
    return {
      outcome: strict ? 'strict' : 'leaky',
      evidence: strict
        ? `Referrer-Policy: ${quote(result.value)}${applied}`
        : `Referrer-Policy: ${quote(result.value)}${applied} sends ${LEAKS[result.policy] ?? 'the full URL'}`,
      notes,
    };
  },

  remediate(finding, context) {
    return remediateReferrerPolicy(finding, context);
  },
};

const LEAKS: Partial<Record<ReferrerPolicyToken, string>> = {
  'unsafe-url': 'the full URL, path and query included, to every site, even over plain HTTP',
  'no-referrer-when-downgrade': 'the full URL, path and query included, to every HTTPS site',
  origin: 'the origin to every site, even from HTTPS to plain HTTP',
  'origin-when-cross-origin': 'the origin to other sites even from HTTPS to plain HTTP',
};

function unknownTokenNotes(tokens: readonly string[]): string[] {
  if (tokens.length === 0) {
    return [];
  }
  const shown = tokens.slice(0, 5).map((token) => quote(token, 60));
  const more = tokens.length > shown.length ? ` and ${tokens.length - shown.length} more` : '';
  const notes = [`browsers skip the unknown tokens ${shown.join(', ')}${more}`];
  if (tokens.some(hasNonTokenCharacters)) {
    notes.push(
      'an unknown token contains a character other than a letter or a hyphen: Chromium then ignores the whole header and keeps its default policy',
    );
  }
  return notes;
}
