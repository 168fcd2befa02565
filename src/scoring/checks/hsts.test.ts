import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { HeaderPair, RedirectHop, ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check } from './hsts';
import { contextForPage as contextFor } from '../testing/contexts';

const PAGE = 'https://shop.example.test/';
const hsts = (...values: string[]): HeaderPair[] =>
  values.map((value): HeaderPair => ['Strict-Transport-Security', value]);
const SAME_HOST_REDIRECT: RedirectHop[] = [
  { url: 'http://shop.example.test/', status: 301, location: PAGE },
];

describe('hsts', () => {
  test.each<[string, HeaderPair[], string]>([
    ['no header', [], 'missing'],
    [
      'one year with subdomains',
      hsts('max-age=31536000; includeSubDomains'),
      'one-year-subdomains',
    ],
    [
      'two years with subdomains',
      hsts('max-age=63072000; includeSubDomains'),
      'one-year-subdomains',
    ],
    ['one year without subdomains', hsts('max-age=31536000'), 'one-year'],
    ['one day', hsts('max-age=86400; includeSubDomains'), 'short'],
    ['one second short of a year', hsts('max-age=31535999; includeSubDomains'), 'short'],
    ['zero', hsts('max-age=0'), 'max-age-zero'],
    ['quoted junk', hsts('max-age="31536000junk"'), 'invalid'],
    ['repeated directive', hsts('max-age=31536000; max-age=31536000'), 'invalid'],
    [
      'only the first line counts',
      hsts('max-age=60', 'max-age=31536000; includeSubDomains'),
      'short',
    ],
    ['a broken first line', hsts('max-age=x', 'max-age=31536000; includeSubDomains'), 'invalid'],
    ['joined lines of an export', hsts('max-age=60\nmax-age=31536000'), 'short'],
    [
      'preload without a redirect',
      hsts('max-age=31536000; includeSubDomains; preload'),
      'one-year-subdomains',
    ],
  ])('%s', (_name, headers, outcome) => {
    expect(check.run(contextFor(PAGE, { headers })).outcome).toBe(outcome);
  });

  test('hsts is preload-ready with a same-host first redirect', () => {
    const headers = hsts('max-age=31536000; includeSubDomains; preload');
    const finding = check.run(contextFor(PAGE, { headers, redirects: SAME_HOST_REDIRECT }));
    expect(finding.outcome).toBe('preload-ready');
  });

  test('hsts is not preload-ready when the redirect goes to another host', () => {
    const headers = hsts('max-age=31536000; includeSubDomains; preload');
    const redirects: RedirectHop[] = [{ url: 'http://example.test/', status: 301, location: PAGE }];
    const finding = check.run(contextFor(PAGE, { headers, redirects }));
    expect(finding.outcome).toBe('one-year-subdomains');
    expect(finding.notes?.[0]).toContain('same host, which was not shown');
  });

  test('hsts needs a year for preload-ready', () => {
    const headers = hsts('max-age=86400; includeSubDomains; preload');
    const finding = check.run(contextFor(PAGE, { headers, redirects: SAME_HOST_REDIRECT }));
    expect(finding.outcome).toBe('short');
  });

  test('hsts is n/a on a plain-HTTP page and quotes the ignored header', () => {
    const finding = check.run(
      contextFor('http://shop.example.test/', { headers: hsts('max-age=1') }),
    );
    expect(finding.outcome).toBe('plain-http');
    expect(finding.evidence).toBe(
      'the page was served over plain HTTP, where browsers ignore Strict-Transport-Security, so the received "max-age=1" is ignored',
    );
  });

  test('hsts quotes an invalid value with the reason', () => {
    const finding = check.run(
      contextFor(PAGE, { headers: hsts('max-age=1; includeSubDomains=yes') }),
    );
    expect(finding.evidence).toBe(
      'Strict-Transport-Security "max-age=1; includeSubDomains=yes" is invalid ("includeSubDomains" takes no value, but received "yes"), so browsers set no policy',
    );
  });

  test('hsts notes repeated header lines', () => {
    const finding = check.run(contextFor(PAGE, { headers: hsts('max-age=31536000', 'max-age=1') }));
    expect(finding.notes).toContain(
      '2 Strict-Transport-Security lines were received; browsers use only the first.',
    );
  });

  test('hsts notes unknown directives', () => {
    const finding = check.run(
      contextFor(PAGE, { headers: hsts('max-age=31536000; includeSubDomain') }),
    );
    expect(finding.outcome).toBe('one-year');
    expect(finding.notes).toContain('Browsers skip the unknown directives includesubdomain.');
  });

  test('hsts quotes a 1 MB value in short', () => {
    const value = `max-age=1; ${'x'.repeat(1024 * 1024)}=`;
    const finding = check.run(contextFor(PAGE, { headers: hsts(value) }));
    expect(finding.outcome).toBe('invalid');
    expect(finding.evidence.length).toBeLessThan(400);
  });
});

describe('hsts on a development host', () => {
  test('hsts is n/a with a note when it would fail', () => {
    const finding = check.run(contextFor('https://app.localhost/', { headers: [] }));
    expect(finding.outcome).toBe('development-host');
    expect(finding.notes).toEqual([
      'This would fail in production unchanged: no Strict-Transport-Security header.',
    ]);
  });

  test('hsts is n/a without a note when it would pass', () => {
    const headers = hsts('max-age=31536000; includeSubDomains');
    const finding = check.run(contextFor('https://127.0.0.1:8443/', { headers }));
    expect(finding.outcome).toBe('development-host');
    expect(finding.notes).toEqual([]);
  });
});

describe('hsts remediation', () => {
  test.each([
    [
      'max-age=31536000',
      'Strict-Transport-Security "max-age=31536000" falls short: at least one year, but without includeSubDomains.',
    ],
    [
      'max-age=300; includeSubDomains',
      'Strict-Transport-Security "max-age=300; includeSubDomains" falls short: max-age is 300 seconds, less than one year (31536000).',
    ],
    [
      'max-age=1; includeSubDomains=yes',
      'Strict-Transport-Security "max-age=1; includeSubDomains=yes" is invalid ("includeSubDomains" takes no value, but received "yes"), so browsers set no policy.',
    ],
    [
      'max-age=0',
      'Strict-Transport-Security "max-age=0" falls short: max-age=0 tells browsers to forget the policy.',
    ],
  ])('hsts summary of %s names the value once', (value, summary) => {
    const context = contextFor(PAGE, { headers: hsts(value), redirects: SAME_HOST_REDIRECT });
    expect(check.remediate(check.run(context), context).summary).toBe(summary);
  });

  test('hsts remediation sets one year with subdomains on every stack', () => {
    const context = contextFor(PAGE, { headers: hsts('max-age=86400') });
    const remediation = check.remediate(check.run(context), context);
    const code = Object.fromEntries(remediation.fixes.map((fix) => [fix.stack, fix.code]));
    expect(remediation.summary).toContain('"max-age=86400"');
    expect(code.django).toContain('SECURE_HSTS_SECONDS = 31536000');
    expect(code.django).toContain('SECURE_HSTS_INCLUDE_SUBDOMAINS = True');
    expect(code.nginx).toBe(
      'add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;',
    );
    expect(code.apache).toBe(
      'Header always set Strict-Transport-Security "max-age=31536000; includeSubDomains"',
    );
    expect(code.express).toContain(
      'helmet({ strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true } })',
    );
    expect(code.caddy).toBe(
      'header Strict-Transport-Security "max-age=31536000; includeSubDomains"',
    );
  });

  test('hsts remediation asks to set a duplicated header once', () => {
    const context = contextFor(PAGE, { headers: hsts('max-age=x', 'max-age=31536000') });
    const remediation = check.remediate(check.run(context), context);
    expect(remediation.summary).toContain('2 header lines were received');
  });
});

describe('hsts on real captures', () => {
  const directory = new URL('../testdata/real-headers/', import.meta.url);
  const files = readdirSync(directory).filter((file) => file.endsWith('.json'));

  test.each(files)('%s grades without error', (file) => {
    const record = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as ResponseRecord;
    const finding = check.run(contextFor(record.url, record));
    expect(Object.keys(WEIGHTS.hsts)).toContain(finding.outcome);
  });

  test.each([
    ['www.calibreapp.com_chrome-har-signin.json', 'one-year-subdomains'],
    ['www.cnn.com_haralyzer-firebug-2015.json', 'plain-http'],
    ['www.cnn.com_2024-05_lighthouse.json', 'missing'],
  ])('%s is %s', (file, outcome) => {
    const record = JSON.parse(readFileSync(new URL(file, directory), 'utf8')) as ResponseRecord;
    expect(check.run(contextFor(record.url, record)).outcome).toBe(outcome);
  });
});
