import { createHash } from 'node:crypto';

import { describe, expect, test } from 'vitest';

import { encodeUtf8, sha1Hex } from './sha1';

describe('sha1Hex', () => {
  // FIPS 180-2 appendix A test vectors and the empty string.
  test.each([
    ['', 'da39a3ee5e6b4b0d3255bfef95601890afd80709'],
    ['abc', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '84983e441c3bd26ebaae4aa1f95129e5e54670f1',
    ],
  ])('digest of %j', (text, expected) => {
    expect(sha1Hex(text)).toBe(expected);
  });

  test('digest of a million a', () => {
    expect(sha1Hex('a'.repeat(1_000_000))).toBe('34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  test.each([55, 56, 63, 64, 65, 119, 120])('padding at %i bytes matches node crypto', (length) => {
    const text = 'x'.repeat(length);

    expect(sha1Hex(text)).toBe(createHash('sha1').update(text).digest('hex'));
  });

  test('non-ASCII text is hashed as UTF-8', () => {
    const text = '/*! café ☕ 𝄞 */';

    expect(sha1Hex(text)).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
  });
});

describe('encodeUtf8', () => {
  test('lone surrogate becomes U+FFFD', () => {
    expect([...encodeUtf8('a\ud800b')]).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
  });

  test('matches TextEncoder on mixed text', () => {
    const text = 'jQuery — ünïcode 😀 \u0000 end';

    expect([...encodeUtf8(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});
