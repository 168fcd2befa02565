// X-Frame-Options as browsers apply it (HTML Standard, "check a navigation response's
// adherence to X-Frame-Options").

import type { Policy } from './csp';
import { frameAncestorsScope, type FrameAncestorsScope } from './csp-source-list';
import { getDecodeSplit } from './x-content-type-options';

export type XFrameOptions =
  | { state: 'missing' }
  /** One distinct value, `deny`: no site may frame the page. */
  | { state: 'deny'; value: string }
  /** One distinct value, `sameorigin`: only the page's own origin may frame it. */
  | { state: 'sameorigin'; value: string }
  /**
   * Several distinct values, at least one of them `deny`, `sameorigin` or `allowall`:
   * browsers then block all framing, as with `deny`.
   */
  | { state: 'conflicting'; value: string; values: string[] }
  /** `ALLOW-FROM`, which current browsers do not support, so framing is allowed. */
  | { state: 'allow-from'; value: string }
  /** `allowall`, an explicit opt-out that allows framing by any site. */
  | { state: 'allowall'; value: string }
  /** Any other value, which browsers ignore, so framing is allowed. */
  | { state: 'invalid'; value: string };

/**
 * Parses X-Frame-Options lines the way the HTML Standard does: values are split on commas
 * across all lines, trimmed and lowercased into a set. Browsers ignore the header when an
 * enforced CSP has `frame-ancestors`, which `determineFramingControl` decides first.
 */
export function parseXFrameOptions(lines: readonly string[]): XFrameOptions {
  const rawValues = getDecodeSplit(lines);
  if (rawValues === null) {
    return { state: 'missing' };
  }
  const value = lines.join(', ');
  const values = [...new Set(rawValues.map((item) => item.toLowerCase()))];

  if (values.length > 1) {
    if (values.some((item) => item === 'deny' || item === 'sameorigin' || item === 'allowall')) {
      return { state: 'conflicting', value, values };
    }
    // Several values, none recognised: the standard allows framing.
    return values.some(isAllowFrom) ? { state: 'allow-from', value } : { state: 'invalid', value };
  }

  const only = values[0] ?? '';
  if (only === 'deny') {
    return { state: 'deny', value };
  }
  if (only === 'sameorigin') {
    return { state: 'sameorigin', value };
  }
  if (only === 'allowall') {
    return { state: 'allowall', value };
  }
  if (isAllowFrom(only)) {
    return { state: 'allow-from', value };
  }
  return { state: 'invalid', value };
}

function isAllowFrom(value: string): boolean {
  return value === 'allow-from' || /^allow-from[\t ]/.test(value);
}

/** What decides whether other sites may frame the page. */
export type FramingControl =
  | {
      by: 'frame-ancestors';
      scope: FrameAncestorsScope;
      /** Each enforced header policy's `frame-ancestors` values, as received. */
      sourceLists: string[][];
      /** The X-Frame-Options header that browsers ignore because of `frame-ancestors`. */
      ignoredXFrameOptions: XFrameOptions;
    }
  | { by: 'x-frame-options'; xFrameOptions: XFrameOptions };

/**
 * Decides what controls framing. An enforced header policy with `frame-ancestors` makes
 * browsers ignore X-Frame-Options; with several such policies the strictest decides,
 * because framing must satisfy all of them. `<meta>` policies cannot set `frame-ancestors`,
 * and a `<meta http-equiv="X-Frame-Options">` is ignored, so neither takes part.
 */
export function determineFramingControl(
  xFrameOptionsLines: readonly string[],
  enforcedPolicies: readonly Policy[],
): FramingControl {
  const xFrameOptions = parseXFrameOptions(xFrameOptionsLines);
  const sourceLists: string[][] = [];
  for (const policy of enforcedPolicies) {
    const values =
      policy.source === 'header' ? policy.directives.get('frame-ancestors') : undefined;
    if (values !== undefined) {
      sourceLists.push(values);
    }
  }
  if (sourceLists.length === 0) {
    return { by: 'x-frame-options', xFrameOptions };
  }

  const scopes = sourceLists.map(frameAncestorsScope);
  const scope: FrameAncestorsScope = scopes.includes('none')
    ? 'none'
    : scopes.includes('limited')
      ? 'limited'
      : 'any';
  return { by: 'frame-ancestors', scope, sourceLists, ignoredXFrameOptions: xFrameOptions };
}
