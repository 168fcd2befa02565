// The scoring version and every check's outcomes with their verdict and modifier.
// Changing any value here is a new scoring version, stated in every report.

import type { CheckId, Verdict } from './types';

export const SCORING_VERSION = 1;

export interface Weight {
  verdict: Verdict;
  modifier: number;
}

// Outcomes shared by several checks: `development-host` for the HTTPS checks on
// localhost and loopback, `error` when a check failed on input it could not handle.
const DEVELOPMENT_HOST: Weight = { verdict: 'n/a', modifier: 0 };

export const WEIGHTS = {
  https: {
    served: { verdict: 'pass', modifier: 0 },
    'plain-http': { verdict: 'fail', modifier: 0 },
    'development-host': DEVELOPMENT_HOST,
  },
  'https-redirect': {
    'same-host': { verdict: 'pass', modifier: 0 },
    'other-host': { verdict: 'warn', modifier: -5 },
    'via-http': { verdict: 'warn', modifier: -10 },
    missing: { verdict: 'fail', modifier: -20 },
    'not-verified': { verdict: 'info', modifier: 0 },
    'development-host': DEVELOPMENT_HOST,
  },
  hsts: {
    'one-year-subdomains': { verdict: 'pass', modifier: 0 },
    'preload-ready': { verdict: 'pass', modifier: 5 },
    'one-year': { verdict: 'warn', modifier: -5 },
    short: { verdict: 'warn', modifier: -10 },
    missing: { verdict: 'fail', modifier: -20 },
    invalid: { verdict: 'fail', modifier: -20 },
    'max-age-zero': { verdict: 'fail', modifier: -20 },
    'plain-http': { verdict: 'n/a', modifier: 0 },
    'development-host': DEVELOPMENT_HOST,
  },
  'session-cookie': {
    secure: { verdict: 'pass', modifier: 0 },
    'samesite-weak': { verdict: 'warn', modifier: -5 },
    'no-httponly': { verdict: 'fail', modifier: -30 },
    'no-secure': { verdict: 'fail', modifier: -40 },
    none: { verdict: 'n/a', modifier: 0 },
  },
  'csrf-cookie': {
    secure: { verdict: 'pass', modifier: 0 },
    'no-samesite': { verdict: 'warn', modifier: -5 },
    'no-secure': { verdict: 'fail', modifier: -20 },
    none: { verdict: 'n/a', modifier: 0 },
  },
  cookies: {
    secure: { verdict: 'pass', modifier: 5 },
    // Every cookie has Secure but some lacks a valid SameSite: short of the bonus, no penalty.
    'no-samesite': { verdict: 'warn', modifier: 0 },
    'no-secure': { verdict: 'warn', modifier: -10 },
    rejected: { verdict: 'fail', modifier: -10 },
    none: { verdict: 'n/a', modifier: 0 },
  },
  'frame-options': {
    deny: { verdict: 'pass', modifier: 5 },
    'frame-ancestors-none': { verdict: 'pass', modifier: 5 },
    'same-origin': { verdict: 'warn', modifier: 0 },
    'frame-ancestors-limited': { verdict: 'warn', modifier: 0 },
    conflicting: { verdict: 'warn', modifier: 0 },
    missing: { verdict: 'fail', modifier: -20 },
    invalid: { verdict: 'fail', modifier: -20 },
    'allow-from': { verdict: 'fail', modifier: -20 },
    'frame-ancestors-any': { verdict: 'fail', modifier: -20 },
  },
  'content-type-options': {
    nosniff: { verdict: 'pass', modifier: 0 },
    missing: { verdict: 'fail', modifier: -5 },
    invalid: { verdict: 'fail', modifier: -5 },
  },
  csp: {
    strict: { verdict: 'pass', modifier: 10 },
    'no-unsafe-scripts': { verdict: 'pass', modifier: 5 },
    'unsafe-inline-styles': { verdict: 'warn', modifier: 0 },
    'unsafe-eval': { verdict: 'warn', modifier: -10 },
    'unsafe-scripts': { verdict: 'fail', modifier: -20 },
    missing: { verdict: 'fail', modifier: -25 },
    invalid: { verdict: 'fail', modifier: -25 },
    'report-only': { verdict: 'fail', modifier: -25 },
  },
  'referrer-policy': {
    strict: { verdict: 'pass', modifier: 5 },
    missing: { verdict: 'info', modifier: 0 },
    leaky: { verdict: 'fail', modifier: -5 },
    invalid: { verdict: 'fail', modifier: -5 },
  },
  'vulnerable-libraries': {
    none: { verdict: 'pass', modifier: 0 },
    low: { verdict: 'warn', modifier: -5 },
    medium: { verdict: 'fail', modifier: -10 },
    // The worst advisory's severity is high or critical.
    high: { verdict: 'fail', modifier: -20 },
    'no-scripts': { verdict: 'n/a', modifier: 0 },
  },
  'cross-origin-isolation': {
    'coop-same-origin': { verdict: 'pass', modifier: 5 },
    invalid: { verdict: 'warn', modifier: -5 },
    missing: { verdict: 'info', modifier: 0 },
    'coop-other': { verdict: 'info', modifier: 0 },
    'plain-http': { verdict: 'n/a', modifier: 0 },
  },
  'permissions-policy': {
    valid: { verdict: 'pass', modifier: 0 },
    invalid: { verdict: 'warn', modifier: -5 },
    missing: { verdict: 'info', modifier: 0 },
  },
  cors: {
    'reflected-credentials': { verdict: 'fail', modifier: -50 },
    // `null` is the origin of sandboxed frames and data: URLs, which any site can create.
    'null-credentials': { verdict: 'fail', modifier: -50 },
    'wildcard-credentials': { verdict: 'warn', modifier: 0 },
    'not-shared': { verdict: 'pass', modifier: 0 },
    shared: { verdict: 'info', modifier: 0 },
  },
  'mixed-content': {
    'active-mixed': { verdict: 'fail', modifier: -10 },
    'passive-mixed': { verdict: 'warn', modifier: 0 },
    none: { verdict: 'pass', modifier: 0 },
    // Plain-HTTP URLs that the page's `upgrade-insecure-requests` makes browsers fetch over HTTPS.
    upgraded: { verdict: 'pass', modifier: 0 },
    'plain-http': { verdict: 'n/a', modifier: 0 },
  },
  'information-disclosure': {
    versions: { verdict: 'warn', modifier: 0 },
    products: { verdict: 'info', modifier: 0 },
    none: { verdict: 'pass', modifier: 0 },
  },
  'deprecated-headers': {
    harmful: { verdict: 'warn', modifier: 0 },
    obsolete: { verdict: 'info', modifier: 0 },
    none: { verdict: 'pass', modifier: 0 },
  },
} as const satisfies Record<CheckId, Record<string, Weight>>;

export type Outcome<Id extends CheckId> = keyof (typeof WEIGHTS)[Id] & string;

/** The weight a check receives when it threw on its input: a failed check that scores nothing. */
export const ERROR_WEIGHT: Weight = { verdict: 'fail', modifier: 0 };

export function weightOf(id: CheckId, outcome: string): Weight {
  const table: Readonly<Record<string, Weight>> = WEIGHTS[id];
  return table[outcome] ?? ERROR_WEIGHT;
}
