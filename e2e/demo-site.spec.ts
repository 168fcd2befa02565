// The demo site's servers, checked over real sockets without a browser.

import { expect, test } from '@playwright/test';

import { headerValues, requestFromLoopback } from './http-client';
import { DEMO_PAGES } from './servers/demo-pages.mjs';
import { hostnameOf, startDemoSite, type DemoSite } from './servers/demo-site.mjs';

let site: DemoSite;

test.beforeAll(async () => {
  site = await startDemoSite({ pages: DEMO_PAGES, ports: 'ephemeral' });
});

test.afterAll(async () => {
  await site.close();
});

test('plain HTTP redirects to the same host, path and query', async () => {
  const response = await requestFromLoopback(site.httpUrl('shop.test', '/account/orders?page=2'));

  expect(response.status).toBe(301);
  expect(headerValues(response, 'location')).toEqual([
    site.httpsUrl('shop.test', '/account/orders?page=2'),
  ]);
});

test('index links every demo page through plain HTTP', async () => {
  const response = await requestFromLoopback(site.httpsUrl('demo.test', '/'));

  expect(response.status).toBe(200);
  for (const path of ['/hardened', '/weak', '/review']) {
    expect(response.body).toContain(`href="${site.httpUrl('demo.test', path)}"`);
  }
});

test('review page sends the review headers', async () => {
  const response = await requestFromLoopback(site.httpsUrl('demo.test', '/review'));

  expect(headerValues(response, 'strict-transport-security')).toEqual(['max-age=31536000']);
  expect(headerValues(response, 'x-frame-options')).toEqual(['DENY']);
  expect(headerValues(response, 'x-content-type-options')).toEqual(['nosniff']);
  expect(headerValues(response, 'referrer-policy')).toEqual(['same-origin']);
  expect(headerValues(response, 'cross-origin-opener-policy')).toEqual(['same-origin']);
  expect(headerValues(response, 'content-security-policy')).toEqual([]);
});

test('repeated Set-Cookie lines stay separate', async () => {
  const response = await requestFromLoopback(site.httpsUrl('demo.test', '/review'));
  const cookies = headerValues(response, 'set-cookie');

  expect(cookies).toHaveLength(2);
  expect(cookies[0]).toMatch(/^csrftoken=[^;]+; Path=\/review; Secure; SameSite=Lax/);
  expect(cookies[1]).toMatch(/^sessionid=[^;]+; Path=\/review; Secure; HttpOnly; SameSite=Lax$/);
});

test('hardened page sends a fresh nonce each time', async () => {
  const first = await requestFromLoopback(site.httpsUrl('demo.test', '/hardened'));
  const second = await requestFromLoopback(site.httpsUrl('demo.test', '/hardened'));
  const nonceOf = (policy: string | undefined): string | undefined =>
    /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

  const firstNonce = nonceOf(headerValues(first, 'content-security-policy')[0]);
  const secondNonce = nonceOf(headerValues(second, 'content-security-policy')[0]);

  expect(firstNonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(secondNonce).not.toBe(firstNonce);
  expect(first.body).toContain(`<script nonce="${firstNonce}">`);
});

test('page set of one host leaves other hosts alone', async () => {
  site.setPages('custom.test', {
    '/': { status: 418, headers: [['X-Case', 'custom']], body: 'custom page' },
  });

  const custom = await requestFromLoopback(site.httpsUrl('custom.test', '/'));
  const other = await requestFromLoopback(site.httpsUrl('other.test', '/'));

  expect(custom.status).toBe(418);
  expect(headerValues(custom, 'x-case')).toEqual(['custom']);
  expect(headerValues(custom, 'content-type')).toEqual(['text/html; charset=utf-8']);
  expect(other.status).toBe(200);
  expect(headerValues(other, 'x-case')).toEqual([]);
});

test('unknown path is a 404', async () => {
  const response = await requestFromLoopback(site.httpsUrl('demo.test', '/missing'));

  expect(response.status).toBe(404);
});

test.describe('hostnameOf', () => {
  const cases: Array<[hostHeader: string | undefined, hostname: string]> = [
    ['Demo.Test:8443', 'demo.test'],
    ['demo.test', 'demo.test'],
    ['[::1]:443', '[::1]'],
    [undefined, ''],
  ];
  for (const [hostHeader, hostname] of cases) {
    test(`reads "${hostname}" from ${String(hostHeader)}`, () => {
      expect(hostnameOf(hostHeader)).toBe(hostname);
    });
  }
});
