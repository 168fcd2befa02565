import { describe, expect, test } from 'vitest';
import { WEIGHTS } from '../weights';
import { check } from './https';
import { contextForPage as contextFor } from '../testing/contexts';

describe('https', () => {
  test.each([
    ['https://shop.example.test/', 'served'],
    ['http://shop.example.test/', 'plain-http'],
    ['not a url', 'plain-http'],
    ['http://localhost:8000/', 'development-host'],
    ['https://127.0.0.1:8443/', 'development-host'],
  ])('%s is %s', (url, outcome) => {
    expect(check.run(contextFor(url)).outcome).toBe(outcome);
  });

  test('https returns only outcomes of the weights table', () => {
    const outcomes = Object.keys(WEIGHTS.https);
    for (const url of ['https://a.test/', 'http://a.test/', 'http://localhost/', '']) {
      expect(outcomes).toContain(check.run(contextFor(url)).outcome);
    }
  });

  test('https quotes the plain-HTTP URL', () => {
    const finding = check.run(contextFor('http://shop.example.test/cart'));
    expect(finding.evidence).toBe('http://shop.example.test/cart was served over plain HTTP');
  });

  test('https notes a production failure on a plain-HTTP development host', () => {
    const finding = check.run(contextFor('http://localhost:8000/'));
    expect(finding.notes).toEqual([
      'This would fail in production unchanged: http://localhost:8000/ was served over plain HTTP.',
    ]);
  });

  test('https adds no note on an HTTPS development host', () => {
    expect(check.run(contextFor('https://app.localhost/')).notes).toEqual([]);
  });

  test('https remediation names the certificate of the host', () => {
    const context = contextFor('http://shop.example.test/');
    const remediation = check.remediate(check.run(context), context);
    expect(remediation.summary).toBe(
      'The page "http://shop.example.test/" was served over plain HTTP, not HTTPS.',
    );
    expect(remediation.fixes.map((fix) => fix.stack)).toEqual([
      'django',
      'nginx',
      'apache',
      'express',
      'caddy',
    ]);
    expect(remediation.fixes[1]?.code).toContain(
      'ssl_certificate /etc/letsencrypt/live/shop.example.test/fullchain.pem;',
    );
    expect(remediation.docs).toBe('https://developer.mozilla.org/en-US/docs/Glossary/HTTPS');
  });
});
