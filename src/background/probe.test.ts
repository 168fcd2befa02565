import { describe, expect, test } from 'vitest';

import type { HeaderPair, ResponseRecord } from '../scoring/types';
import { HttpProbeRunner, isBrowserHstsUpgrade, probeFromObservation, probeTarget } from './probe';

function record(url: string, overrides: Partial<ResponseRecord> = {}): ResponseRecord {
  return { url, status: 200, headers: [], ...overrides };
}

describe('probeTarget', () => {
  test.each([
    ['https://shop.example.test/account/', 'http://shop.example.test/account/'],
    ['https://shop.example.test/search?q=token#results', 'http://shop.example.test/search'],
    ['https://shop.example.test:8443/', 'http://shop.example.test/'],
    ['https://[2001:db8::1]/admin', 'http://[2001:db8::1]/admin'],
    ['http://shop.example.test/', null],
    ['https://localhost/', null],
    ['https://app.localhost/', null],
    ['https://127.0.0.2/', null],
    ['https://[::1]/', null],
    ['not a url', null],
  ])('probeTarget of %s', (url, expected) => {
    expect(probeTarget(record(url))).toBe(expected);
  });
});

describe('isBrowserHstsUpgrade', () => {
  test.each<[number, HeaderPair[], boolean]>([
    [307, [['Non-Authoritative-Reason', 'HSTS']], true],
    [307, [['non-authoritative-reason', ' hsts ']], true],
    [307, [['Location', 'https://shop.example.test/']], false],
    [301, [['Non-Authoritative-Reason', 'HSTS']], false],
    [307, [['Non-Authoritative-Reason', 'Delegate']], false],
  ])('status %i with %j is %s', (status, headers, expected) => {
    expect(isBrowserHstsUpgrade(status, headers)).toBe(expected);
  });
});

describe('probeFromObservation', () => {
  const PROBE_URL = 'http://shop.example.test/';

  test('server redirect keeps status and location', () => {
    const probe = probeFromObservation(PROBE_URL, {
      status: 301,
      headers: [['Location', 'https://shop.example.test/']],
    });

    expect(probe).toEqual({
      state: 'response',
      url: PROBE_URL,
      status: 301,
      location: 'https://shop.example.test/',
    });
  });

  test('location falls back to the redirect url', () => {
    const probe = probeFromObservation(PROBE_URL, {
      status: 302,
      headers: [],
      redirectUrl: 'https://shop.example.test/',
    });

    expect(probe).toEqual({
      state: 'response',
      url: PROBE_URL,
      status: 302,
      location: 'https://shop.example.test/',
    });
  });

  test('browser hsts upgrade is not a response', () => {
    const probe = probeFromObservation(PROBE_URL, {
      status: 307,
      headers: [
        ['Location', 'https://shop.example.test/'],
        ['Non-Authoritative-Reason', 'HSTS'],
      ],
    });

    expect(probe).toEqual({ state: 'browser-hsts-upgrade', url: PROBE_URL });
  });
});

/** A response as `fetch` returns it for a redirect in `redirect: 'manual'` mode. */
function opaqueRedirect(): Response {
  return { type: 'opaqueredirect', status: 0, headers: new Headers(), body: null } as Response;
}

/** A fetch that never settles until its signal aborts, like a server that never responds. */
function hangingFetch(_input: string, init: RequestInit): Promise<Response> {
  return new Promise((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
  });
}

describe('HttpProbeRunner', () => {
  const PROBE_URL = 'http://shop.example.test/';

  test('probe sends no credentials and follows no redirect', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const runner = new HttpProbeRunner((input, init) => {
      calls.push([input, init]);
      return Promise.resolve(new Response('plain page', { status: 200 }));
    });

    await runner.run(PROBE_URL);

    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBe(PROBE_URL);
    expect(calls[0]?.[1]).toMatchObject({
      credentials: 'omit',
      redirect: 'manual',
      cache: 'no-store',
    });
  });

  test('plain response is read from fetch', async () => {
    const runner = new HttpProbeRunner(() => Promise.resolve(new Response('ok', { status: 200 })));

    expect(await runner.run(PROBE_URL)).toEqual({ state: 'response', url: PROBE_URL, status: 200 });
  });

  test('opaque redirect is read from the observed event', async () => {
    const runner = new HttpProbeRunner(() => Promise.resolve(opaqueRedirect()));

    const probe = runner.run(PROBE_URL);
    // The webRequest event may arrive after fetch resolved.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(runner.isProbing(PROBE_URL)).toBe(true);
    runner.observe(PROBE_URL, {
      status: 308,
      headers: [['location', 'https://shop.example.test/']],
    });

    expect(await probe).toEqual({
      state: 'response',
      url: PROBE_URL,
      status: 308,
      location: 'https://shop.example.test/',
    });
    expect(runner.isProbing(PROBE_URL)).toBe(false);
  });

  test('observed hsts upgrade is the browser upgrade', async () => {
    const runner = new HttpProbeRunner(() => {
      runner.observe(PROBE_URL, { status: 307, headers: [['Non-Authoritative-Reason', 'HSTS']] });
      return Promise.resolve(opaqueRedirect());
    });

    expect(await runner.run(PROBE_URL)).toEqual({ state: 'browser-hsts-upgrade', url: PROBE_URL });
  });

  test('observation of another url is ignored', async () => {
    const runner = new HttpProbeRunner(() => Promise.resolve(opaqueRedirect()), 30);

    const probe = runner.run(PROBE_URL);
    runner.observe('http://other.example.test/', { status: 301, headers: [] });

    expect(await probe).toEqual({
      state: 'error',
      url: PROBE_URL,
      message: 'no response within 0.03 s',
    });
  });

  test('network error is reported with its message', async () => {
    const runner = new HttpProbeRunner(() => Promise.reject(new TypeError('Failed to fetch')));

    expect(await runner.run(PROBE_URL)).toEqual({
      state: 'error',
      url: PROBE_URL,
      message: 'Failed to fetch',
    });
  });

  test('silent server times out', async () => {
    const runner = new HttpProbeRunner(hangingFetch, 20);

    expect(await runner.run(PROBE_URL)).toEqual({
      state: 'error',
      url: PROBE_URL,
      message: 'no response within 0.02 s',
    });
  });

  test('probes of one url at once share a request', async () => {
    let calls = 0;
    const runner = new HttpProbeRunner(() => {
      calls += 1;
      return Promise.resolve(new Response('', { status: 200 }));
    });

    const [first, second] = await Promise.all([runner.run(PROBE_URL), runner.run(PROBE_URL)]);

    expect(calls).toBe(1);
    expect(second).toEqual(first);
  });
});
