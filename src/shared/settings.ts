// User settings, saved in `storage.sync` so they follow the user's browser profile.

import browser from 'webextension-polyfill';

import type { GradeOptions } from '../scoring/types';

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
      typeof value.redirectProbe === 'boolean'
        ? value.redirectProbe
        : DEFAULT_SETTINGS.redirectProbe,
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
  const names = value
    .filter((name): name is string => typeof name === 'string')
    .map((name) => name.trim());
  return [...new Set(names.filter((name) => name.length > 0))];
}

export const SETTINGS_KEY = KEY;

/**
 * Library names the user marked as a patched fork, per site origin (such as
 * `https://shop.example.test`). Saved in `storage.sync` under its own key, so that saving
 * the options page does not overwrite a change made in the popup meanwhile.
 */
export type SilencedLibraries = Record<string, string[]>;

export const SILENCED_LIBRARIES_KEY = 'silencedLibraries';

export async function loadSilencedLibraries(): Promise<SilencedLibraries> {
  const stored = (await browser.storage.sync.get(SILENCED_LIBRARIES_KEY))[SILENCED_LIBRARIES_KEY];
  return normalizeSilencedLibraries(stored);
}

/**
 * Marks a library as a patched fork on the origin of `pageUrl`, or removes the mark, and
 * returns the origin's silenced names afterwards. Names compare without case.
 */
export async function setLibrarySilenced(
  pageUrl: string,
  library: string,
  silenced: boolean,
): Promise<string[]> {
  const origin = siteOrigin(pageUrl);
  if (origin === undefined) {
    throw new Error(`cannot silence a library for "${pageUrl}": not an http or https URL`);
  }
  const all = await loadSilencedLibraries();
  const others = (all[origin] ?? []).filter((name) => name.toLowerCase() !== library.toLowerCase());
  const names = silenced ? [...others, library] : others;
  if (names.length === 0) {
    delete all[origin];
  } else {
    all[origin] = names;
  }
  await browser.storage.sync.set({ [SILENCED_LIBRARIES_KEY]: all });
  return names;
}

/** Returns the library names silenced on the origin of `pageUrl`. */
export function silencedLibrariesFor(all: SilencedLibraries, pageUrl: string): string[] {
  const origin = siteOrigin(pageUrl);
  return origin === undefined ? [] : (all[origin] ?? []);
}

/** Reads the stored map defensively: entries that are not lists of names are dropped. */
export function normalizeSilencedLibraries(stored: unknown): SilencedLibraries {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
    return {};
  }
  const result: SilencedLibraries = {};
  for (const [origin, names] of Object.entries(stored)) {
    const cleaned = cleanNames(names);
    if (cleaned.length > 0) {
      result[origin] = cleaned;
    }
  }
  return result;
}

/** Returns the origin of an `http:` or `https:` URL, the key silenced libraries are saved under. */
export function siteOrigin(pageUrl: string): string | undefined {
  try {
    const url = new URL(pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the grader's options for a page from the settings and the silenced libraries. */
export function gradeOptionsFor(
  settings: Pick<Settings, 'sessionCookieNames' | 'csrfCookieNames'>,
  silenced: SilencedLibraries,
  pageUrl: string,
): GradeOptions {
  return {
    sessionCookieNames: settings.sessionCookieNames,
    csrfCookieNames: settings.csrfCookieNames,
    silencedLibraries: silencedLibrariesFor(silenced, pageUrl),
  };
}

/** Loads the settings and silenced libraries and builds the grader's options for a page. */
export async function loadGradeOptions(pageUrl: string): Promise<GradeOptions> {
  const [settings, silenced] = await Promise.all([loadSettings(), loadSilencedLibraries()]);
  return gradeOptionsFor(settings, silenced, pageUrl);
}
