import { readFileSync } from 'node:fs';

import { assert, describe, expect, test } from 'vitest';

import { isHarLog, readHar, writeHar, type HarPage } from '.';
import { gradeRecord } from '../index';
import type { ResponseRecord } from '../types';

const chromeExport: unknown = JSON.parse(
  readFileSync(new URL('./testdata/chrome-devtools-export.har', import.meta.url), 'utf8'),
);

interface EntryInput {
  url: string;
  status?: number;
  type?: string;
  mimeType?: string;
  headers?: Array<[string, string]>;
  redirectURL?: string;
  text?: string;
  encoding?: string;
  pageref?: string;
}

/** Builds a minimal HAR entry: only the fields the reader looks at. */
function entry(input: EntryInput): Record<string, unknown> {
  return {
    ...(input.pageref === undefined ? {} : { pageref: input.pageref }),
    ...(input.type === undefined ? {} : { _resourceType: input.type }),
    request: { method: 'GET', url: input.url, headers: [] },
    response: {
      status: input.status ?? 200,
      headers: (input.headers ?? []).map(([name, value]) => ({ name, value })),
      content: {
        size: 0,
        mimeType: input.mimeType ?? '',
        ...(input.text === undefined ? {} : { text: input.text }),
        ...(input.encoding === undefined ? {} : { encoding: input.encoding }),
      },
      redirectURL: input.redirectURL ?? '',
    },
  };
}

function har(entries: unknown[], pages?: unknown[]): unknown {
  return { log: { version: '1.2', ...(pages === undefined ? {} : { pages }), entries } };
}

function readPages(value: unknown): HarPage[] {
  const result = readHar(value);
  if (!result.ok) {
    throw new Error(`expected a readable HAR, got: ${result.error}`);
  }
  return result.pages;
}

function onlyPage(value: unknown): HarPage {
  const pages = readPages(value);
  expect(pages).toHaveLength(1);
  return pages[0] as HarPage;
}

describe('readHar on a Chrome DevTools export', () => {
  const page = onlyPage(chromeExport);

  test('takes the HTTPS document as the top document', () => {
    expect(page.id).toBe('page_2');
    expect(page.document.url).toBe('https://shop.example.test/account/');
    expect(page.document.status).toBe(200);
  });

  test('keeps the document request headers', () => {
    expect(page.document.requestHeaders?.[0]).toEqual([':authority', 'shop.example.test']);
    expect(page.document.requestHeaders).toContainEqual(['sec-fetch-dest', 'document']);
  });

  test('links the plain-HTTP 301 as the first redirect hop', () => {
    expect(page.document.redirects).toHaveLength(1);
    const hop = page.document.redirects?.[0];
    expect(hop?.url).toBe('http://shop.example.test/account/');
    expect(hop?.status).toBe(301);
    expect(hop?.location).toBe('https://shop.example.test/account/');
    expect(hop?.headers).toContainEqual(['Server', 'nginx/1.24.0']);
  });

  test('keeps header order and both Set-Cookie lines', () => {
    const names = page.document.headers.map(([name]) => name);
    expect(names.slice(0, 3)).toEqual([
      'content-encoding',
      'content-type',
      'cross-origin-opener-policy',
    ]);
    const cookies = page.document.headers
      .filter(([name]) => name === 'set-cookie')
      .map(([, value]) => value);
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^csrftoken=/);
    expect(cookies[1]).toMatch(/^sessionid=.*HttpOnly/);
  });

  test('reads the document markup as html', () => {
    expect(page.document.html).toContain('<iframe src="https://payments.example.test/embed/card"');
  });

  test('lists the script with its content', () => {
    expect(page.document.scripts).toEqual([
      {
        url: 'https://cdn.example.test/js/jquery-3.4.1.min.js',
        content: expect.stringContaining('jQuery v3.4.1') as unknown,
      },
    ]);
  });

  test('lists the script and the frame as subresources', () => {
    expect(page.document.subresources).toEqual([
      { url: 'https://cdn.example.test/js/jquery-3.4.1.min.js', type: 'script' },
      { url: 'https://payments.example.test/embed/card', type: 'sub_frame' },
    ]);
  });

  test('reads the frame document as a record of its own', () => {
    expect(page.frames).toHaveLength(1);
    const frame = page.frames[0];
    expect(frame?.url).toBe('https://payments.example.test/embed/card');
    expect(frame?.headers).toContainEqual([
      'content-security-policy',
      "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors https://shop.example.test",
    ]);
    expect(frame?.html).toContain('Visa ending in 4242');
  });
});

describe('readHar finding the top document', () => {
  test('follows the redirect chain from a start URL title', () => {
    const page = onlyPage(
      har(
        [
          entry({
            url: 'http://a.test/',
            status: 301,
            type: 'document',
            redirectURL: 'https://a.test/',
          }),
          entry({
            url: 'https://a.test/',
            status: 302,
            type: 'document',
            headers: [['Location', '/home']],
          }),
          entry({ url: 'https://a.test/home', type: 'document', mimeType: 'text/html' }),
        ].map((item) => ({ ...item, pageref: 'p' })),
        [{ id: 'p', title: 'http://a.test/' }],
      ),
    );

    expect(page.document.url).toBe('https://a.test/home');
    expect(page.document.redirects?.map((hop) => hop.url)).toEqual([
      'http://a.test/',
      'https://a.test/',
    ]);
    expect(page.document.redirects?.[1]?.location).toBe('/home');
  });

  test('walks back to the first hop from a final URL title', () => {
    const page = onlyPage(
      har(
        [
          entry({ url: 'https://a.test/', type: 'image', mimeType: 'image/png' }),
          entry({
            url: 'http://a.test/x',
            status: 301,
            type: 'document',
            redirectURL: 'https://a.test/x',
          }),
          entry({ url: 'https://a.test/x', type: 'document', mimeType: 'text/html' }),
        ].map((item) => ({ ...item, pageref: 'p' })),
        [{ id: 'p', title: 'https://a.test/x' }],
      ),
    );

    expect(page.document.url).toBe('https://a.test/x');
    expect(page.document.redirects?.map((hop) => hop.url)).toEqual(['http://a.test/x']);
  });

  test('uses the first text/html response without types or pages', () => {
    const page = onlyPage(
      har([
        entry({ url: 'https://b.test/app.js', mimeType: 'application/javascript' }),
        entry({ url: 'https://b.test/', mimeType: 'text/html; charset=UTF-8', text: '<p>hi</p>' }),
        entry({ url: 'https://b.test/style.css', mimeType: 'text/css' }),
      ]),
    );

    expect(page.id).toBeNull();
    expect(page.document.url).toBe('https://b.test/');
    expect(page.document.html).toBe('<p>hi</p>');
    expect(page.document.subresources).toEqual([
      { url: 'https://b.test/app.js', type: 'script' },
      { url: 'https://b.test/style.css', type: 'stylesheet' },
    ]);
  });

  test('matches the start URL without its fragment', () => {
    const page = onlyPage(
      har(
        [
          entry({ url: 'https://c.test/other', type: 'document', pageref: 'p' }),
          entry({ url: 'https://c.test/', type: 'document', pageref: 'p' }),
        ],
        [{ id: 'p', title: 'https://c.test/#top' }],
      ),
    );

    expect(page.document.url).toBe('https://c.test/');
  });

  test('reads one record per page', () => {
    const pages = readPages(
      har(
        [
          entry({ url: 'https://d.test/one', type: 'document', pageref: 'p1' }),
          entry({ url: 'https://d.test/two', type: 'document', pageref: 'p2' }),
        ],
        [
          { id: 'p1', title: 'https://d.test/one' },
          { id: 'p2', title: 'https://d.test/two' },
        ],
      ),
    );

    expect(pages.map((page) => page.document.url)).toEqual([
      'https://d.test/one',
      'https://d.test/two',
    ]);
  });

  test('reads a WebPageTest request type and page URL', () => {
    const page = onlyPage(
      har(
        [
          {
            ...entry({ url: 'https://e.test/', mimeType: 'text/html' }),
            pageref: 'page_1_0',
            _request_type: 'Document',
          },
          {
            ...entry({ url: 'https://e.test/a.js' }),
            pageref: 'page_1_0',
            _request_type: 'Script',
          },
        ],
        [{ id: 'page_1_0', title: 'e.test - Run 1, First View', _URL: 'https://e.test/' }],
      ),
    );

    expect(page.document.url).toBe('https://e.test/');
    expect(page.document.scripts).toEqual([{ url: 'https://e.test/a.js' }]);
  });
});

describe('readHar headers and content', () => {
  test('splits newline-joined Set-Cookie values', () => {
    const page = onlyPage(
      har([
        entry({
          url: 'https://f.test/',
          type: 'document',
          headers: [
            ['set-cookie', 'a=1; Secure\nb=2; HttpOnly'],
            ['vary', 'Accept'],
            ['vary', 'Cookie'],
          ],
        }),
      ]),
    );

    expect(page.document.headers).toEqual([
      ['set-cookie', 'a=1; Secure'],
      ['set-cookie', 'b=2; HttpOnly'],
      ['vary', 'Accept'],
      ['vary', 'Cookie'],
    ]);
  });

  test('decodes base64 document content', () => {
    const markup = '<p>caf\u00e9</p>';
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(markup)));
    const page = onlyPage(
      har([
        entry({
          url: 'https://g.test/',
          type: 'document',
          mimeType: 'text/html',
          text: base64,
          encoding: 'base64',
        }),
      ]),
    );

    expect(page.document.html).toBe(markup);
  });

  test('maps DevTools resource types to webRequest types', () => {
    const page = onlyPage(
      har([
        entry({ url: 'https://h.test/', type: 'document' }),
        entry({ url: 'https://h.test/api', type: 'fetch' }),
        entry({ url: 'https://h.test/x', type: 'xhr' }),
        entry({ url: 'http://h.test/i.png', type: 'image' }),
        entry({ url: 'https://h.test/r', type: 'csp-violation-report' }),
      ]),
    );

    expect(page.document.subresources?.map((subresource) => subresource.type)).toEqual([
      'xmlhttprequest',
      'xmlhttprequest',
      'image',
      'csp_report',
    ]);
  });

  test('warns about parsed cookies without Set-Cookie headers', () => {
    const document = entry({ url: 'https://k.test/', type: 'document' });
    (document.response as { cookies: unknown[] }).cookies = [{ name: 'sessionid', value: 'x' }];
    const result = readHar(har([document]));

    expect(result.ok).toBe(true);
    assert(result.ok);
    expect(result.warnings[0]).toMatch(/parsed cookies but no Set-Cookie header/);
  });
});

describe('readHar rejecting input', () => {
  test.each([
    ['a string', 'not json', /no "log" object/],
    ['an object without log', { url: 'https://a.test/' }, /no "log" object/],
    ['a log without entries', { log: { version: '1.2' } }, /"log.entries" is missing/],
    ['a log with empty entries', { log: { entries: [] } }, /no usable entries/],
    [
      'a log without a document',
      har([
        entry({ url: 'https://a.test/a.js', type: 'script' }),
        entry({ url: 'https://a.test/i.png', type: 'image' }),
      ]),
      /no document entry/,
    ],
  ])('readHar rejects %s', (_label, value, message) => {
    const result = readHar(value);

    expect(result.ok).toBe(false);
    assert(!result.ok);
    expect(result.error).toMatch(message);
  });

  test('skips entries without a request URL', () => {
    const result = readHar(
      har([{ response: { status: 200 } }, entry({ url: 'https://a.test/', type: 'document' })]),
    );

    assert(result.ok);
    expect(result.warnings).toEqual([
      'entry 0 skipped: it has no request URL or no response status',
    ]);
  });

  test('isHarLog tells a HAR from a record', () => {
    expect(isHarLog(chromeExport)).toBe(true);
    expect(isHarLog({ url: 'https://a.test/', status: 200, headers: [] })).toBe(false);
  });
});

describe('writeHar', () => {
  const recorded: ResponseRecord = {
    url: 'https://shop.example.test/account/',
    status: 200,
    requestHeaders: [
      ['accept', 'text/html'],
      ['origin', 'https://partner.example.test'],
    ],
    headers: [
      ['content-type', 'text/html; charset=utf-8'],
      ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
      ['set-cookie', 'sessionid=abc; Secure; HttpOnly; SameSite=Lax; Path=/'],
      ['set-cookie', 'csrftoken=def; Secure; SameSite=Lax; Path=/'],
      ['vary', 'Cookie'],
    ],
    redirects: [
      {
        url: 'http://shop.example.test/account',
        status: 301,
        location: 'https://shop.example.test/account',
        headers: [['location', 'https://shop.example.test/account']],
      },
      { url: 'https://shop.example.test/account', status: 308, location: '/account/' },
    ],
    html: '<!doctype html><title>Account</title>',
    cookies: [
      {
        name: 'sessionid',
        domain: 'shop.example.test',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'lax',
        hostOnly: true,
        session: false,
      },
    ],
    scripts: [{ url: 'https://cdn.example.test/app.js', content: 'console.log(1)' }],
    subresources: [
      { url: 'https://cdn.example.test/app.js', type: 'script' },
      { url: 'http://img.example.test/logo.png', type: 'image' },
      { url: 'https://payments.example.test/embed', type: 'sub_frame' },
      { url: 'https://shop.example.test/api', type: 'xmlhttprequest' },
      { url: 'https://shop.example.test/plugin', type: 'object' },
    ],
    httpProbe: {
      state: 'response',
      url: 'http://shop.example.test/account/',
      status: 301,
      location: 'https://shop.example.test/account/',
    },
    droppedSubresources: 3,
    droppedScripts: 2,
    source: 'recorded by the extension',
  };

  test('round-trips a recorded page through readHar', () => {
    const written = writeHar([recorded], { startedDateTime: '2025-03-11T09:14:02.000Z' });
    const page = onlyPage(JSON.parse(JSON.stringify(written)));

    expect(page.document).toEqual(recorded);
  });

  test('round-trips the libraries found in scripts', () => {
    const withLibraries: ResponseRecord = {
      ...recorded,
      scripts: [
        {
          url: 'https://cdn.example.test/app.js',
          content: 'console.log(1)',
          libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
          librariesIncomplete: true,
        },
      ],
    };
    const page = onlyPage(JSON.parse(JSON.stringify(writeHar([withLibraries]))));

    const libraries = gradeRecord(page.document).checks.find(
      (check) => check.id === 'vulnerable-libraries',
    );

    expect(page.document.scripts).toEqual(withLibraries.scripts);
    expect(libraries?.verdict).toBe('fail');
    expect(gradeRecord(page.document).score).toBe(gradeRecord(withLibraries).score);
  });

  test('ignores malformed stored libraries', () => {
    const log = writeHar([recorded]) as unknown as {
      log: { pages: Array<Record<string, unknown>> };
    };
    const page = log.log.pages[0];
    if (page === undefined) {
      throw new Error('the written log has no page');
    }
    page._hardeningInspector = {
      scriptLibraries: { 'https://cdn.example.test/app.js': 'jquery' },
    };

    expect(onlyPage(log).document.scripts).toEqual(recorded.scripts);
  });

  test('round-trips several pages in order', () => {
    const second: ResponseRecord = {
      url: 'https://other.example.test/',
      status: 404,
      headers: [['server', 'caddy']],
    };
    const pages = readPages(writeHar([recorded, second]));

    expect(pages.map((page) => page.document)).toEqual([recorded, second]);
  });

  test('writes the required HAR 1.2 fields', () => {
    const { log } = writeHar([recorded], {
      startedDateTime: '2025-03-11T09:14:02.000Z',
      creatorVersion: '0.1.0',
    });

    expect(log.version).toBe('1.2');
    expect(log.creator).toEqual({ name: 'hardening-inspector', version: '0.1.0' });
    expect(log.pages[0]).toMatchObject({
      id: 'page_1',
      title: 'http://shop.example.test/account',
      pageTimings: {},
    });
    for (const written of log.entries) {
      expect(Object.keys(written)).toEqual(
        expect.arrayContaining([
          'startedDateTime',
          'time',
          'request',
          'response',
          'cache',
          'timings',
        ]),
      );
      expect(Object.keys(written.request)).toEqual(
        expect.arrayContaining([
          'method',
          'url',
          'httpVersion',
          'cookies',
          'headers',
          'queryString',
          'headersSize',
          'bodySize',
        ]),
      );
      expect(Object.keys(written.response)).toEqual(
        expect.arrayContaining([
          'status',
          'statusText',
          'httpVersion',
          'cookies',
          'headers',
          'content',
          'redirectURL',
          'headersSize',
          'bodySize',
        ]),
      );
      expect(written.response.content).toHaveProperty('size');
      expect(written.response.content).toHaveProperty('mimeType');
    }
  });

  test('adds setCookies lines missing from headers', () => {
    const record: ResponseRecord = {
      url: 'https://a.test/',
      status: 200,
      headers: [['content-type', 'text/html']],
      setCookies: ['sessionid=1; Secure'],
    };
    const page = onlyPage(writeHar([record]));

    expect(page.document.headers).toEqual([
      ['content-type', 'text/html'],
      ['set-cookie', 'sessionid=1; Secure'],
    ]);
  });
});
