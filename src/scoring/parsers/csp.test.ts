import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HeaderList } from '../headers';
import type { HeaderPair } from '../types';
import { collectPolicies, parsePolicy } from './csp';

const directivesOf = (text: string) =>
  Object.fromEntries(parsePolicy(text, 'header', 'enforce').directives);

// Source: CSP Level 3, "parse a serialized CSP".
describe('parsePolicy', () => {
  test.each([
    {
      text: "default-src 'self'",
      expected: { 'default-src': ["'self'"] },
      source: 'one directive',
    },
    {
      text: "  SCRIPT-SRC  'SELF'\thttps://CDN.example.test ; ",
      expected: { 'script-src': ["'self'", 'https://CDN.example.test'] },
      source: 'names and keywords lowercased, hosts kept',
    },
    {
      text: "script-src 'none'; script-src *",
      expected: { 'script-src': ["'none'"] },
      source: 'a repeated directive: the first wins',
    },
    {
      text: ';;upgrade-insecure-requests;;',
      expected: { 'upgrade-insecure-requests': [] },
      source: 'empty tokens skipped, a directive without value',
    },
    {
      text: "script-src 'self' https://exämple.test; img-src *",
      expected: { 'img-src': ['*'] },
      source: 'a non-ASCII token is skipped whole',
    },
    {
      text: "script-src 'NONCE-AbC=' 'SHA256-XyZ=' HTTPS:",
      expected: { 'script-src': ["'nonce-AbC='", "'sha256-XyZ='", 'https:'] },
      source: 'nonce and hash prefixes lowercased, values kept',
    },
    {
      text: "default-src 'self' script-src 'unsafe-inline'",
      expected: { 'default-src': ["'self'", 'script-src', "'unsafe-inline'"] },
      source: 'a missing semicolon makes one directive',
    },
    { text: '', expected: {}, source: 'empty policy' },
  ])('parses $text ($source)', ({ text, expected }) => {
    expect(directivesOf(text)).toEqual(expected);
  });

  test('parsePolicy lists repeated directives', () => {
    expect(parsePolicy('a x; A y; a z', 'header', 'enforce').repeated).toEqual(['a', 'a']);
  });
});

// Sources: CSP Level 3 (header lines, comma-separated policies, <meta> policies), HTML
// Standard http-equiv "Content security policy" state (only in <head>, not report-only).
describe('collectPolicies', () => {
  const collect = (headers: HeaderPair[], html?: string) =>
    collectPolicies(new HeaderList(headers), html);

  test('collectPolicies enforces every line and every comma-separated policy', () => {
    const collected = collect([
      ['Content-Security-Policy', "default-src 'self', script-src 'none'"],
      ['content-security-policy', "img-src 'self'"],
    ]);

    expect(collected.enforced.map((policy) => policy.text)).toEqual([
      "default-src 'self'",
      "script-src 'none'",
      "img-src 'self'",
    ]);
  });

  test('collectPolicies splits newline-joined header values', () => {
    const collected = collect([
      ['content-security-policy', "default-src 'self'\nscript-src 'none'"],
    ]);

    expect(collected.enforced).toHaveLength(2);
  });

  test('collectPolicies keeps report-only policies apart', () => {
    const collected = collect([['Content-Security-Policy-Report-Only', "default-src 'none'"]]);

    expect(collected.enforced).toEqual([]);
    expect(collected.reportOnly.map((policy) => policy.disposition)).toEqual(['report']);
  });

  test('collectPolicies records policies without a directive', () => {
    const collected = collect([['Content-Security-Policy', ' ; , ']]);

    expect(collected.enforced).toEqual([]);
    expect(collected.empty).toHaveLength(2);
  });

  test('collectPolicies enforces a <meta> policy without frame-ancestors, report-uri, sandbox', () => {
    const html = `<head><meta http-equiv="Content-Security-Policy" content="script-src 'self'; frame-ancestors 'none'; report-uri /r; sandbox; img-src *">`;
    const [policy] = collect([], html).enforced;

    expect(policy?.source).toBe('meta');
    expect([...(policy?.directives.keys() ?? [])]).toEqual(['script-src', 'img-src']);
    expect(policy?.removed).toEqual(['frame-ancestors', 'report-uri', 'sandbox']);
  });

  test('collectPolicies does not split a <meta> policy on commas', () => {
    const html = `<meta http-equiv="content-security-policy" content="script-src 'self', img-src *">`;

    expect(collect([], html).enforced[0]?.directives.get('script-src')).toEqual([
      "'self',",
      'img-src',
      '*',
    ]);
  });

  test.each([
    [
      `<meta http-equiv="Content-Security-Policy-Report-Only" content="default-src 'none'">`,
      'report-only',
    ],
    [
      `<body><meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
      'outside-head',
    ],
    [`<meta http-equiv="Content-Security-Policy" content="">`, 'no-content'],
  ])('collectPolicies ignores %s (%s)', (html, reason) => {
    const collected = collect([], html);

    expect(collected.enforced).toEqual([]);
    expect(collected.ignoredMeta.map((meta) => meta.reason)).toEqual([reason]);
  });

  test('collectPolicies returns a result for any header and markup', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (value, html) => {
        const collected = collect([['Content-Security-Policy', value]], html);
        expect(collected.enforced.length + collected.empty.length).toBeGreaterThan(0);
      }),
    );
  });

  test('collectPolicies parses a 1 MB header and 10,000 directives quickly', () => {
    const many = Array.from({ length: 10_000 }, (_, index) => `x-${index} 'self'`).join('; ');
    const huge = "script-src 'self' " + 'https://a.example.test '.repeat(45_000);
    const started = performance.now();

    const collected = collect([
      ['Content-Security-Policy', many],
      ['Content-Security-Policy', huge],
    ]);

    expect(collected.enforced[0]?.directives.size).toBe(10_000);
    expect(collected.enforced[1]?.directives.get('script-src')).toHaveLength(45_001);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
