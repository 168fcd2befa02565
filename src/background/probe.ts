// The HTTPS-redirect probe: when the browser never saw the page's plain-HTTP URL, the worker
// requests it once itself to learn whether the server redirects it to HTTPS.

import { isDevelopmentHost } from '../scoring/development-host';
import { HeaderList } from '../scoring/headers';
import type { HeaderPair, HttpProbe, RedirectHop, ResponseRecord } from '../scoring/types';

/** How long a probe may take, in milliseconds, before it is reported as timed out. */
export const PROBE_TIMEOUT_MS = 5000;

/**
 * Reports whether a response is Chromium's own upgrade of a host in its HSTS cache rather than
 * the server's redirect: a `307` carrying `Non-Authoritative-Reason: HSTS`.
 */
export function isBrowserHstsUpgrade(status: number, headers: readonly HeaderPair[]): boolean {
  if (status !== 307) {
    return false;
  }
  const reasons = new HeaderList(headers).all('non-authoritative-reason');
  return reasons.some((reason) => reason.trim().toLowerCase() === 'hsts');
}

/**
 * Returns the plain-HTTP URL to probe for a record: same host and path, default port, no query.
 * Returns null when no probe applies because the document is not HTTPS, is on a development
 * host, or a server's redirect from an `http://` URL was already observed. Chromium's own HSTS
 * upgrade does not count as observed, because it shows nothing of what the server does.
 */
export function probeTarget(record: ResponseRecord): string | null {
  let url: URL;
  try {
    url = new URL(record.url);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || isDevelopmentHost(url.hostname)) {
    return null;
  }
  if ((record.redirects ?? []).some(isServerRedirectFromHttp)) {
    return null;
  }
  return `http://${url.hostname}${url.pathname}`;
}

function isServerRedirectFromHttp(hop: RedirectHop): boolean {
  return hop.url.startsWith('http:') && !isBrowserHstsUpgrade(hop.status, hop.headers ?? []);
}

/** The first response of a probe, as the worker's own `webRequest` listeners observed it. */
export interface ProbeObservation {
  status: number;
  headers: HeaderPair[];
  /** The URL the browser would follow, when the response was a redirect. */
  redirectUrl?: string;
}

/** Turns the observed first response of a probe into the record's `httpProbe`. */
export function probeFromObservation(url: string, observation: ProbeObservation): HttpProbe {
  if (isBrowserHstsUpgrade(observation.status, observation.headers)) {
    return { state: 'browser-hsts-upgrade', url };
  }
  const location = new HeaderList(observation.headers).first('location') ?? observation.redirectUrl;
  return {
    state: 'response',
    url,
    status: observation.status,
    ...(location === undefined ? {} : { location }),
  };
}

type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Sends probes and collects what the worker's `webRequest` listeners observe of them. With
 * `redirect: 'manual'`, `fetch` returns an opaque redirect without status or `Location`, so
 * those come from {@link observe}, which the worker calls for requests it started itself.
 * Probes of the same URL at the same time share one request.
 */
export class HttpProbeRunner {
  readonly #fetch: FetchFunction;
  readonly #timeoutMs: number;
  readonly #inFlight = new Map<string, Promise<HttpProbe>>();
  readonly #waiters = new Map<string, (observation: ProbeObservation) => void>();

  constructor(fetchFunction: FetchFunction, timeoutMs = PROBE_TIMEOUT_MS) {
    this.#fetch = fetchFunction;
    this.#timeoutMs = timeoutMs;
  }

  /** Reports whether a probe of this URL is waiting for its response. */
  isProbing(url: string): boolean {
    return this.#waiters.has(url);
  }

  /** Passes the first response the browser observed for a probe's URL to the waiting probe. */
  observe(url: string, observation: ProbeObservation): void {
    const waiter = this.#waiters.get(url);
    if (waiter !== undefined) {
      this.#waiters.delete(url);
      waiter(observation);
    }
  }

  run(url: string): Promise<HttpProbe> {
    const running = this.#inFlight.get(url);
    if (running !== undefined) {
      return running;
    }
    const probe = this.#send(url).finally(() => this.#inFlight.delete(url));
    this.#inFlight.set(url, probe);
    return probe;
  }

  async #send(url: string): Promise<HttpProbe> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    const observed = new Promise<ProbeObservation | null>((resolve) => {
      this.#waiters.set(url, resolve);
      controller.signal.addEventListener('abort', () => resolve(null));
    });

    try {
      const response = await this.#fetch(url, {
        credentials: 'omit',
        redirect: 'manual',
        cache: 'no-store',
        signal: controller.signal,
      });
      await response.body?.cancel();

      if (response.type !== 'opaqueredirect') {
        const location = response.headers.get('location');
        return {
          state: 'response',
          url,
          status: response.status,
          ...(location === null ? {} : { location }),
        };
      }
      // The listener's event may arrive after fetch resolves, so wait for it until the timeout.
      const observation = await observed;
      if (observation === null) {
        return { state: 'error', url, message: this.#timeoutMessage() };
      }
      return probeFromObservation(url, observation);
    } catch (error) {
      if (controller.signal.aborted) {
        return { state: 'error', url, message: this.#timeoutMessage() };
      }
      return {
        state: 'error',
        url,
        message: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
      this.#waiters.delete(url);
    }
  }

  #timeoutMessage(): string {
    return `no response within ${this.#timeoutMs / 1000} s`;
  }
}
