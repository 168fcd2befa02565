import { describe, expect, test } from 'vitest';
import { parsePolicy } from './csp';
import {
  allowsAllInline,
  anySiteSources,
  assessPolicy,
  combineAssessments,
  effectiveSourceList,
  frameAncestorsScope,
  isHashSource,
  isNonceSource,
} from './csp-source-list';

const policy = (text: string) => parsePolicy(text, 'header', 'enforce');

// Source: CSP Level 3, the directive fallback list.
describe('effectiveSourceList', () => {
  test.each([
    { text: "default-src 'self'", directive: 'script-src-elem', applies: 'default-src' },
    {
      text: "default-src 'self'; script-src 'none'",
      directive: 'script-src-elem',
      applies: 'script-src',
    },
    {
      text: "script-src 'none'; script-src-attr 'unsafe-inline'",
      directive: 'script-src-attr',
      applies: 'script-src-attr',
    },
    { text: "style-src 'self'", directive: 'style-src-attr', applies: 'style-src' },
    { text: "default-src 'none'", directive: 'object-src', applies: 'default-src' },
    { text: "img-src 'self'", directive: 'script-src', applies: null },
  ] as const)('$directive in "$text" falls back to $applies', ({ text, directive, applies }) => {
    expect(effectiveSourceList(policy(text), directive)?.directive ?? null).toBe(applies);
  });
});

// Source: CSP Level 3 grammar: nonce-source and hash-source are base64-value.
describe('nonce and hash grammar', () => {
  test.each([
    ["'nonce-abc123'", true],
    ["'nonce-a+b/c_d-e=='", true],
    ["'nonce-'", false],
    ["'nonce-abc!'", false],
    ["'nonce-abc==='", false],
    ['nonce-abc', false],
  ])('isNonceSource(%j) is %s', (value, expected) => {
    expect(isNonceSource(value)).toBe(expected);
  });

  test.each([
    ["'sha256-abc='", true],
    ["'sha384-abc'", true],
    ["'sha512-abc'", true],
    ["'sha1-abc'", false],
    ["'sha256-'", false],
  ])('isHashSource(%j) is %s', (value, expected) => {
    expect(isHashSource(value)).toBe(expected);
  });
});

// Source: CSP Level 3, "does a source list allow all inline behavior for type".
describe('allowsAllInline', () => {
  test.each([
    { values: ["'unsafe-inline'"], type: 'script', allows: true },
    { values: ["'self'"], type: 'script', allows: false },
    { values: ["'unsafe-inline'", "'nonce-abc'"], type: 'script', allows: false },
    { values: ["'unsafe-inline'", "'sha256-abc'"], type: 'style', allows: false },
    { values: ["'unsafe-inline'", "'nonce-'"], type: 'script', allows: true },
    { values: ["'unsafe-inline'", "'nonce-a b'"], type: 'script', allows: true },
    { values: ["'unsafe-inline'", "'strict-dynamic'"], type: 'script', allows: false },
    { values: ["'unsafe-inline'", "'strict-dynamic'"], type: 'style', allows: true },
    { values: ["'none'", "'unsafe-inline'"], type: 'script', allows: true },
  ] as const)('$values for $type: $allows', ({ values, type, allows }) => {
    expect(allowsAllInline(values, type)).toBe(allows);
  });
});

// Sources: CSP Level 3 source matching (scheme-source, host `*`) and 'strict-dynamic', which
// ignores host and scheme sources for scripts).
describe('anySiteSources', () => {
  test.each([
    { values: ['*'], kinds: ['network'] },
    { values: ['https:'], kinds: ['network'] },
    { values: ['HTTP:'], kinds: ['network'] },
    { values: ['https://*'], kinds: ['network'] },
    { values: ['http://*:*/js/'], kinds: ['network'] },
    { values: ['data:'], kinds: ['data'] },
    { values: ['*.example.test', 'https://cdn.example.test', "'self'"], kinds: [] },
    { values: ['blob:'], kinds: [] },
  ])('$values match any site of kinds $kinds', ({ values, kinds }) => {
    expect([...anySiteSources(values, 'script').values()]).toEqual(kinds);
  });

  test("anySiteSources ignores hosts next to 'strict-dynamic' for scripts only", () => {
    expect(anySiteSources(['https:', "'strict-dynamic'"], 'script').size).toBe(0);
    expect(anySiteSources(['https:', "'strict-dynamic'"], 'other').size).toBe(1);
  });
});

describe('assessPolicy', () => {
  test('assessPolicy reads a strict nonce policy', () => {
    const assessment = assessPolicy(
      policy(
        "script-src 'nonce-r4nd0m' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'",
      ),
    );

    expect(assessment.inlineScripts.allowed).toBe(false);
    expect(assessment.anySiteScripts.allowed).toBe(false);
    expect(assessment.anySiteObjects.allowed).toBe(false);
    expect(assessment.strictScripts).toBe(true);
  });

  test('assessPolicy reads a policy without script directives as unrestricted', () => {
    const assessment = assessPolicy(policy("img-src 'self'"));

    expect(assessment.inlineScripts).toEqual({
      allowed: true,
      reasons: ['no script-src or default-src, so scripts are not restricted'],
    });
    expect(assessment.eval.allowed).toBe(true);
    expect([...assessment.anySiteScripts.kinds]).toEqual(['network', 'data']);
  });

  test('assessPolicy reads eval from script-src, not script-src-elem', () => {
    const assessment = assessPolicy(
      policy("script-src 'self' 'unsafe-eval'; script-src-elem 'self'"),
    );

    expect(assessment.eval.allowed).toBe(true);
  });

  test('assessPolicy finds inline event handlers allowed by script-src-attr', () => {
    const assessment = assessPolicy(
      policy("script-src 'nonce-abc'; script-src-attr 'unsafe-inline'"),
    );

    expect(assessment.inlineScripts.allowed).toBe(false);
    expect(assessment.inlineHandlers.allowed).toBe(true);
  });

  test('assessPolicy tells explicit unsafe-inline styles from missing style directives', () => {
    expect(
      assessPolicy(policy("default-src 'self'; style-src 'self' 'unsafe-inline'"))
        .unsafeInlineStyles,
    ).toBe(true);
    expect(assessPolicy(policy("script-src 'self'")).unsafeInlineStyles).toBe(false);
    expect(assessPolicy(policy("script-src 'self'")).inlineStyles.allowed).toBe(true);
  });
});

// Source: CSP Level 3: a resource must be allowed by every enforced policy.
describe('combineAssessments', () => {
  const combine = (...texts: string[]) =>
    combineAssessments(texts.map((text) => assessPolicy(policy(text))));

  test('combineAssessments lets the strictest policy decide', () => {
    const combined = combine(
      "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "script-src 'nonce-abc'",
    );

    expect(combined.inlineScripts.allowed).toBe(false);
    expect(combined.eval.allowed).toBe(false);
  });

  test('combineAssessments keeps what every policy allows', () => {
    const combined = combine("script-src 'unsafe-inline'", "default-src * 'unsafe-inline'");

    expect(combined.inlineScripts.allowed).toBe(true);
    expect(combined.inlineScripts.reasons).toHaveLength(2);
  });

  test('combineAssessments intersects any-site kinds', () => {
    expect(combine('script-src https:', 'script-src data:').anySiteScripts.allowed).toBe(false);
    expect(combine('script-src https:', 'script-src *').anySiteScripts.allowed).toBe(true);
    expect(combine("img-src 'self'", 'script-src data:').anySiteScripts.kinds).toEqual(
      new Set(['data']),
    );
  });

  test('combineAssessments of one policy equals its assessment', () => {
    const text = "default-src 'none'; style-src 'unsafe-inline'";

    expect(combine(text)).toEqual(assessPolicy(policy(text)));
  });
});

// Source: CSP Level 3: 'none' has no effect next to other sources, and keywords other than
// 'self' match no URL.
describe('frameAncestorsScope', () => {
  test.each([
    [[], 'none'],
    [["'none'"], 'none'],
    [["'unsafe-inline'"], 'none'],
    [["'self'"], 'limited'],
    [['none'], 'limited'],
    [["'none'", 'https://partner.example.test'], 'limited'],
    [['*.example.test'], 'limited'],
    [['*'], 'any'],
    [["'self'", 'https:'], 'any'],
    [['http://*'], 'any'],
  ])('frame-ancestors %j is %s', (values, scope) => {
    expect(frameAncestorsScope(values)).toBe(scope);
  });
});
