import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../check';
import { HeaderList } from '../headers';
import type { HeaderPair, Stack } from '../types';
import { check } from './cross-origin-isolation';

function contextFor(
  headers: HeaderPair[],
  url = 'https://shop.example.test/',
  stack: Stack = 'unknown',
): CheckContext {
  const parsed = new URL(url);
  return {
    record: { url, status: 200, headers },
    url: parsed,
    https: parsed.protocol === 'https:',
    developmentHost: false,
    headers: new HeaderList(headers),
    stack,
    options: {},
  };
}

describe('cross-origin-isolation', () => {
  test.each([
    ['same-origin', 'coop-same-origin'],
    ['same-origin; report-to="coop"', 'coop-same-origin'],
    ['  same-origin  ', 'coop-same-origin'],
    ['same-origin-allow-popups', 'coop-other'],
    ['noopener-allow-popups', 'coop-other'],
    ['unsafe-none', 'coop-other'],
    ['same_origin', 'invalid'],
    ['Same-Origin', 'invalid'],
    ['"same-origin"', 'invalid'],
    ['same-origin, unsafe-none', 'invalid'],
    ['', 'invalid'],
    ['same-origin;', 'invalid'],
    ['restrict-properties', 'invalid'],
  ])('COOP %j is %s', (value, outcome) => {
    const finding = check.run(contextFor([['Cross-Origin-Opener-Policy', value]]));

    expect(finding.outcome).toBe(outcome);
  });

  test('COOP repeated on two lines is invalid', () => {
    const finding = check.run(
      contextFor([
        ['cross-origin-opener-policy', 'same-origin'],
        ['cross-origin-opener-policy', 'same-origin'],
      ]),
    );

    expect(finding.outcome).toBe('invalid');
    expect(finding.evidence).toContain('sent 2 times');
  });

  test('COOP joined by a newline counts as two lines', () => {
    const finding = check.run(
      contextFor([['Cross-Origin-Opener-Policy', 'same-origin\nsame-origin']]),
    );

    expect(finding.outcome).toBe('invalid');
  });

  test.each([
    ['require-corp', 'coop-same-origin'],
    ['credentialless', 'coop-same-origin'],
    ['unsafe-none', 'coop-same-origin'],
    ['require-corp; report-to="coep"', 'coop-same-origin'],
    ['require_corp', 'invalid'],
    ['require-corp, credentialless', 'invalid'],
  ])('COEP %j beside COOP same-origin is %s', (value, outcome) => {
    const finding = check.run(
      contextFor([
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Embedder-Policy', value],
      ]),
    );

    expect(finding.outcome).toBe(outcome);
  });

  test.each([
    ['same-origin', 'coop-same-origin'],
    ['same-site', 'coop-same-origin'],
    ['cross-origin', 'coop-same-origin'],
    ['Same-Origin', 'invalid'],
    ['same-origin; report-to="x"', 'invalid'],
    ['same-origin, same-site', 'invalid'],
  ])('CORP %j beside COOP same-origin is %s', (value, outcome) => {
    const finding = check.run(
      contextFor([
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Resource-Policy', value],
      ]),
    );

    expect(finding.outcome).toBe(outcome);
  });

  test('invalid CORP wins over a valid COOP and quotes the value', () => {
    const finding = check.run(
      contextFor([
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Resource-Policy', 'SameSite'],
      ]),
    );

    expect(finding.outcome).toBe('invalid');
    expect(finding.evidence).toBe(
      'Cross-Origin-Resource-Policy "SameSite" is not exactly one of same-origin, same-site, cross-origin (the comparison is case-sensitive), so browsers ignore it',
    );
  });

  test('no policy header is missing', () => {
    const finding = check.run(contextFor([['Content-Type', 'text/html']]));

    expect(finding.outcome).toBe('missing');
    expect(finding.evidence).toBe('no Cross-Origin-Opener-Policy header');
  });

  test('CORP without COOP is missing and quotes the CORP', () => {
    const finding = check.run(contextFor([['cross-origin-resource-policy', 'cross-origin']]));

    expect(finding.outcome).toBe('missing');
    expect(finding.evidence).toBe(
      'no Cross-Origin-Opener-Policy header; Cross-Origin-Resource-Policy: "cross-origin"',
    );
  });

  test('COOP and COEP together note cross-origin isolation', () => {
    const finding = check.run(
      contextFor([
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Embedder-Policy', 'require-corp'],
      ]),
    );

    expect(finding.outcome).toBe('coop-same-origin');
    expect(finding.notes?.[0]).toContain('cross-origin isolated');
  });

  test('report-only COOP is noted and does not count', () => {
    const finding = check.run(
      contextFor([['Cross-Origin-Opener-Policy-Report-Only', 'same-origin; report-to="coop"']]),
    );

    expect(finding.outcome).toBe('missing');
    expect(finding.notes).toEqual([
      'Cross-Origin-Opener-Policy-Report-Only: "same-origin; report-to="coop"" only reports violations and enforces nothing.',
    ]);
  });

  test('plain-HTTP page is not applicable', () => {
    const finding = check.run(
      contextFor([['Cross-Origin-Opener-Policy', 'same-origin']], 'http://shop.example.test/'),
    );

    expect(finding.outcome).toBe('plain-http');
  });

  test('plain-HTTP localhost is a secure context', () => {
    const finding = check.run(
      contextFor([['Cross-Origin-Opener-Policy', 'same-origin']], 'http://localhost:8000/'),
    );

    expect(finding.outcome).toBe('coop-same-origin');
  });

  test('any header value yields an outcome and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (coop, coep, corp) => {
        const context = contextFor([
          ['Cross-Origin-Opener-Policy', coop],
          ['Cross-Origin-Embedder-Policy', coep],
          ['Cross-Origin-Resource-Policy', corp],
        ]);
        const finding = check.run(context);

        expect(['coop-same-origin', 'coop-other', 'invalid', 'missing']).toContain(finding.outcome);
        expect(check.remediate(finding, context).summary.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('cross-origin-isolation remediation', () => {
  test.each<[string, HeaderPair[]]>([
    ['no headers', []],
    ['only CORP', [['Cross-Origin-Resource-Policy', 'cross-origin']]],
  ])('missing COOP summary with %s says it once', (_case, headers) => {
    const context = contextFor(headers);
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe('The page sends no Cross-Origin-Opener-Policy header.');
  });

  test('invalid COOP quotes the value and leads with Django', () => {
    const context = contextFor(
      [['Cross-Origin-Opener-Policy', 'same_origin']],
      undefined,
      'django',
    );
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toContain('"same_origin"');
    expect(remediation.fixes.map((fix) => fix.stack)).toEqual([
      'django',
      'nginx',
      'apache',
      'express',
      'caddy',
    ]);
    expect(remediation.fixes[0]?.code).toContain(
      'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"',
    );
  });

  test('invalid CORP adds the header to every fix', () => {
    const context = contextFor(
      [
        ['Cross-Origin-Opener-Policy', 'same-origin'],
        ['Cross-Origin-Resource-Policy', 'SameSite'],
      ],
      undefined,
      'nginx',
    );
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]).toEqual({
      stack: 'nginx',
      where: 'server { ... }',
      code: [
        'add_header Cross-Origin-Opener-Policy "same-origin" always;',
        'add_header Cross-Origin-Resource-Policy "same-origin" always;',
      ].join('\n'),
    });
    const django = remediation.fixes.find((fix) => fix.stack === 'django');
    expect(django?.code).toContain(
      'response.headers["Cross-Origin-Resource-Policy"] = "same-origin"',
    );
    const express = remediation.fixes.find((fix) => fix.stack === 'express');
    expect(express?.code).toContain("crossOriginResourcePolicy: { policy: 'same-origin' },");
  });
});
