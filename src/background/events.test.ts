import { assert, describe, expect, test } from 'vitest';

import {
  isNetworkUrl,
  parseDocumentRedirect,
  parseDocumentResponse,
  parseHeaders,
  parseSubresource,
  parseSubresourceResponse,
  toBrowserCookie,
  toCommitEvent,
  type WebRequestDetails,
} from './events';

const DOCUMENT: WebRequestDetails = {
  requestId: '12',
  tabId: 3,
  frameId: 0,
  type: 'main_frame',
  url: 'https://shop.example.test/',
  statusCode: 200,
  responseHeaders: [
    { name: 'Set-Cookie', value: 'sessionid=1; Secure' },
    { name: 'Set-Cookie', value: 'csrftoken=2; Secure' },
  ],
};

describe('parseDocumentResponse', () => {
  test('response keeps repeated headers in order', () => {
    const parsed = parseDocumentResponse(DOCUMENT);

    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: 'document-response',
        requestId: '12',
        frameId: 0,
        documentType: 'main_frame',
        url: 'https://shop.example.test/',
        status: 200,
        headers: [
          ['Set-Cookie', 'sessionid=1; Secure'],
          ['Set-Cookie', 'csrftoken=2; Secure'],
        ],
      },
    });
  });

  test.each<[string, WebRequestDetails, string]>([
    ['missing request id', { ...DOCUMENT, requestId: undefined }, 'missing request id'],
    ['script type', { ...DOCUMENT, type: 'script' }, 'not a document request: type script'],
    ['fractional frame id', { ...DOCUMENT, frameId: 1.5 }, 'invalid frame id 1.5'],
    ['relative url', { ...DOCUMENT, url: '/account' }, 'invalid URL /account'],
    ['negative status', { ...DOCUMENT, statusCode: -1 }, 'invalid status code -1'],
    ['headers object', { ...DOCUMENT, responseHeaders: {} }, 'response headers are not a list'],
    [
      'nameless header',
      { ...DOCUMENT, responseHeaders: [{ value: 'x' }] },
      'invalid header item {"value":"x"}',
    ],
  ])('malformed details: %s', (_case, details, problem) => {
    expect(parseDocumentResponse(details)).toEqual({ ok: false, problem });
  });
});

describe('parseDocumentRedirect', () => {
  test('hop location is the url the browser followed', () => {
    const parsed = parseDocumentRedirect({
      ...DOCUMENT,
      url: 'http://shop.example.test/',
      statusCode: 301,
      redirectUrl: 'https://shop.example.test/',
      responseHeaders: [{ name: 'Location', value: '/' }],
    });

    expect(parsed.ok).toBe(true);
    assert(parsed.ok);
    expect(parsed.value).toMatchObject({
      kind: 'document-redirect',
      url: 'http://shop.example.test/',
      status: 301,
      location: 'https://shop.example.test/',
      headers: [['Location', '/']],
    });
  });

  test('redirect without a target is malformed', () => {
    expect(parseDocumentRedirect({ ...DOCUMENT, statusCode: 301 })).toEqual({
      ok: false,
      problem: 'invalid redirect URL undefined',
    });
  });
});

describe('parseHeaders', () => {
  test('binary value is decoded one byte per character', () => {
    const parsed = parseHeaders([{ name: 'Content-Disposition', binaryValue: [0x63, 0xe9] }]);

    expect(parsed).toEqual({ ok: true, value: [['Content-Disposition', 'c\u00e9']] });
  });

  test('absent headers are an empty list', () => {
    expect(parseHeaders(undefined)).toEqual({ ok: true, value: [] });
  });
});

describe('parseSubresource', () => {
  test('subresource keeps url and type', () => {
    const parsed = parseSubresource({
      requestId: '5',
      url: 'https://cdn.example.test/a.js',
      type: 'script',
    });

    expect(parsed).toEqual({
      ok: true,
      value: { requestId: '5', url: 'https://cdn.example.test/a.js', type: 'script' },
    });
  });

  test('subresource without a type is malformed', () => {
    expect(parseSubresource({ requestId: '5', url: 'https://cdn.example.test/a.js' })).toEqual({
      ok: false,
      problem: 'invalid resource type undefined',
    });
  });
});

describe('parseSubresourceResponse', () => {
  const SCRIPT: WebRequestDetails = {
    requestId: '7',
    tabId: 3,
    frameId: 0,
    type: 'script',
    url: 'https://cdn.example.test/jquery.js',
    statusCode: 200,
    responseHeaders: [{ name: 'Content-Type', value: 'text/javascript' }],
  };

  test('script response keeps its document id', () => {
    const parsed = parseSubresourceResponse({ ...SCRIPT, documentId: 'new-document' });

    expect(parsed).toEqual({
      ok: true,
      value: {
        requestId: '7',
        frameId: 0,
        url: 'https://cdn.example.test/jquery.js',
        type: 'script',
        status: 200,
        headers: [['Content-Type', 'text/javascript']],
        documentId: 'new-document',
      },
    });
  });

  test.each<[string, unknown]>([
    ['absent', undefined],
    ['empty', ''],
    ['not a string', 42],
  ])('document id %s is left out', (_case, documentId) => {
    const parsed = parseSubresourceResponse({ ...SCRIPT, documentId });

    const fields = parsed.ok ? Object.keys(parsed.value) : [];

    expect(parsed.ok).toBe(true);
    expect(fields).not.toContain('documentId');
  });
});

describe('toCommitEvent', () => {
  test('commit keeps its document id', () => {
    const event = toCommitEvent({
      frameId: 0,
      url: 'https://shop.example.test/',
      documentId: 'new-document',
    });

    expect(event).toEqual({
      kind: 'document-committed',
      frameId: 0,
      url: 'https://shop.example.test/',
      documentId: 'new-document',
    });
  });

  test('commit without document id has none', () => {
    const event = toCommitEvent({ frameId: 0, url: 'https://shop.example.test/' });

    expect(event).toEqual({
      kind: 'document-committed',
      frameId: 0,
      url: 'https://shop.example.test/',
    });
  });
});

describe('isNetworkUrl', () => {
  test.each([
    ['https://shop.example.test/app.js', true],
    ['http://shop.example.test/app.js', true],
    ['wss://shop.example.test/socket', true],
    ['chrome-extension://abcdefghijklmnop/assets/content.js', false],
    ['data:text/plain,hi', false],
  ])('%s is a network url: %s', (url, expected) => {
    expect(isNetworkUrl(url)).toBe(expected);
  });
});

describe('toBrowserCookie', () => {
  test('cookie value is not kept', () => {
    const cookie = toBrowserCookie({
      name: 'sessionid',
      domain: 'shop.example.test',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      hostOnly: true,
      session: false,
      value: 'secret-session-token',
    } as Parameters<typeof toBrowserCookie>[0]);

    expect(cookie).toEqual({
      name: 'sessionid',
      domain: 'shop.example.test',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      hostOnly: true,
      session: false,
    });
  });

  test('unknown same-site value is unspecified', () => {
    const cookie = toBrowserCookie({
      name: 'a',
      domain: 'shop.example.test',
      path: '/',
      secure: false,
      httpOnly: false,
      hostOnly: true,
      session: true,
    });

    expect(cookie.sameSite).toBe('unspecified');
  });
});
