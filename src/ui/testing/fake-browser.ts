// A stand-in for `webextension-polyfill` in component tests: `i18n.getMessage` reads the real
// English messages.json, and storage, tabs and runtime keep their state in memory.
//
// Test files install it with
//   vi.mock('webextension-polyfill', async () => ({
//     default: (await import('../ui/testing/fake-browser')).fakeBrowser,
//   }));

import messages from '../../../public/_locales/en/messages.json';

interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}

type StorageListener = (
  changes: Record<string, { oldValue?: unknown; newValue?: unknown }>,
  areaName: string,
) => void;
type TabUpdatedListener = (tabId: number, changeInfo: { status?: string }) => void;

/**
 * Formats a message the way Chrome's `i18n.getMessage` does: named `$placeholder$`s are replaced
 * by their content, then `$1` to `$9` by the substitutions and `$$` by a dollar sign. An unknown
 * key returns an empty string.
 */
export function formatMessage(key: string, substitutions: readonly string[] = []): string {
  const entry = (messages as Record<string, MessageEntry | undefined>)[key];
  if (entry === undefined) {
    return '';
  }
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([a-zA-Z0-9_@]+)\$/g, (whole, name: string) => {
    const placeholder = placeholders[name.toLowerCase()];
    return placeholder === undefined ? whole : placeholder.content;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}

function createStorageArea(areaName: string, listeners: Set<StorageListener>) {
  const items = new Map<string, unknown>();
  return {
    items,
    /** Set to an error to make the next reads and writes of this area reject with it. */
    failure: undefined as Error | undefined,
    get(keys?: string | string[] | null): Promise<Record<string, unknown>> {
      if (this.failure) {
        return Promise.reject(this.failure);
      }
      const requestedKeys = keys === undefined || keys === null ? [...items.keys()] : [keys].flat();
      const result: Record<string, unknown> = {};
      for (const key of requestedKeys) {
        if (items.has(key)) {
          result[key] = structuredClone(items.get(key));
        }
      }
      return Promise.resolve(result);
    },
    set(values: Record<string, unknown>): Promise<void> {
      if (this.failure) {
        return Promise.reject(this.failure);
      }
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [key, value] of Object.entries(values)) {
        changes[key] = { oldValue: items.get(key), newValue: structuredClone(value) };
        items.set(key, structuredClone(value));
      }
      for (const listener of listeners) {
        listener(changes, areaName);
      }
      return Promise.resolve();
    },
  };
}

function createEvent<Listener>() {
  const listeners = new Set<Listener>();
  return {
    listeners,
    addListener: (listener: Listener) => void listeners.add(listener),
    removeListener: (listener: Listener) => void listeners.delete(listener),
    hasListener: (listener: Listener) => listeners.has(listener),
  };
}

const storageChanged = createEvent<StorageListener>();
const tabUpdated = createEvent<TabUpdatedListener>();

export const fakeBrowser = {
  i18n: {
    getMessage: (key: string, substitutions?: string | string[]) =>
      formatMessage(key, substitutions === undefined ? [] : [substitutions].flat()),
    getUILanguage: () => 'en',
  },
  storage: {
    sync: createStorageArea('sync', storageChanged.listeners),
    session: createStorageArea('session', storageChanged.listeners),
    onChanged: storageChanged,
  },
  tabs: {
    /** The tabs that `tabs.query({ active: true, currentWindow: true })` returns. */
    activeTabs: [] as Array<{ id?: number }>,
    reloaded: [] as number[],
    query: () => Promise.resolve(fakeBrowser.tabs.activeTabs),
    reload: (tabId: number) => {
      fakeBrowser.tabs.reloaded.push(tabId);
      return Promise.resolve();
    },
    onUpdated: tabUpdated,
  },
  runtime: {
    sentMessages: [] as unknown[],
    /** Returns the response of the background service worker to a message. */
    respond: undefined as ((message: unknown) => unknown) | undefined,
    sendMessage: (message: unknown) => {
      fakeBrowser.runtime.sentMessages.push(message);
      return Promise.resolve(fakeBrowser.runtime.respond?.(message));
    },
    optionsPageOpenings: 0,
    openOptionsPage: () => {
      fakeBrowser.runtime.optionsPageOpenings += 1;
      return Promise.resolve();
    },
    getManifest: () => ({ options_ui: { page: 'src/options/index.html' } }),
    getURL: (path: string) => `chrome-extension://fake-extension-id/${path}`,
  },
};

/** Empties storage, clears the recorded calls and removes listeners, for a fresh test. */
export function resetFakeBrowser(): void {
  fakeBrowser.storage.sync.items.clear();
  fakeBrowser.storage.sync.failure = undefined;
  fakeBrowser.storage.session.items.clear();
  fakeBrowser.storage.session.failure = undefined;
  storageChanged.listeners.clear();
  tabUpdated.listeners.clear();
  fakeBrowser.tabs.activeTabs = [];
  fakeBrowser.tabs.reloaded = [];
  fakeBrowser.runtime.sentMessages = [];
  fakeBrowser.runtime.respond = undefined;
  fakeBrowser.runtime.optionsPageOpenings = 0;
}

/** Fires `tabs.onUpdated` as the browser does when a tab's load status changes. */
export function emitTabUpdated(tabId: number, changeInfo: { status?: string }): void {
  for (const listener of tabUpdated.listeners) {
    listener(tabId, changeInfo);
  }
}
