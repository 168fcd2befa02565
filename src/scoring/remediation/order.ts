// Orders a finding's fixes for the stack that served the page.

import type { Fix, Stack } from '../types';

const DEFAULT_ORDER: ReadonlyArray<Fix['stack']> = ['django', 'nginx', 'apache', 'express', 'caddy'];

/**
 * Puts the detected stack's fix first, then the rest in the default order: Django,
 * nginx, Apache, Express (helmet) and Caddy. An unknown stack keeps the default order.
 */
export function orderFixes(fixes: readonly Fix[], stack: Stack): Fix[] {
  const rank = (fix: Fix): number => {
    if (fix.stack === stack) {
      return -1;
    }
    return DEFAULT_ORDER.indexOf(fix.stack);
  };
  return [...fixes].sort((a, b) => rank(a) - rank(b));
}

/** Shortens a received value for quoting in a message, so a huge header stays readable. */
export function quote(value: string, maxLength = 200): string {
  const text = value.length > maxLength ? `${value.slice(0, maxLength)}…` : value;
  return `"${text}"`;
}
