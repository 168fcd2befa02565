import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import type { ScriptRecord } from '../scoring/types';
import type { Logger } from '../shared/logger';
import type { ScriptMatch } from './reducer';
import {
  type FetchFunction,
  MAX_SCRIPT_BODIES,
  matchScriptBody,
  matchScriptUrl,
  readScriptBody,
  ScriptScanner,
  scriptsToMatch,
} from './script-scan';
import type { DocumentEntry, TabState } from './tab-state';

const PAGE = 'https://shop.example.test/';
const OLD_JQUERY = readFileSync(
  new URL('../../node_modules/jquery/dist/jquery.min.js', import.meta.url),
  'utf8',
);

function entry(requestId: string, frameId: number, scripts: ScriptRecord[]): DocumentEntry {
  return {
    requestId,
    frameId,
    responded: true,
    record: { url: `${PAGE}${frameId}`, status: 200, headers: [], scripts },
  };
}

function tabState(top: ScriptRecord[], frames: ScriptRecord[][] = []): TabState {
  return {
    top: entry('10', 0, top),
    committed: true,
    frames: frames.map((scripts, index) => entry(`2${index}`, index + 1, scripts)),
    droppedFrames: 0,
    responses: [],
    droppedResponses: 0,
    probeRequested: false,
  };
}

interface FetchCall {
  url: string;
  init: RequestInit;
}

function fakeFetch(bodies: Record<string, string | number>): {
  fetchBody: FetchFunction;
  calls: FetchCall[];
} {
  const calls: FetchCall[] = [];
  const fetchBody: FetchFunction = (url, init) => {
    calls.push({ url, init });
    const body = bodies[url];
    if (body === undefined) {
      return Promise.reject(new TypeError('Failed to fetch'));
    }
    return Promise.resolve(
      typeof body === 'number' ? new Response('', { status: body }) : new Response(body),
    );
  };
  return { fetchBody, calls };
}

function quietLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug() {},
    warn(message) {
      warnings.push(message);
    },
    error(message) {
      warnings.push(message);
    },
  };
}

describe('readScriptBody', () => {
  test('request stays in the cache without cookies', async () => {
    const { fetchBody, calls } = fakeFetch({ [`${PAGE}app.js`]: 'var a = 1;' });

    const body = await readScriptBody(`${PAGE}app.js`, fetchBody);

    expect(body).toEqual({ ok: true, text: 'var a = 1;', truncated: false });
    expect(calls[0]?.init.cache).toBe('force-cache');
    expect(calls[0]?.init.credentials).toBe('omit');
    expect(calls[0]?.init.redirect).toBe('error');
  });

  test('long body is cut at the cap', async () => {
    const { fetchBody } = fakeFetch({ [`${PAGE}app.js`]: 'x'.repeat(100) });

    const body = await readScriptBody(`${PAGE}app.js`, fetchBody, 40);

    expect(body).toEqual({ ok: true, text: 'x'.repeat(40), truncated: true });
  });

  test('error status is a problem', async () => {
    const { fetchBody } = fakeFetch({ [`${PAGE}app.js`]: 404 });

    expect(await readScriptBody(`${PAGE}app.js`, fetchBody)).toEqual({
      ok: false,
      problem: 'HTTP status 404',
    });
  });

  test('network failure is a problem', async () => {
    const { fetchBody } = fakeFetch({});

    expect(await readScriptBody(`${PAGE}app.js`, fetchBody)).toEqual({
      ok: false,
      problem: 'fetch failed: TypeError: Failed to fetch',
    });
  });
});

describe('script matching', () => {
  test('versioned URL needs no body', () => {
    expect(matchScriptUrl('https://code.jquery.com/jquery-1.12.4.min.js')).toEqual({
      libraries: [{ library: 'jquery', version: '1.12.4', method: 'filename' }],
      incomplete: false,
    });
  });

  test('plain URL needs the body', () => {
    expect(matchScriptUrl(`${PAGE}static/lib.js`)).toBeUndefined();
  });

  test('renamed body is found by content', () => {
    expect(matchScriptBody(`${PAGE}static/lib.js`, OLD_JQUERY, false)).toEqual({
      libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
      incomplete: false,
    });
  });

  test('cut body is incomplete', () => {
    expect(matchScriptBody(`${PAGE}static/lib.js`, 'var a;', true).incomplete).toBe(true);
  });
});

describe('scriptsToMatch', () => {
  test('lists unmatched scripts once', () => {
    const state = tabState(
      [{ url: `${PAGE}a.js` }, { url: `${PAGE}b.js`, libraries: [] }],
      [[{ url: `${PAGE}a.js` }, { url: 'https://widgets.example.test/w.js' }]],
    );

    expect(scriptsToMatch(state)).toEqual([`${PAGE}a.js`, 'https://widgets.example.test/w.js']);
  });

  test('reads the first scripts of a document', () => {
    const scripts = Array.from({ length: MAX_SCRIPT_BODIES + 5 }, (_, index) => ({
      url: `${PAGE}${index}.js`,
    }));

    const urls = scriptsToMatch(tabState(scripts));

    expect(urls).toHaveLength(MAX_SCRIPT_BODIES);
    expect(urls.at(-1)).toBe(`${PAGE}${MAX_SCRIPT_BODIES - 1}.js`);
  });

  test('uncommitted page has none', () => {
    expect(scriptsToMatch({ ...tabState([{ url: `${PAGE}a.js` }]), committed: false })).toEqual([]);
  });
});

describe('ScriptScanner', () => {
  function scanner(state: () => TabState, bodies: Record<string, string | number>) {
    const { fetchBody, calls } = fakeFetch(bodies);
    const stored: Array<Map<string, ScriptMatch>> = [];
    const logger = quietLogger();
    const instance = new ScriptScanner({
      read: () => Promise.resolve(state()),
      store: (_tabId, matches) => {
        stored.push(new Map(matches));
        return Promise.resolve();
      },
      fetchBody,
      logger,
      delayMs: 0,
    });
    return { instance, calls, stored, logger };
  }

  test('body is read once per tab', async () => {
    const lib = `${PAGE}static/lib.js`;
    const { instance, calls, stored } = scanner(() => tabState([{ url: lib }]), {
      [lib]: OLD_JQUERY,
    });

    await instance.scanNow(1);
    await instance.scanNow(1);

    expect(calls.map((call) => call.url)).toEqual([lib]);
    expect(stored).toHaveLength(2);
    expect(stored[1]?.get(lib)?.libraries).toEqual([
      { library: 'jquery', version: '1.12.4', method: 'filecontent' },
    ]);
  });

  test('other tab reads the body again', async () => {
    const lib = `${PAGE}static/lib.js`;
    const { instance, calls } = scanner(() => tabState([{ url: lib }]), { [lib]: 'var a;' });

    await instance.scanNow(1);
    await instance.scanNow(2);

    expect(calls).toHaveLength(2);
  });

  test('versioned URL is not fetched', async () => {
    const cdn = 'https://code.jquery.com/jquery-1.12.4.min.js';
    const { instance, calls, stored } = scanner(() => tabState([{ url: cdn }]), {});

    await instance.scanNow(1);

    expect(calls).toEqual([]);
    expect(stored[0]?.get(cdn)?.libraries[0]?.method).toBe('filename');
  });

  test('failed read is logged, not stored, not retried', async () => {
    const gone = `${PAGE}gone.js`;
    const { instance, calls, stored, logger } = scanner(() => tabState([{ url: gone }]), {
      [gone]: 404,
    });

    await instance.scanNow(1);
    await instance.scanNow(1);

    expect(calls).toHaveLength(1);
    expect(stored[0]?.size).toBe(0);
    expect(logger.warnings).toEqual([
      'Reading a script body failed, so it is identified by URL only: HTTP status 404',
    ]);
  });

  test('forgotten tab reads again', async () => {
    const lib = `${PAGE}static/lib.js`;
    const { instance, calls } = scanner(() => tabState([{ url: lib }]), { [lib]: 'var a;' });

    await instance.scanNow(1);
    instance.forget(1);
    await instance.scanNow(1);

    expect(calls).toHaveLength(2);
  });

  test('matched scripts are skipped', async () => {
    const lib = `${PAGE}static/lib.js`;
    const { instance, calls, stored } = scanner(() => tabState([{ url: lib, libraries: [] }]), {
      [lib]: 'var a;',
    });

    await instance.scanNow(1);

    expect(calls).toEqual([]);
    expect(stored).toEqual([]);
  });
});
