import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { HeaderPair, ResponseRecord } from '../types';
import { check } from './deprecated-headers';
import { contextForHeaders as contextFor } from '../testing/contexts';

function corpusHeaders(file: string): HeaderPair[] {
  const path = new URL(`../testdata/real-headers/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(path, 'utf8')) as ResponseRecord).headers;
}

describe('deprecated-headers', () => {
  test.each([
    ['1; mode=block'],
    ['1'],
    [' 1 ;mode=block'],
    ['1; report="https://csp.example/beacon"'],
  ])('X-XSS-Protection %j is harmful', (value) => {
    expect(check.run(contextFor([['X-XSS-Protection', value]])).outcome).toBe('harmful');
  });

  test.each([['0'], [' 0 '], ['0; mode=block']])('X-XSS-Protection %j is fine', (value) => {
    const finding = check.run(contextFor([['X-XSS-Protection', value]]));

    expect(finding.outcome).toBe('none');
    expect(finding.evidence).toBe('no deprecated security header');
  });

  test.each([['on'], ['yes'], ['']])('X-XSS-Protection %j is obsolete', (value) => {
    expect(check.run(contextFor([['X-XSS-Protection', value]])).outcome).toBe('obsolete');
  });

  test.each([
    ['Expect-CT', 'max-age=604800, report-uri="https://report.example/ct"'],
    ['Public-Key-Pins', 'pin-sha256="AAAA"; max-age=5184000'],
    ['Public-Key-Pins-Report-Only', 'pin-sha256="AAAA"'],
    ['Feature-Policy', "camera 'none'"],
    ['X-Content-Security-Policy', "default-src 'self'"],
    ['X-WebKit-CSP', "default-src 'self'"],
  ])('%s is obsolete', (name, value) => {
    const finding = check.run(contextFor([[name, value]]));

    expect(finding.outcome).toBe('obsolete');
    expect(finding.evidence.startsWith(`${name}: "${value}"`)).toBe(true);
  });

  test('harmful wins over obsolete', () => {
    const finding = check.run(
      contextFor([
        ['Expect-CT', 'max-age=0'],
        ['X-XSS-Protection', '1; mode=block'],
      ]),
    );

    expect(finding.outcome).toBe('harmful');
    expect(finding.evidence).toBe(
      'Expect-CT: "max-age=0" (browsers enforce Certificate Transparency without it); X-XSS-Protection: "1; mode=block" (turns on a legacy XSS filter that attackers can abuse to leak data; send 0)',
    );
  });

  test('real Yahoo page is harmful', () => {
    const finding = check.run(
      contextFor(corpusHeaders('www.yahoo.com_chrome-har-lighthouse.json')),
    );

    expect(finding.outcome).toBe('harmful');
    expect(finding.evidence).toContain('Expect-CT: "max-age=31536000');
  });

  test('real Google page sends 0', () => {
    expect(check.run(contextFor(corpusHeaders('www.google.com_chrome-har.json'))).outcome).toBe(
      'none',
    );
  });

  test('any header value yields an outcome and never throws', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (xss, expectCt) => {
        const context = contextFor([
          ['X-XSS-Protection', xss],
          ['Expect-CT', expectCt],
        ]);
        const finding = check.run(context);

        expect(['harmful', 'obsolete']).toContain(finding.outcome);
        expect(check.remediate(finding, context).fixes).toHaveLength(5);
      }),
    );
  });
});

describe('deprecated-headers remediation', () => {
  test('fixes send 0 and remove obsolete headers', () => {
    const context = contextFor(
      [
        ['X-XSS-Protection', '1; mode=block'],
        ['Expect-CT', 'max-age=0'],
      ],
      'caddy',
    );
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes[0]?.code).toBe('header X-XSS-Protection "0"\nheader -Expect-CT');
    const apache = remediation.fixes.find((fix) => fix.stack === 'apache');
    expect(apache?.code).toBe(
      [
        'Header always set X-XSS-Protection "0"',
        'Header unset Expect-CT',
        'Header always unset Expect-CT',
      ].join('\n'),
    );
    const django = remediation.fixes.find((fix) => fix.stack === 'django');
    expect(django?.code).toContain('response.headers["X-XSS-Protection"] = "0"');
  });
});
