// Case-insensitive, order-preserving access to a response's header lines.

import type { HeaderPair } from './types';

/**
 * A response's header lines. Repeated headers stay repeated, and a value containing
 * a newline (how HAR and DevTools exports join repeated headers) counts as several lines.
 */
export class HeaderList {
  readonly lines: readonly HeaderPair[];

  constructor(pairs: readonly HeaderPair[]) {
    const lines: HeaderPair[] = [];
    for (const [name, value] of pairs) {
      for (const part of String(value).split('\n')) {
        lines.push([String(name).trim().toLowerCase(), part.replace(/\r$/, '')]);
      }
    }
    this.lines = lines;
  }

  /** Returns every value of the header, in the order received. */
  all(name: string): string[] {
    const wanted = name.toLowerCase();
    return this.lines.filter(([lineName]) => lineName === wanted).map(([, value]) => value);
  }

  /** Returns the first value of the header, or undefined when it is absent. */
  first(name: string): string | undefined {
    return this.all(name)[0];
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }
}
