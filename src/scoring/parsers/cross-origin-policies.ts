// Cross-Origin-Opener-Policy, Cross-Origin-Embedder-Policy and Cross-Origin-Resource-Policy
// read the way browsers read them.
//
// COOP and COEP are structured-field items whose value must be a known token, with an
// optional `report-to` parameter (HTML Standard, "obtain a cross-origin opener policy" and
// "obtain an embedder policy"). Repeated lines are combined with a comma first, so two lines
// never parse as one item, and anything else, a quoted string included, leaves the default
// `unsafe-none`. CORP is not a structured field: Fetch and Chromium compare the whole value
// byte for byte with `same-origin`, `same-site` or `cross-origin` and ignore any other value.

import type { HeaderList } from '../headers';
import { combineFieldLines, parseStructuredItem, tokenText } from './structured-fields';

export const COOP_VALUES = [
  'same-origin',
  'same-origin-allow-popups',
  'noopener-allow-popups',
  'unsafe-none',
] as const;
export const COEP_VALUES = ['require-corp', 'credentialless', 'unsafe-none'] as const;
export const CORP_VALUES = ['same-origin', 'same-site', 'cross-origin'] as const;

export type PolicyHeader =
  'Cross-Origin-Opener-Policy' | 'Cross-Origin-Embedder-Policy' | 'Cross-Origin-Resource-Policy';

/** One policy header as received, and its value when a browser accepts it. */
export interface PolicyReading {
  header: PolicyHeader;
  received: string;
  value?: string;
  /** The reason browsers ignore the header, when they do. */
  problem?: string;
}

export interface CrossOriginPolicies {
  coop?: PolicyReading;
  coep?: PolicyReading;
  corp?: PolicyReading;
}

export function readCrossOriginPolicies(headers: HeaderList): CrossOriginPolicies {
  const coop = readPolicyItem(headers, 'Cross-Origin-Opener-Policy', COOP_VALUES);
  const coep = readPolicyItem(headers, 'Cross-Origin-Embedder-Policy', COEP_VALUES);
  const corp = readResourcePolicy(headers);
  return {
    ...(coop === undefined ? {} : { coop }),
    ...(coep === undefined ? {} : { coep }),
    ...(corp === undefined ? {} : { corp }),
  };
}

/** Returns the policies that were received, in the order COOP, COEP, CORP. */
export function receivedPolicies(policies: CrossOriginPolicies): PolicyReading[] {
  return [policies.coop, policies.coep, policies.corp].filter((reading) => reading !== undefined);
}

function readPolicyItem(
  headers: HeaderList,
  header: PolicyHeader,
  allowed: readonly string[],
): PolicyReading | undefined {
  const lines = headers.all(header);
  if (lines.length === 0) {
    return undefined;
  }

  const received = combineFieldLines(lines);
  const parsed = parseStructuredItem(received);
  if (!parsed.ok) {
    const problem =
      lines.length > 1
        ? `is sent ${lines.length} times, and browsers ignore a repeated header that must hold one value`
        : `is not a structured-field item (${parsed.error}), so browsers ignore it`;
    return { header, received, problem };
  }

  const token = tokenText(parsed.value[0]);
  if (token === undefined || !allowed.includes(token)) {
    return {
      header,
      received,
      problem: `is not one of ${allowed.join(', ')}, so browsers ignore it`,
    };
  }
  return { header, received, value: token };
}

function readResourcePolicy(headers: HeaderList): PolicyReading | undefined {
  const header = 'Cross-Origin-Resource-Policy';
  const lines = headers.all(header);
  if (lines.length === 0) {
    return undefined;
  }

  const received = lines.map((line) => line.trim()).join(', ');
  if (!(CORP_VALUES as readonly string[]).includes(received)) {
    const problem =
      lines.length > 1
        ? `is sent ${lines.length} times, and browsers ignore a repeated Cross-Origin-Resource-Policy`
        : `is not exactly one of ${CORP_VALUES.join(', ')} (the comparison is case-sensitive), so browsers ignore it`;
    return { header, received, problem };
  }
  return { header, received, value: received };
}
