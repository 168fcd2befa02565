import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CheckContext } from '../check';
import type { ResponseRecord } from '../types';
import { check } from './permissions-policy';
import { contextForHeaders as contextFor } from '../testing/contexts';

function policy(value: string): CheckContext {
  return contextFor([['Permissions-Policy', value]]);
}

describe('permissions-policy', () => {
  test.each([
    'camera=(), geolocation=(self), microphone=()',
    'geolocation=(self "https://maps.example.com")',
    'fullscreen=*',
    'fullscreen=self',
    'camera=()',
    'interest-cohort=()',
  ])('valid policy %j passes', (value) => {
    expect(check.run(policy(value)).outcome).toBe('valid');
  });

  test.each([
    ["camera 'none'", 'Parse error: Expected , at offset 7'],
    ['camera=(), ', 'Parse error: Dictionary contained a trailing comma at offset 11'],
    ['Camera=()', 'Parse error: A key must begin with an asterisk or letter (a-z) at offset 0'],
    [
      'camera=(self;)',
      'Parse error: A key must begin with an asterisk or letter (a-z) at offset 13',
    ],
    [
      'geolocation=(self, "https://maps.example.com")',
      'Parse error: Expected a whitespace or ) after every item in an inner list at offset 17',
    ],
  ])('invalid policy %j quotes the parse error', (value, error) => {
    const finding = check.run(policy(value));

    expect(finding.outcome).toBe('invalid');
    expect(finding.evidence).toBe(
      `Permissions-Policy "${value}" is not a valid structured-field dictionary: ${error}`,
    );
  });

  test('valid policy counts disabled features', () => {
    const finding = check.run(policy('camera=(), microphone=(), geolocation=(self)'));

    expect(finding.evidence).toBe(
      'Permissions-Policy "camera=(), microphone=(), geolocation=(self)": 3 features, 2 disabled for every origin',
    );
    expect(finding.notes).toEqual([]);
  });

  test('repeated lines are combined into one policy', () => {
    const finding = check.run(
      contextFor([
        ['Permissions-Policy', 'camera=()'],
        ['permissions-policy', 'microphone=()'],
      ]),
    );

    expect(finding.outcome).toBe('valid');
    expect(finding.evidence).toContain('2 features, 2 disabled');
  });

  test('broken second line invalidates the header', () => {
    const finding = check.run(
      contextFor([
        ['Permissions-Policy', 'camera=()'],
        ['Permissions-Policy', "microphone 'none'"],
      ]),
    );

    expect(finding.outcome).toBe('invalid');
  });

  test('unknown feature is noted', () => {
    const finding = check.run(policy('camera=(), teleport=()'));

    expect(finding.outcome).toBe('valid');
    expect(finding.notes).toEqual(['Unknown features, which browsers skip: teleport.']);
  });

  test('ignored allowlist entries are noted', () => {
    const finding = check.run(policy('camera=none, geolocation'));

    expect(finding.outcome).toBe('valid');
    expect(finding.notes).toEqual([
      'camera: browsers skip the allowlist entries none; use *, self or a quoted origin such as "https://example.com".',
      'geolocation: browsers skip the allowlist entries ?1 (a feature name without =); use *, self or a quoted origin such as "https://example.com".',
    ]);
  });

  test('unquoted origin is skipped and noted', () => {
    const finding = check.run(policy('geolocation=(self https://maps.example.com)'));

    expect(finding.outcome).toBe('valid');
    expect(finding.notes).toEqual([
      'geolocation: browsers skip the allowlist entries https://maps.example.com; use *, self or a quoted origin such as "https://example.com".',
    ]);
  });

  test('empty header restricts nothing', () => {
    const finding = check.run(policy(''));

    expect(finding.outcome).toBe('valid');
    expect(finding.notes).toEqual(['The header declares no feature, so it restricts nothing.']);
  });

  test('missing header is info', () => {
    const finding = check.run(contextFor([['Content-Type', 'text/html']]));

    expect(finding.outcome).toBe('missing');
    expect(finding.notes).toEqual([]);
  });

  test('Feature-Policy alone is noted', () => {
    const finding = check.run(contextFor([['Feature-Policy', "camera 'none'"]]));

    expect(finding.outcome).toBe('missing');
    expect(finding.notes?.[0]).toContain('Feature-Policy "camera \'none\'"');
  });

  test('real YouTube embed policy notes a misspelled hint', () => {
    const record = JSON.parse(
      readFileSync(
        new URL('../testdata/real-headers/www.youtube.com-embed_lighthouse.json', import.meta.url),
        'utf8',
      ),
    ) as ResponseRecord;
    const finding = check.run(contextFor(record.headers));

    expect(finding.outcome).toBe('valid');
    expect(finding.evidence).toContain('9 features, 0 disabled for every origin');
    expect(finding.notes).toEqual(['Unknown features, which browsers skip: ch-ua-form-factor.']);
  });

  test('any header value yields an outcome and never throws', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const context = policy(value);
        const finding = check.run(context);

        expect(['valid', 'invalid']).toContain(finding.outcome);
        expect(check.remediate(finding, context).summary.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('permissions-policy remediation', () => {
  test('missing header summary says it once', () => {
    const context = contextFor([]);
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe('The page sends no Permissions-Policy header.');
  });

  test('Feature-Policy syntax is explained', () => {
    const context = policy("camera 'none'");
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.summary).toBe(
      "Browsers ignore Permissions-Policy \"camera 'none'\" because it is not a valid structured-field dictionary (Parse error: Expected , at offset 7). It uses the Feature-Policy syntax (`camera 'none'`); Permissions-Policy is written `camera=()`.",
    );
  });

  test('fixes name django-permissions-policy and set one header', () => {
    const context = contextFor([], 'caddy');
    const remediation = check.remediate(check.run(context), context);

    expect(remediation.fixes.map((fix) => fix.stack)).toEqual([
      'caddy',
      'django',
      'nginx',
      'apache',
      'express',
    ]);
    expect(remediation.fixes[0]?.code).toBe(
      'header Permissions-Policy "camera=(), geolocation=(), microphone=(), payment=(), usb=()"',
    );
    const django = remediation.fixes.find((fix) => fix.stack === 'django');
    expect(django?.code).toContain('"django_permissions_policy.PermissionsPolicyMiddleware"');
  });
});
