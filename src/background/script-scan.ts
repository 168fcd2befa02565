// Identifies the JavaScript libraries of the scripts a tab loaded, after its documents have
// loaded. A script is identified by its URL when the URL names a library and version, else
// by its body, which the worker requests again from the script's own URL. Only the result
// is stored, per script URL, because bodies are too large for `storage.session`.

import { pinnedDatabase } from '../scoring/libraries/database';
import { identifyScript, MAX_CONTENT_LENGTH } from '../scoring/libraries/matcher';
import type { ScriptLibrary } from '../scoring/types';
import type { Logger } from '../shared/logger';
import type { ScriptMatch } from './reducer';
import type { TabState } from './tab-state';

/**
 * Maximum script bodies read per document: only the first scripts of each document, in the
 * order they loaded, are read. Later scripts are identified by their URL alone.
 */
export const MAX_SCRIPT_BODIES = 100;

/** Maximum bytes read from one script body; the matcher matches the first 4 MiB. */
export const MAX_BODY_BYTES = MAX_CONTENT_LENGTH;

/** Time after which reading one script body is aborted, in milliseconds. */
export const BODY_TIMEOUT_MS = 15_000;

/** Delay between a tab's last trigger and its scan, in milliseconds. */
export const SCAN_DELAY_MS = 200;

/** Maximum script URLs whose result a tab remembers; the oldest are forgotten first. */
export const MAX_REMEMBERED_SCRIPTS = 1000;

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export type BodyResult =
  { ok: true; text: string; truncated: boolean } | { ok: false; problem: string };

/**
 * Reads a script body with `cache: 'force-cache'`, without cookies, and without following a
 * redirect to another URL. Reads at most `maxBytes` bytes and decodes them as UTF-8.
 * NOTE: Chromium partitions its HTTP cache by top-level site, and the worker's site is the
 * extension, so the request usually misses the page's cache entry and reaches the server.
 * The end-to-end test saw a second request for the script on the test server.
 */
export async function readScriptBody(
  url: string,
  fetchBody: FetchFunction,
  maxBytes = MAX_BODY_BYTES,
  timeoutMs = BODY_TIMEOUT_MS,
): Promise<BodyResult> {
  let response: Response;
  try {
    response = await fetchBody(url, {
      cache: 'force-cache',
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, problem: `fetch failed: ${String(error)}` };
  }
  if (!response.ok) {
    await response.body?.cancel();
    return { ok: false, problem: `HTTP status ${response.status}` };
  }
  if (response.body === null) {
    return { ok: true, text: '', truncated: false };
  }

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        break;
      }
      const room = maxBytes - received;
      if (value.byteLength > room) {
        chunks.push(value.subarray(0, room));
        received += room;
        truncated = true;
        await reader.cancel();
        break;
      }
      chunks.push(value);
      received += value.byteLength;
    }
  } catch (error) {
    return { ok: false, problem: `reading the body failed: ${String(error)}` };
  }

  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // NOTE: a body in another charset than UTF-8 is decoded with replacement characters. The
  // banners and version strings that the patterns look for are ASCII, so they still match.
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes), truncated };
}

function toScriptLibraries(url: string, content?: string): ScriptMatch & { ignored: boolean } {
  const result = identifyScript(
    content === undefined ? { url } : { url, content },
    pinnedDatabase(),
  );
  const libraries: ScriptLibrary[] = result.detections.map((detection) => ({
    library: detection.library.name,
    version: detection.version,
    method: detection.method,
  }));
  return { libraries, incomplete: result.incomplete, ignored: result.ignored };
}

/**
 * Identifies a script by its URL. Returns the match when the URL named a library or is on
 * the database's list of URLs not to check, else undefined: the body is then needed.
 */
export function matchScriptUrl(url: string): ScriptMatch | undefined {
  const { libraries, incomplete, ignored } = toScriptLibraries(url);
  return libraries.length > 0 || ignored ? { libraries, incomplete } : undefined;
}

/** Identifies a script by its body, which was cut at the size cap when `truncated`. */
export function matchScriptBody(url: string, text: string, truncated: boolean): ScriptMatch {
  const { libraries, incomplete } = toScriptLibraries(url, text);
  return { libraries, incomplete: incomplete || truncated };
}

/**
 * Lists the URLs of the tab's scripts that have no match stored yet, once each: the first
 * {@link MAX_SCRIPT_BODIES} scripts of the top document and of each frame.
 */
export function scriptsToMatch(state: TabState | undefined): string[] {
  if (state === undefined || !state.committed) {
    return [];
  }
  const urls = new Set<string>();
  for (const entry of [state.top, ...state.frames]) {
    for (const script of (entry.record.scripts ?? []).slice(0, MAX_SCRIPT_BODIES)) {
      if (script.libraries === undefined && /^https?:/i.test(script.url)) {
        urls.add(script.url);
      }
    }
  }
  return [...urls];
}

export interface ScriptScannerOptions {
  /** Reads the tab's state after the updates queued before. */
  read: (tabId: number) => Promise<TabState | undefined>;
  /** Stores the matches of a scan in the tab's state. */
  store: (tabId: number, matches: ReadonlyMap<string, ScriptMatch>) => Promise<void>;
  fetchBody: FetchFunction;
  logger: Logger;
  delayMs?: number;
}

type Remembered = ScriptMatch | 'failed';

/**
 * Runs one scan at a time per tab, after a delay that gathers triggers. Each tab remembers
 * the result of every script URL it read, so a body is read once per tab while the worker
 * runs. The matches stored in the tab's state outlive a restart of the worker.
 */
export class ScriptScanner {
  readonly #options: ScriptScannerOptions;
  readonly #delayMs: number;
  readonly #timers = new Map<number, ReturnType<typeof setTimeout>>();
  readonly #running = new Map<number, Promise<void>>();
  readonly #remembered = new Map<number, Map<string, Remembered>>();

  constructor(options: ScriptScannerOptions) {
    this.#options = options;
    this.#delayMs = options.delayMs ?? SCAN_DELAY_MS;
  }

  /** Scans the tab after the delay; triggers that arrive meanwhile share the scan. */
  schedule(tabId: number): void {
    if (this.#timers.has(tabId)) {
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(tabId);
      void this.scanNow(tabId);
    }, this.#delayMs);
    this.#timers.set(tabId, timer);
  }

  /** Scans the tab once the scan already running for it, if any, has finished. */
  scanNow(tabId: number): Promise<void> {
    const previous = this.#running.get(tabId) ?? Promise.resolve();
    const run = previous.then(() => this.#scan(tabId));
    this.#running.set(tabId, run);
    void run.then(() => {
      if (this.#running.get(tabId) === run) {
        this.#running.delete(tabId);
      }
    });
    return run;
  }

  /** Drops what the scanner keeps for a closed tab. */
  forget(tabId: number): void {
    clearTimeout(this.#timers.get(tabId));
    this.#timers.delete(tabId);
    this.#remembered.delete(tabId);
  }

  async #scan(tabId: number): Promise<void> {
    const { read, store, fetchBody, logger } = this.#options;
    try {
      const urls = scriptsToMatch(await read(tabId));
      if (urls.length === 0) {
        return;
      }
      const remembered = this.#rememberedOf(tabId);
      const matches = new Map<string, ScriptMatch>();
      for (const url of urls) {
        let result = remembered.get(url);
        if (result === undefined) {
          result = await this.#match(tabId, url, fetchBody, logger);
          remember(remembered, url, result);
        }
        if (result !== 'failed') {
          matches.set(url, result);
        }
      }
      await store(tabId, matches);
    } catch (error) {
      logger.error('Matching the scripts of a tab failed', error, { tabId });
    }
  }

  async #match(
    tabId: number,
    url: string,
    fetchBody: FetchFunction,
    logger: Logger,
  ): Promise<Remembered> {
    const byUrl = matchScriptUrl(url);
    if (byUrl !== undefined) {
      return byUrl;
    }
    const body = await readScriptBody(url, fetchBody);
    if (!body.ok) {
      logger.warn(
        `Reading a script body failed, so it is identified by URL only: ${body.problem}`,
        {
          tabId,
          url,
        },
      );
      return 'failed';
    }
    return matchScriptBody(url, body.text, body.truncated);
  }

  #rememberedOf(tabId: number): Map<string, Remembered> {
    let remembered = this.#remembered.get(tabId);
    if (remembered === undefined) {
      remembered = new Map();
      this.#remembered.set(tabId, remembered);
    }
    return remembered;
  }
}

function remember(remembered: Map<string, Remembered>, url: string, result: Remembered): void {
  remembered.set(url, result);
  if (remembered.size > MAX_REMEMBERED_SCRIPTS) {
    const oldest = remembered.keys().next().value;
    if (oldest !== undefined) {
      remembered.delete(oldest);
    }
  }
}
