// Differences between browsers, found by testing for an API rather than naming a browser.
// Chromium-only options and fields are used only where they exist, so Firefox keeps working.

import browser from 'webextension-polyfill';
import type { Action, Storage, WebRequest } from 'webextension-polyfill';

type EnumObject = Record<string, string> | undefined;

/** Reads an enum object of Chromium's `chrome.webRequest`; undefined in other browsers. */
function chromeWebRequestEnum(name: string): EnumObject {
  const chromeGlobal = (globalThis as { chrome?: { webRequest?: Record<string, unknown> } }).chrome;
  return chromeGlobal?.webRequest?.[name] as EnumObject;
}

/**
 * Returns the `extraInfoSpec` for `onHeadersReceived`: `responseHeaders`, plus `extraHeaders`
 * where the browser defines it. Chromium hides `Set-Cookie` and some other headers without `extraHeaders`;
 * Firefox shows every header and has no such option.
 */
export function headersReceivedOptions(): WebRequest.OnHeadersReceivedOptions[] {
  const extraHeaders = chromeWebRequestEnum('OnHeadersReceivedOptions')?.EXTRA_HEADERS;
  return extraHeaders === 'extraHeaders'
    ? ['responseHeaders', 'extraHeaders']
    : ['responseHeaders'];
}

/** Returns the `extraInfoSpec` for `onBeforeRedirect`, built like {@link headersReceivedOptions}. */
export function beforeRedirectOptions(): WebRequest.OnBeforeRedirectOptions[] {
  const extraHeaders = chromeWebRequestEnum('OnBeforeRedirectOptions')?.EXTRA_HEADERS;
  return extraHeaders === 'extraHeaders'
    ? ['responseHeaders', 'extraHeaders']
    : ['responseHeaders'];
}

/**
 * Returns the origin that started a request: Chromium reports it as `initiator`, Firefox as the
 * full `originUrl`. Returns undefined when the browser reports neither.
 */
export function requestInitiatorOrigin(details: {
  initiator?: string;
  originUrl?: string;
}): string | undefined {
  if (typeof details.initiator === 'string') {
    return details.initiator;
  }
  if (typeof details.originUrl === 'string') {
    try {
      return new URL(details.originUrl).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Returns this extension's own origin, such as `chrome-extension://<id>`. */
export function extensionOrigin(): string {
  return new URL(browser.runtime.getURL('/')).origin;
}

/**
 * Returns `storage.session` (Chromium 102+, Firefox 115+), or a memory-only area with the same
 * methods where the browser lacks it. The memory area loses its data when the background restarts.
 */
export function sessionStorageArea(): Pick<Storage.StorageArea, 'get' | 'set' | 'remove'> {
  const session = (browser.storage as Partial<Storage.Static>).session;
  if (session !== undefined) {
    return session;
  }
  return createMemoryStorageArea();
}

function createMemoryStorageArea(): Pick<Storage.StorageArea, 'get' | 'set' | 'remove'> {
  const items = new Map<string, unknown>();
  return {
    get(keys?: string | string[] | Record<string, unknown> | null) {
      const requested =
        typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : [...items.keys()];
      const result: Record<string, unknown> = {};
      for (const key of requested) {
        if (items.has(key)) {
          result[key] = structuredClone(items.get(key));
        }
      }
      return Promise.resolve(result);
    },
    set(values: Record<string, unknown>) {
      for (const [key, value] of Object.entries(values)) {
        items.set(key, structuredClone(value));
      }
      return Promise.resolve();
    },
    remove(keys: string | string[]) {
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        items.delete(key);
      }
      return Promise.resolve();
    },
  };
}

/**
 * Sets the badge's text colour for one tab where the browser supports it (Chromium 110+,
 * Firefox 63+). Elsewhere the badge keeps the browser's default text colour.
 */
export async function setBadgeTextColor(tabId: number, color: string): Promise<void> {
  const action = browser.action as Partial<Action.Static> | undefined;
  if (typeof action?.setBadgeTextColor === 'function') {
    await action.setBadgeTextColor({ tabId, color });
  }
}
