// User settings, saved in `storage.sync` so they follow the user's browser profile.

import browser from 'webextension-polyfill';

export interface Settings {
  /** Send one plain-HTTP request to the page's host to verify the HTTPS redirect. */
  redirectProbe: boolean;
  /** Extra session cookie names, such as a site's own `SESSION_COOKIE_NAME`. */
  sessionCookieNames: string[];
  /** Extra CSRF cookie names, such as a site's own `CSRF_COOKIE_NAME`. */
  csrfCookieNames: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  redirectProbe: true,
  sessionCookieNames: [],
  csrfCookieNames: [],
};

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = (await browser.storage.sync.get(KEY))[KEY];
  return normalizeSettings(stored);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.sync.set({ [KEY]: normalizeSettings(settings) });
}

/** Reads stored settings defensively: unknown or malformed fields fall back to the defaults. */
export function normalizeSettings(stored: unknown): Settings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<
    Record<keyof Settings, unknown>
  >;
  return {
    redirectProbe:
      typeof value.redirectProbe === 'boolean' ? value.redirectProbe : DEFAULT_SETTINGS.redirectProbe,
    sessionCookieNames: cleanNames(value.sessionCookieNames),
    csrfCookieNames: cleanNames(value.csrfCookieNames),
  };
}

/** Parses a comma- or newline-separated list of cookie names typed by the user. */
export function parseCookieNames(text: string): string[] {
  return cleanNames(text.split(/[\s,]+/));
}

function cleanNames(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const names = value.filter((name): name is string => typeof name === 'string').map((name) => name.trim());
  return [...new Set(names.filter((name) => name.length > 0))];
}

export const SETTINGS_KEY = KEY;
