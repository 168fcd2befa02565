import { describe, expect, test } from 'vitest';

import type { BrowserCookie, HeaderPair, ResponseRecord } from '../scoring/types';
import type { RecorderEvent, SubresourceEvent } from './events';
import {
  addSubresources,
  applyProbe,
  applyScriptMatches,
  applySubresourceBatch,
  claimProbe,
  reduceTab,
  type ScriptMatch,
  type SubresourceItem,
  toRecordedResponse,
} from './reducer';
import { probeTarget } from './probe';
import {
  MAX_FRAMES,
  MAX_HEADER_BYTES,
  MAX_RESPONSES,
  MAX_SCRIPTS,
  MAX_SUBRESOURCES,
  type TabState,
  topRecordForGrading,
} from './tab-state';

const PAGE = 'https://shop.example.test/account/';

function request(
  overrides: Partial<Extract<RecorderEvent, { kind: 'document-request' }>> = {},
): RecorderEvent {
  return {
    kind: 'document-request',
    requestId: '10',
    frameId: 0,
    documentType: 'main_frame',
    url: PAGE,
    ...overrides,
  };
}

function response(
  overrides: Partial<Extract<RecorderEvent, { kind: 'document-response' }>> = {},
): RecorderEvent {
  return {
    kind: 'document-response',
    requestId: '10',
    frameId: 0,
    documentType: 'main_frame',
    url: PAGE,
    status: 200,
    headers: [['content-type', 'text/html']],
    ...overrides,
  };
}

function redirect(
  overrides: Partial<Extract<RecorderEvent, { kind: 'document-redirect' }>> = {},
): RecorderEvent {
  return {
    kind: 'document-redirect',
    requestId: '10',
    frameId: 0,
    documentType: 'main_frame',
    url: 'http://shop.example.test/account/',
    status: 301,
    location: PAGE,
    headers: [['location', PAGE]],
    ...overrides,
  };
}

function commit(url = PAGE, documentId?: string): RecorderEvent {
  return documentId === undefined
    ? { kind: 'document-committed', frameId: 0, url }
    : { kind: 'document-committed', frameId: 0, url, documentId };
}

function markup(
  overrides: Partial<Extract<RecorderEvent, { kind: 'page-markup' }>> = {},
): RecorderEvent {
  return { kind: 'page-markup', url: PAGE, html: '', plainHttpRequests: [], ...overrides };
}

function replay(events: readonly RecorderEvent[], state?: TabState): TabState | undefined {
  return events.reduce<TabState | undefined>((current, event) => reduceTab(current, event), state);
}

/** Builds a tab whose top document at {@link PAGE} responded and committed. */
function loadedPage(): TabState {
  const state = replay([request(), response(), commit()]);
  if (state === undefined) {
    throw new Error('the page did not load');
  }
  return state;
}

function subresource(url: string, type = 'script', requestId = '50'): SubresourceEvent {
  return { requestId, url, type };
}

const COOKIE: BrowserCookie = {
  name: 'sessionid',
  domain: 'shop.example.test',
  path: '/',
  secure: true,
  httpOnly: true,
  sameSite: 'lax',
  hostOnly: true,
  session: true,
};

describe('document responses', () => {
  test('redirect chain keeps each hop with its headers', () => {
    const hopHeaders: HeaderPair[] = [
      ['Location', PAGE],
      ['Server', 'nginx'],
    ];
    const state = replay([
      request({ url: 'http://shop.example.test/account/' }),
      response({ url: 'http://shop.example.test/account/', status: 301, headers: hopHeaders }),
      redirect({ headers: hopHeaders }),
      request({ url: PAGE }),
      response({ headers: [['strict-transport-security', 'max-age=31536000']] }),
    ]);

    expect(state?.top.responded).toBe(true);
    expect(state?.top.record.url).toBe(PAGE);
    expect(state?.top.record.status).toBe(200);
    expect(state?.top.record.headers).toEqual([['strict-transport-security', 'max-age=31536000']]);
    expect(state?.top.record.redirects).toEqual([
      {
        url: 'http://shop.example.test/account/',
        status: 301,
        location: PAGE,
        headers: hopHeaders,
      },
    ]);
  });

  test('browser hsts upgrade stays a hop with its headers', () => {
    const hstsHeaders: HeaderPair[] = [
      ['Location', PAGE],
      ['Non-Authoritative-Reason', 'HSTS'],
    ];
    const state = replay([
      request({ url: 'http://shop.example.test/account/' }),
      redirect({ status: 307, headers: hstsHeaders }),
      response(),
    ]);

    expect(state?.top.record.redirects).toEqual([
      {
        url: 'http://shop.example.test/account/',
        status: 307,
        location: PAGE,
        headers: hstsHeaders,
      },
    ]);
  });

  test('repeated headers stay repeated and in order', () => {
    const headers: HeaderPair[] = [
      ['Set-Cookie', 'sessionid=1; Secure'],
      ['Content-Type', 'text/html'],
      ['Set-Cookie', 'csrftoken=2; Secure'],
    ];
    const state = replay([request(), response({ headers })]);

    expect(state?.top.record.headers).toEqual(headers);
  });

  test('redirect in progress is not a response yet', () => {
    const state = replay([request({ url: 'http://shop.example.test/account/' }), redirect()]);

    expect(state?.top.responded).toBe(false);
    expect(state?.top.record.url).toBe(PAGE);
    expect(state?.top.record.status).toBe(0);
    expect(state?.top.record.headers).toEqual([]);
  });

  test('new main-frame request id starts a new record', () => {
    const first = loadedPage();
    const next = reduceTab(
      first,
      request({ requestId: '11', url: 'https://shop.example.test/cart/' }),
    );

    expect(next?.top.requestId).toBe('11');
    expect(next?.top.record).toEqual({
      url: 'https://shop.example.test/cart/',
      status: 0,
      headers: [],
    });
    expect(next?.committed).toBe(false);
    expect(next?.frames).toEqual([]);
  });

  test('new request id of the same url starts a new record', () => {
    const first = loadedPage();
    const next = reduceTab(first, request({ requestId: '11' }));

    expect(next?.top.requestId).toBe('11');
    expect(next?.top.responded).toBe(false);
  });

  test('repeated request of one request id keeps the record', () => {
    const state = replay([request({ url: 'http://shop.example.test/account/' }), redirect()]);

    expect(reduceTab(state, request())).toBe(state);
  });

  test('response without a seen request starts the record', () => {
    const state = replay([response()]);

    expect(state?.top.requestId).toBe('10');
    expect(state?.top.record.status).toBe(200);
  });

  test('prerendered main frame leaves the tab unchanged', () => {
    const page = loadedPage();

    expect(reduceTab(page, request({ requestId: '20', frameId: 3 }))).toBe(page);
    expect(reduceTab(page, response({ requestId: '20', frameId: 3 }))).toBe(page);
  });
});

describe('commits', () => {
  test('commit of the recorded url marks the document committed', () => {
    const state = replay([request(), response(), commit(`${PAGE}#orders`)]);

    expect(state?.committed).toBe(true);
  });

  test('commit of another url drops the stale record', () => {
    const state = replay([request(), response(), commit('https://shop.example.test/cached/')]);

    expect(state).toBeUndefined();
  });

  test('about:blank commit leaves the record', () => {
    const state = replay([request(), response()]);

    expect(reduceTab(state, commit('about:blank'))).toBe(state);
  });

  test('commit of a frame leaves the top document uncommitted', () => {
    const state = replay([request(), response()]);
    const next = reduceTab(state, { kind: 'document-committed', frameId: 4, url: PAGE });

    expect(next).toBe(state);
  });
});

describe('cookies and page markup', () => {
  test('cookies attach to the document of the same url', () => {
    const state = reduceTab(loadedPage(), {
      kind: 'cookies-read',
      frameId: 0,
      url: PAGE,
      cookies: [COOKIE],
    });

    expect(state?.top.record.cookies).toEqual([COOKIE]);
  });

  test('cookies of another url are ignored', () => {
    const page = loadedPage();
    const state = reduceTab(page, {
      kind: 'cookies-read',
      frameId: 0,
      url: 'https://shop.example.test/other/',
      cookies: [COOKIE],
    });

    expect(state).toBe(page);
  });

  test.each([
    ['the same url', PAGE, true],
    ['the url with a fragment', `${PAGE}#top`, true],
    ['another path', 'https://shop.example.test/', false],
    ['another scheme', 'http://shop.example.test/account/', false],
  ])('meta markup from %s', (_case, url, stored) => {
    const html = '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">';
    const state = reduceTab(loadedPage(), markup({ url, html }));

    expect(state?.top.record.html).toBe(stored ? html : undefined);
  });

  test('page markup without a record is dropped', () => {
    expect(reduceTab(undefined, markup({ html: '<meta>' }))).toBeUndefined();
  });

  test('plain-http elements join the subresources', () => {
    const page = addSubresources(loadedPage(), [subresource('https://cdn.example.test/app.js')]);
    const state = reduceTab(
      page,
      markup({
        plainHttpRequests: [
          { url: 'http://cdn.example.test/legacy.js', type: 'script' },
          { url: 'https://cdn.example.test/app.js', type: 'script' },
        ],
      }),
    );

    expect(state?.top.record.subresources).toEqual([
      { url: 'https://cdn.example.test/app.js', type: 'script' },
      { url: 'http://cdn.example.test/legacy.js', type: 'script' },
    ]);
    expect(state?.top.record.html).toBeUndefined();
  });

  test('plain-http elements of another page are dropped', () => {
    const page = loadedPage();
    const event = markup({
      url: 'https://shop.example.test/previous/',
      plainHttpRequests: [{ url: 'http://cdn.example.test/legacy.js', type: 'script' }],
    });

    expect(reduceTab(page, event)).toBe(page);
  });
});

describe('frames', () => {
  const FRAME = 'https://ads.example.test/slot';

  function frameRequest(requestId: string, frameId: number, url = FRAME): RecorderEvent {
    return request({ requestId, frameId, documentType: 'sub_frame', url });
  }

  test('frame response is kept as its own record', () => {
    const state = replay(
      [
        frameRequest('30', 5),
        response({
          requestId: '30',
          frameId: 5,
          documentType: 'sub_frame',
          url: FRAME,
          status: 200,
        }),
        { kind: 'cookies-read', frameId: 5, url: FRAME, cookies: [COOKIE] },
      ],
      loadedPage(),
    );

    expect(state?.frames).toEqual([
      {
        requestId: '30',
        frameId: 5,
        responded: true,
        record: {
          url: FRAME,
          status: 200,
          headers: [['content-type', 'text/html']],
          cookies: [COOKIE],
        },
      },
    ]);
    expect(state?.top.record.subresources).toEqual([{ url: FRAME, type: 'sub_frame' }]);
  });

  test('frame navigating again replaces its record', () => {
    const state = replay(
      [frameRequest('30', 5), frameRequest('31', 5, 'https://ads.example.test/next')],
      loadedPage(),
    );

    expect(state?.frames.map((frame) => [frame.requestId, frame.record.url])).toEqual([
      ['31', 'https://ads.example.test/next'],
    ]);
  });

  test('frame request before the commit belongs to the previous page', () => {
    const state = replay([request(), response()]);

    expect(reduceTab(state, frameRequest('30', 5))).toBe(state);
  });

  test('frames beyond the bound are counted', () => {
    const events = Array.from({ length: MAX_FRAMES + 3 }, (_, i) => frameRequest(`f${i}`, i + 1));
    const state = replay(events, loadedPage());

    expect(state?.frames).toHaveLength(MAX_FRAMES);
    expect(state?.droppedFrames).toBe(3);
  });
});

describe('subresources', () => {
  test('subresources after the commit are kept in order', () => {
    const state = addSubresources(loadedPage(), [
      subresource('https://cdn.example.test/app.js'),
      subresource('https://cdn.example.test/site.css', 'stylesheet'),
    ]);

    expect(state?.top.record.subresources).toEqual([
      { url: 'https://cdn.example.test/app.js', type: 'script' },
      { url: 'https://cdn.example.test/site.css', type: 'stylesheet' },
    ]);
  });

  test('subresources before the commit are ignored', () => {
    const state = replay([request(), response()]);

    expect(addSubresources(state, [subresource('https://old.example.test/poll')])).toBe(state);
  });

  test('repeated url and type is kept once', () => {
    const state = addSubresources(loadedPage(), [
      subresource('https://cdn.example.test/poll', 'xmlhttprequest'),
      subresource('https://cdn.example.test/poll', 'xmlhttprequest'),
      subresource('https://cdn.example.test/poll', 'ping'),
    ]);

    expect(state?.top.record.subresources).toHaveLength(2);
    expect(state?.top.record.droppedSubresources).toBeUndefined();
  });

  test('subresources beyond the bound are counted', () => {
    const events = Array.from({ length: MAX_SUBRESOURCES + 7 }, (_, i) =>
      subresource(`https://cdn.example.test/${i}.png`, 'image'),
    );
    const state = addSubresources(loadedPage(), events);

    expect(state?.top.record.subresources).toHaveLength(MAX_SUBRESOURCES);
    expect(state?.top.record.subresources?.at(-1)?.url).toBe(
      `https://cdn.example.test/${MAX_SUBRESOURCES - 1}.png`,
    );
    expect(state?.top.record.droppedSubresources).toBe(7);
  });

  test('script requests are not scripts yet', () => {
    const state = addSubresources(loadedPage(), [
      subresource('https://cdn.example.test/jquery-1.8.3.min.js'),
    ]);

    expect(topRecordForGrading(state as TabState).scripts).toBeUndefined();
  });
});

const FRAME_URL = 'https://widgets.example.test/frame';

function subresourceResponse(
  url: string,
  overrides: Partial<Extract<SubresourceItem, { kind: 'response' }>> = {},
): SubresourceItem {
  return {
    kind: 'response',
    requestId: '60',
    frameId: 0,
    url,
    type: 'script',
    status: 200,
    headers: [['content-type', 'text/javascript']],
    ...overrides,
  };
}

describe('response log', () => {
  test('top document response starts the log before the commit', () => {
    const state = replay([request(), response({ headers: [['x-frame-options', 'DENY']] })]);

    expect(state?.responses).toEqual([
      {
        requestId: '10',
        frameId: 0,
        type: 'main_frame',
        url: PAGE,
        status: 200,
        headers: [['x-frame-options', 'DENY']],
      },
    ]);
  });

  test('redirect hop and final response are separate entries', () => {
    const state = replay([
      request({ url: 'http://shop.example.test/account/' }),
      response({ url: 'http://shop.example.test/account/', status: 301, headers: [] }),
      redirect(),
      request({ url: PAGE }),
      response(),
    ]);

    expect(state?.responses.map((entry) => [entry.status, entry.url])).toEqual([
      [301, 'http://shop.example.test/account/'],
      [200, PAGE],
    ]);
  });

  test('new navigation starts an empty log', () => {
    const first = applySubresourceBatch(loadedPage(), [subresourceResponse(`${PAGE}app.js`)]);
    const next = replay([request({ requestId: '11' })], first);

    expect(first?.responses).toHaveLength(2);
    expect(next?.responses).toEqual([]);
    expect(next?.droppedResponses).toBe(0);
  });

  test('subresource response keeps status, type and headers', () => {
    const state = applySubresourceBatch(loadedPage(), [
      subresourceResponse('https://cdn.example.test/app.css', {
        type: 'stylesheet',
        status: 404,
        headers: [
          ['content-type', 'text/plain'],
          ['x-content-type-options', 'nosniff'],
        ],
      }),
    ]);

    expect(state?.responses[1]).toEqual({
      requestId: '60',
      frameId: 0,
      type: 'stylesheet',
      url: 'https://cdn.example.test/app.css',
      status: 404,
      headers: [
        ['content-type', 'text/plain'],
        ['x-content-type-options', 'nosniff'],
      ],
    });
  });

  test('subresource response before the commit is skipped', () => {
    const state = replay([request(), response()]);
    const next = applySubresourceBatch(state, [subresourceResponse(`${PAGE}old.js`)]);

    expect(next?.responses).toEqual(state?.responses);
    expect(next?.top.record.subresources).toBeUndefined();
  });

  test('batch of requests and responses updates both lists', () => {
    const state = applySubresourceBatch(loadedPage(), [
      { kind: 'request', requestId: '60', url: `${PAGE}app.js`, type: 'script' },
      subresourceResponse(`${PAGE}app.js`),
      { kind: 'request', requestId: '61', url: `${PAGE}data.json`, type: 'xmlhttprequest' },
    ]);

    expect(state?.top.record.subresources).toEqual([
      { url: `${PAGE}app.js`, type: 'script' },
      { url: `${PAGE}data.json`, type: 'xmlhttprequest' },
    ]);
    expect(state?.responses.map((entry) => entry.url)).toEqual([PAGE, `${PAGE}app.js`]);
  });

  test('frame document response joins the log', () => {
    const state = replay(
      [
        request({ requestId: '20', frameId: 3, documentType: 'sub_frame', url: FRAME_URL }),
        response({ requestId: '20', frameId: 3, documentType: 'sub_frame', url: FRAME_URL }),
      ],
      loadedPage(),
    );

    expect(state?.responses.map((entry) => [entry.type, entry.frameId, entry.url])).toEqual([
      ['main_frame', 0, PAGE],
      ['sub_frame', 3, FRAME_URL],
    ]);
  });

  test('responses beyond the bound are counted', () => {
    const items = Array.from({ length: MAX_RESPONSES + 5 }, (_unused, index) =>
      subresourceResponse(`${PAGE}image-${index}.png`, { type: 'image' }),
    );
    const state = applySubresourceBatch(loadedPage(), items);

    expect(state?.responses).toHaveLength(MAX_RESPONSES);
    expect(state?.responses.at(-1)?.url).toBe(`${PAGE}image-${MAX_RESPONSES - 2}.png`);
    expect(state?.droppedResponses).toBe(6);
  });

  test('header lines past the byte cap are counted', () => {
    const line: HeaderPair = ['x-filler', 'a'.repeat(1000)];
    const headers = Array.from({ length: 10 }, () => line);
    const recorded = toRecordedResponse('1', 0, 'script', PAGE, 200, headers);
    const linesThatFit = Math.floor(MAX_HEADER_BYTES / (line[0].length + line[1].length + 4));

    expect(recorded.headers).toHaveLength(linesThatFit);
    expect(recorded.droppedHeaders).toBe(10 - linesThatFit);
  });

  test('headers under the cap have no dropped count', () => {
    const recorded = toRecordedResponse('1', 0, 'script', PAGE, 200, [['server', 'nginx']]);

    expect(recorded.headers).toEqual([['server', 'nginx']]);
    expect(recorded).not.toHaveProperty('droppedHeaders');
  });
});

describe('probe', () => {
  test.each<[string, Partial<ResponseRecord>, string | null]>([
    ['https page without hops', {}, 'http://shop.example.test/account/'],
    [
      'https page after a server redirect from http',
      { redirects: [{ url: 'http://shop.example.test/account/', status: 301, location: PAGE }] },
      null,
    ],
    [
      "https page after only the browser's hsts upgrade",
      {
        redirects: [
          {
            url: 'http://shop.example.test/account/',
            status: 307,
            location: PAGE,
            headers: [['Non-Authoritative-Reason', 'HSTS']],
          },
        ],
      },
      'http://shop.example.test/account/',
    ],
    ['plain http page', { url: 'http://shop.example.test/account/' }, null],
    ['development host', { url: 'https://localhost:8443/account/' }, null],
  ])('claim on %s', (_case, record, expectedUrl) => {
    const page = loadedPage();
    const state: TabState = {
      ...page,
      top: { ...page.top, record: { ...page.top.record, ...record } },
    };
    const claim = claimProbe(state, '10', true, probeTarget);

    expect(claim.url).toBe(expectedUrl);
    expect(claim.state?.probeRequested).toBe(expectedUrl !== null);
  });

  test('claim is granted once per navigation', () => {
    const first = claimProbe(loadedPage(), '10', true, probeTarget);
    const second = claimProbe(first.state, '10', true, probeTarget);

    expect(first.url).toBe('http://shop.example.test/account/');
    expect(second.url).toBeNull();
    expect(second.state).toBe(first.state);
  });

  test('claim for an older navigation is refused', () => {
    const page = loadedPage();
    const claim = claimProbe(page, '9', true, probeTarget);

    expect(claim.url).toBeNull();
    expect(claim.state).toBe(page);
  });

  test('claim before the response is refused', () => {
    const state = replay([request()]);

    expect(claimProbe(state, '10', true, probeTarget).url).toBeNull();
  });

  test('turned-off probe is recorded as disabled', () => {
    const claim = claimProbe(loadedPage(), '10', false, probeTarget);

    expect(claim.url).toBeNull();
    expect(claim.state?.top.record.httpProbe).toEqual({ state: 'disabled' });
  });

  test('probe result is stored on its navigation', () => {
    const probe = {
      state: 'response',
      url: 'http://shop.example.test/account/',
      status: 200,
    } as const;
    const state = applyProbe(loadedPage(), '10', probe);

    expect(state?.top.record.httpProbe).toEqual(probe);
  });

  test('probe result of an older navigation is dropped', () => {
    const page = loadedPage();
    const next = applyProbe(page, '9', {
      state: 'error',
      url: 'http://x.test/',
      message: 'failed',
    });

    expect(next).toBe(page);
  });
});

describe('scripts', () => {
  const FRAME = 'https://widgets.example.test/frame';
  const OLD_DOCUMENT = 'old-document';
  const NEW_DOCUMENT = 'new-document';

  function pageWithFrame(): TabState {
    const state = replay([
      request(),
      response(),
      commit(),
      request({ requestId: '20', frameId: 3, documentType: 'sub_frame', url: FRAME }),
      response({ requestId: '20', frameId: 3, documentType: 'sub_frame', url: FRAME }),
    ]);
    if (state === undefined) {
      throw new Error('the page did not load');
    }
    return state;
  }

  test('loaded script joins its document', () => {
    const state = applySubresourceBatch(pageWithFrame(), [
      subresourceResponse(`${PAGE}app.js`),
      subresourceResponse('https://cdn.example.test/widget.js', { frameId: 3 }),
    ]);

    expect(topRecordForGrading(state as TabState).scripts).toEqual([{ url: `${PAGE}app.js` }]);
    expect(state?.frames[0]?.record.scripts).toEqual([
      { url: 'https://cdn.example.test/widget.js' },
    ]);
  });

  test.each([
    ['a failed response', { status: 404 }],
    ['a redirect', { status: 302 }],
    ['a stylesheet', { type: 'stylesheet' }],
    ['an unknown frame', { frameId: 9 }],
  ])('%s is not a script', (_name, overrides) => {
    const state = applySubresourceBatch(pageWithFrame(), [
      subresourceResponse(`${PAGE}app.js`, overrides),
    ]);

    expect(state?.top.record.scripts).toBeUndefined();
    expect(state?.frames[0]?.record.scripts).toBeUndefined();
  });

  test('revalidated script counts', () => {
    const state = applySubresourceBatch(loadedPage(), [
      subresourceResponse(`${PAGE}app.js`, { status: 304 }),
    ]);

    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}app.js` }]);
  });

  test('script before the commit is not listed yet', () => {
    const state = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}app.js`, { documentId: NEW_DOCUMENT }),
    ]);

    expect(state?.top.record.scripts).toBeUndefined();
    expect(state?.pendingScripts).toEqual([{ url: `${PAGE}app.js`, documentId: NEW_DOCUMENT }]);
  });

  test('script before the commit joins its document', () => {
    const held = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}jquery.js`, { documentId: NEW_DOCUMENT }),
    ]);

    const state = reduceTab(held, commit(PAGE, NEW_DOCUMENT));

    expect(state?.committed).toBe(true);
    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}jquery.js` }]);
    expect(state?.pendingScripts).toBeUndefined();
  });

  test('script of the previous document is not listed', () => {
    const held = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}old.js`, { documentId: OLD_DOCUMENT }),
      subresourceResponse(`${PAGE}new.js`, { documentId: NEW_DOCUMENT }),
    ]);

    const state = reduceTab(held, commit(PAGE, NEW_DOCUMENT));

    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}new.js` }]);
    expect(state?.pendingScripts).toBeUndefined();
  });

  test('same url of two documents is held for each', () => {
    const held = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}app.js`, { documentId: OLD_DOCUMENT }),
      subresourceResponse(`${PAGE}app.js`, { documentId: NEW_DOCUMENT }),
      subresourceResponse(`${PAGE}app.js`, { documentId: NEW_DOCUMENT }),
    ]);

    expect(held?.pendingScripts).toEqual([
      { url: `${PAGE}app.js`, documentId: OLD_DOCUMENT },
      { url: `${PAGE}app.js`, documentId: NEW_DOCUMENT },
    ]);
    expect(reduceTab(held, commit(PAGE, NEW_DOCUMENT))?.top.record.scripts).toEqual([
      { url: `${PAGE}app.js` },
    ]);
  });

  test('script without document id joins on commit', () => {
    const held = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}jquery.js`),
    ]);

    const state = reduceTab(held, commit());

    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}jquery.js` }]);
    expect(state?.pendingScripts).toBeUndefined();
  });

  test('script before the top response is dropped', () => {
    const started = replay([request()]);
    const next = applySubresourceBatch(started, [subresourceResponse(`${PAGE}old.js`)]);

    expect(next).toBe(started);
    expect(replay([response(), commit()], next)?.top.record.scripts).toBeUndefined();
  });

  test('frame script before the commit is dropped', () => {
    const started = replay([request(), response()]);
    const next = applySubresourceBatch(started, [
      subresourceResponse('https://cdn.example.test/widget.js', { frameId: 3 }),
    ]);

    expect(next).toBe(started);
  });

  test('redirect drops held scripts', () => {
    const held = applySubresourceBatch(
      replay([
        request({ url: 'http://shop.example.test/account/' }),
        response({ url: 'http://shop.example.test/account/', status: 301 }),
      ]),
      [subresourceResponse('http://shop.example.test/old.js')],
    );
    expect(held?.pendingScripts).toHaveLength(1);

    const state = replay([redirect(), response(), commit()], held);

    expect(state?.pendingScripts).toBeUndefined();
    expect(state?.top.record.scripts).toBeUndefined();
  });

  test('held script with a frame id joins by document id', () => {
    const held = applySubresourceBatch(replay([request(), response()]), [
      subresourceResponse(`${PAGE}jquery.js`, { frameId: 30, documentId: NEW_DOCUMENT }),
      subresourceResponse('https://cdn.example.test/widget.js', {
        frameId: 30,
        documentId: OLD_DOCUMENT,
      }),
    ]);

    const state = reduceTab(held, commit(PAGE, NEW_DOCUMENT));

    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}jquery.js` }]);
  });

  test('script with a frame id joins the committed top document', () => {
    const committed = replay([request(), response(), commit(PAGE, NEW_DOCUMENT)]);

    const state = applySubresourceBatch(committed, [
      subresourceResponse(`${PAGE}jquery.js`, { frameId: 30, documentId: NEW_DOCUMENT }),
      subresourceResponse('https://cdn.example.test/widget.js', {
        frameId: 30,
        documentId: OLD_DOCUMENT,
      }),
    ]);

    expect(state?.topDocumentId).toBe(NEW_DOCUMENT);
    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}jquery.js` }]);
  });

  test('held scripts stop at the bound', () => {
    const items = Array.from({ length: MAX_SCRIPTS + 3 }, (_, index) =>
      subresourceResponse(`${PAGE}script-${index}.js`, { documentId: NEW_DOCUMENT }),
    );
    const held = applySubresourceBatch(replay([request(), response()]), items);

    expect(held?.pendingScripts).toHaveLength(MAX_SCRIPTS);

    const state = reduceTab(held, commit(PAGE, NEW_DOCUMENT));

    expect(state?.top.record.scripts).toHaveLength(MAX_SCRIPTS);
    expect(state?.top.record.scripts?.at(-1)?.url).toBe(`${PAGE}script-${MAX_SCRIPTS - 1}.js`);
  });

  test('script after the commit is listed at once', () => {
    const state = applySubresourceBatch(loadedPage(), [
      subresourceResponse(`${PAGE}app.js`, { documentId: NEW_DOCUMENT }),
    ]);

    expect(state?.top.record.scripts).toEqual([{ url: `${PAGE}app.js` }]);
    expect(state?.pendingScripts).toBeUndefined();
  });

  test('repeated script is listed once', () => {
    const state = applySubresourceBatch(loadedPage(), [
      subresourceResponse(`${PAGE}app.js`),
      subresourceResponse(`${PAGE}app.js`),
    ]);

    expect(state?.top.record.scripts).toHaveLength(1);
  });

  test('scripts stop at the bound', () => {
    const items = Array.from({ length: MAX_SCRIPTS + 3 }, (_, index) =>
      subresourceResponse(`${PAGE}script-${index}.js`),
    );
    const state = applySubresourceBatch(loadedPage(), items);

    expect(state?.top.record.scripts).toHaveLength(MAX_SCRIPTS);
    expect(state?.top.record.scripts?.at(-1)?.url).toBe(`${PAGE}script-${MAX_SCRIPTS - 1}.js`);
    expect(state?.top.record.droppedScripts).toBe(3);
  });

  test('matches fill every document listing the URL', () => {
    const shared = 'https://cdn.example.test/lib.js';
    const loaded = applySubresourceBatch(pageWithFrame(), [
      subresourceResponse(shared),
      subresourceResponse(`${PAGE}app.js`),
      subresourceResponse(shared, { frameId: 3 }),
    ]);
    const match: ScriptMatch = {
      libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
      incomplete: false,
    };

    const state = applyScriptMatches(loaded, new Map([[shared, match]]));

    expect(state?.top.record.scripts).toEqual([
      { url: shared, libraries: match.libraries },
      { url: `${PAGE}app.js` },
    ]);
    expect(state?.frames[0]?.record.scripts).toEqual([{ url: shared, libraries: match.libraries }]);
  });

  test('incomplete match is flagged', () => {
    const loaded = applySubresourceBatch(loadedPage(), [subresourceResponse(`${PAGE}big.js`)]);

    const state = applyScriptMatches(
      loaded,
      new Map([[`${PAGE}big.js`, { libraries: [], incomplete: true }]]),
    );

    expect(state?.top.record.scripts).toEqual([
      { url: `${PAGE}big.js`, libraries: [], librariesIncomplete: true },
    ]);
  });

  test('stored match is kept', () => {
    const loaded = applySubresourceBatch(loadedPage(), [subresourceResponse(`${PAGE}app.js`)]);
    const first = applyScriptMatches(
      loaded,
      new Map([[`${PAGE}app.js`, { libraries: [], incomplete: false }]]),
    );

    const second = applyScriptMatches(
      first,
      new Map([
        [
          `${PAGE}app.js`,
          {
            libraries: [{ library: 'jquery', version: '3.7.1', method: 'filecontent' }],
            incomplete: false,
          },
        ],
      ]),
    );

    expect(second).toBe(first);
  });
});
