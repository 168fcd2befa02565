import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { HttpProbe, RedirectHop, ResponseRecord } from '../types';
import { WEIGHTS } from '../weights';
import { check, evaluateHttpsRedirect } from './https-redirect';
import { contextForPage as contextFor } from '../testing/contexts';

function corpusRecord(file: string): ResponseRecord {
  const path = new URL(`../testdata/real-headers/${file}`, import.meta.url);
  return JSON.parse(readFileSync(path, 'utf8')) as ResponseRecord;
}

const PAGE = 'https://shop.example.test/account/';
const hop = (url: string, status: number, location?: string): RedirectHop =>
  location === undefined ? { url, status } : { url, status, location };
const HSTS_UPGRADE: RedirectHop = {
  url: 'http://shop.example.test/account/',
  status: 307,
  location: PAGE,
  headers: [['Non-Authoritative-Reason', 'HSTS']],
};

describe('https-redirect with observed hops', () => {
  test.each<[string, RedirectHop[], string]>([
    ['same host', [hop('http://shop.example.test/account/', 301, PAGE)], 'same-host'],
    [
      'ports ignored',
      [
        hop(
          'http://shop.example.test:8080/account/',
          301,
          'https://shop.example.test:8443/account/',
        ),
      ],
      'same-host',
    ],
    ['host case ignored', [hop('http://SHOP.example.test/', 301, PAGE)], 'same-host'],
    [
      'a relative location stays on HTTP',
      [
        hop('http://shop.example.test/', 301, '/account/'),
        hop('http://shop.example.test/account/', 301, PAGE),
      ],
      'via-http',
    ],
    [
      'location from next hop',
      [hop('http://shop.example.test/', 301), hop(PAGE, 200)],
      'same-host',
    ],
    ['other host', [hop('http://example.test/', 301, PAGE)], 'other-host'],
    [
      'via plain HTTP',
      [
        hop('http://example.test/', 301, 'http://shop.example.test/'),
        hop('http://shop.example.test/', 301, PAGE),
      ],
      'via-http',
    ],
    [
      'first http hop after https hops',
      [
        hop('https://a.test/', 302, 'http://shop.example.test/'),
        hop('http://shop.example.test/', 301, PAGE),
      ],
      'same-host',
    ],
  ])('%s', (_name, redirects, outcome) => {
    expect(check.run(contextFor(PAGE, { redirects })).outcome).toBe(outcome);
  });

  test('https-redirect fails a page served over plain HTTP', () => {
    const finding = check.run(contextFor('http://shop.example.test/', { status: 200 }));
    expect(finding.outcome).toBe('missing');
    expect(finding.evidence).toBe(
      'http://shop.example.test/ was served over plain HTTP (status 200) without a redirect to HTTPS',
    );
  });

  test('https-redirect fails a chain that ends on plain HTTP', () => {
    const redirects = [hop('https://shop.example.test/', 301, 'http://shop.example.test/')];
    const finding = check.run(contextFor('http://shop.example.test/', { redirects }));
    expect(finding.outcome).toBe('missing');
    expect(finding.evidence).toBe(
      'the redirect chain ends on plain HTTP: https://shop.example.test/ (301) → http://shop.example.test/',
    );
  });

  test('https-redirect quotes the hop it judged', () => {
    const finding = check.run(
      contextFor(PAGE, { redirects: [hop('http://example.test/', 301, PAGE)] }),
    );
    expect(finding.evidence).toBe(
      `http://example.test/ answered 301 with Location "${PAGE}": HTTPS, but on another host`,
    );
  });
});

describe('https-redirect with the browser HSTS upgrade', () => {
  test('https-redirect does not count the HSTS 307 as a server redirect', () => {
    const finding = check.run(contextFor(PAGE, { redirects: [HSTS_UPGRADE] }));
    expect(finding.outcome).toBe('not-verified');
    expect(finding.notes).toContain(
      "The 307 from http://shop.example.test/account/ is the browser's own upgrade from its HSTS cache (Non-Authoritative-Reason: HSTS), not a server redirect.",
    );
  });

  test('https-redirect falls back to the probe after the HSTS 307', () => {
    const httpProbe: HttpProbe = {
      state: 'response',
      url: 'http://shop.example.test/account/',
      status: 301,
      location: PAGE,
    };
    const finding = check.run(contextFor(PAGE, { redirects: [HSTS_UPGRADE], httpProbe }));
    expect(finding.outcome).toBe('same-host');
    expect(finding.notes).toHaveLength(1);
  });

  test('https-redirect names another browser redirect reason', () => {
    const delegated: RedirectHop = {
      ...HSTS_UPGRADE,
      headers: [['non-authoritative-reason', 'Delegate']],
    };
    const finding = check.run(contextFor(PAGE, { redirects: [delegated] }));
    expect(finding.outcome).toBe('not-verified');
    expect(finding.notes?.[0]).toContain(
      'made by the browser (Non-Authoritative-Reason: Delegate)',
    );
  });

  test('https-redirect trusts a 307 without the browser header', () => {
    const serverRedirect: RedirectHop = {
      url: 'http://shop.example.test/account/',
      status: 307,
      location: PAGE,
    };
    expect(check.run(contextFor(PAGE, { redirects: [serverRedirect] })).outcome).toBe('same-host');
  });
});

describe('https-redirect with the probe', () => {
  const probeUrl = 'http://shop.example.test/account/';
  test.each<[string, HttpProbe | undefined, string, string]>([
    [
      'no probe',
      undefined,
      'not-verified',
      'no plain-HTTP request for the page was observed, and none was probed',
    ],
    [
      'probe off',
      { state: 'disabled' },
      'not-verified',
      'no plain-HTTP request for the page was observed, and the redirect probe is turned off in the options',
    ],
    [
      'probe upgraded by the browser',
      { state: 'browser-hsts-upgrade', url: probeUrl },
      'not-verified',
      `no plain-HTTP request for the page was observed: the browser upgraded the probe of ${probeUrl} to HTTPS itself`,
    ],
    [
      'probe failed',
      { state: 'error', url: probeUrl, message: 'connection refused' },
      'not-verified',
      `the plain-HTTP probe of ${probeUrl} failed: connection refused`,
    ],
    [
      'same host',
      { state: 'response', url: probeUrl, status: 301, location: PAGE },
      'same-host',
      `${probeUrl} answered 301 with Location "${PAGE}": HTTPS on the same host`,
    ],
    [
      'other host',
      { state: 'response', url: probeUrl, status: 302, location: 'https://login.example.test/' },
      'other-host',
      `${probeUrl} answered 302 with Location "https://login.example.test/": HTTPS, but on another host`,
    ],
    [
      'relative plain location',
      { state: 'response', url: probeUrl, status: 301, location: '/en/' },
      'via-http',
      `the plain-HTTP probe of ${probeUrl} answered 301 with Location "/en/", another plain-HTTP URL`,
    ],
    [
      'content over HTTP',
      { state: 'response', url: probeUrl, status: 200 },
      'missing',
      `a plain-HTTP request for ${probeUrl} received status 200 without a redirect`,
    ],
    [
      'redirect without Location',
      { state: 'response', url: probeUrl, status: 302 },
      'missing',
      `a plain-HTTP request for ${probeUrl} received status 302 without a redirect`,
    ],
    [
      'error page over HTTP',
      { state: 'response', url: probeUrl, status: 403 },
      'missing',
      `a plain-HTTP request for ${probeUrl} received status 403 without a redirect`,
    ],
  ])('%s', (_name, httpProbe, outcome, evidence) => {
    const record = httpProbe === undefined ? {} : { httpProbe };
    const finding = check.run(contextFor(PAGE, record));
    expect(finding.outcome).toBe(outcome);
    expect(finding.evidence).toBe(evidence);
  });

  test('https-redirect notes that the browser upgraded the probe', () => {
    const finding = check.run(
      contextFor(PAGE, { httpProbe: { state: 'browser-hsts-upgrade', url: probeUrl } }),
    );
    expect(finding.notes?.[0]).toContain('HSTS cache');
  });

  test('https-redirect prefers an observed hop over the probe', () => {
    const httpProbe: HttpProbe = { state: 'response', url: probeUrl, status: 200 };
    const redirects = [hop(probeUrl, 301, PAGE)];
    expect(check.run(contextFor(PAGE, { redirects, httpProbe })).outcome).toBe('same-host');
  });
});

describe('https-redirect on a development host', () => {
  test('https-redirect is n/a with a note when it would fail', () => {
    const finding = check.run(contextFor('http://localhost:8000/'));
    expect(finding.outcome).toBe('development-host');
    expect(finding.notes).toEqual([
      'This would fail in production unchanged: http://localhost:8000/ was served over plain HTTP (status 200) without a redirect to HTTPS.',
    ]);
  });

  test('https-redirect is n/a without a note when it would pass', () => {
    const redirects = [hop('http://app.localhost/', 301, 'https://app.localhost/')];
    const finding = check.run(contextFor('https://app.localhost/', { redirects }));
    expect(finding.outcome).toBe('development-host');
    expect(finding.notes).toEqual([]);
  });

  test('https-redirect still evaluates a development host on request', () => {
    expect(evaluateHttpsRedirect(contextFor('http://127.0.0.1:8000/')).outcome).toBe('missing');
  });
});

describe('https-redirect on real captures', () => {
  test.each([
    ['www.sitespeed.io_pagexray-redirect-https-2015.json', 'same-host'],
    ['www.yahoo.com_chrome-har-lighthouse.json', 'same-host'],
    ['youtube.com_headcheck-2020.json', 'same-host'],
    ['www.google.com_chrome-har-lighthouse-redirect.json', 'via-http'],
    ['www.cnn.com_haralyzer-firebug-2015.json', 'missing'],
    ['m.corporate.arcelormittal.com_pagexray-redirect.json', 'missing'],
    ['cn.bing.com_chrome-har.json', 'not-verified'],
  ])('%s is %s', (file, outcome) => {
    const record = corpusRecord(file);
    expect(check.run(contextFor(record.url, record)).outcome).toBe(outcome);
  });
});

describe('https-redirect remediation', () => {
  test.each<[string, Partial<ResponseRecord>, string, string]>([
    [
      'a page served over plain HTTP',
      {},
      'http://shop.example.test/account/',
      'Plain HTTP is not redirected to HTTPS: http://shop.example.test/account/ was served over plain HTTP (status 200).',
    ],
    [
      'a probe answered without a redirect',
      { httpProbe: { state: 'response', url: 'http://shop.example.test/account/', status: 200 } },
      PAGE,
      'Plain HTTP is not redirected to HTTPS: a plain-HTTP request for http://shop.example.test/account/ received status 200.',
    ],
    [
      'a redirect to another host',
      { redirects: [hop('http://shop.example.test/account/', 301, 'https://login.example.test/')] },
      'https://login.example.test/',
      'Plain HTTP is not redirected to HTTPS on the same host: http://shop.example.test/account/ answered 301 with Location "https://login.example.test/": HTTPS, but on another host.',
    ],
  ])('summary of %s', (_case, record, url, summary) => {
    const context = contextFor(url, record);
    expect(check.remediate(check.run(context), context).summary).toBe(summary);
  });
});

describe('https-redirect outcomes', () => {
  test('https-redirect returns only outcomes of the weights table', () => {
    const outcomes = Object.keys(WEIGHTS['https-redirect']);
    const contexts = [
      contextFor(PAGE),
      contextFor('http://a.test/'),
      contextFor('http://localhost/'),
      contextFor('not a url'),
      contextFor(PAGE, { redirects: [HSTS_UPGRADE] }),
    ];
    for (const context of contexts) {
      expect(outcomes).toContain(check.run(context).outcome);
    }
  });

  test('https-redirect remediation leads with Django settings', () => {
    const context = contextFor('http://shop.example.test/');
    const remediation = check.remediate(check.run(context), context);
    expect(remediation.fixes[0]?.code).toContain('SECURE_SSL_REDIRECT = True');
    expect(remediation.fixes.find((fix) => fix.stack === 'nginx')?.code).toContain(
      'return 301 https://$host$request_uri;',
    );
    expect(remediation.fixes.find((fix) => fix.stack === 'caddy')?.code).toContain(
      'redir https://shop.example.test{uri} permanent',
    );
    expect(remediation.summary).toContain('http://shop.example.test/ was served over plain HTTP');
  });

  test('https-redirect remediation leads with the detected stack', () => {
    const context = { ...contextFor('http://shop.example.test/'), stack: 'caddy' as const };
    const remediation = check.remediate(check.run(context), context);
    expect(remediation.fixes[0]?.stack).toBe('caddy');
  });
});
