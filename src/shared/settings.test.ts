import { beforeEach, describe, expect, test, vi } from 'vitest';

import { fakeBrowser, resetFakeBrowser } from '../ui/testing/fake-browser';
import {
  DEFAULT_SETTINGS,
  gradeOptionsFor,
  loadGradeOptions,
  loadSilencedLibraries,
  normalizeSilencedLibraries,
  saveSettings,
  setLibrarySilenced,
  SILENCED_LIBRARIES_KEY,
  silencedLibrariesFor,
} from './settings';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('../ui/testing/fake-browser')).fakeBrowser,
}));

const SHOP = 'https://shop.example.test';

beforeEach(() => {
  resetFakeBrowser();
});

describe('silenced libraries', () => {
  test('mark is saved per origin', async () => {
    await setLibrarySilenced(`${SHOP}/account/?tab=1`, 'jquery', true);
    await setLibrarySilenced('https://blog.example.test/', 'moment.js', true);

    expect(await loadSilencedLibraries()).toEqual({
      [SHOP]: ['jquery'],
      'https://blog.example.test': ['moment.js'],
    });
  });

  test('undo removes the name and the empty origin', async () => {
    await setLibrarySilenced(`${SHOP}/`, 'jquery', true);

    const names = await setLibrarySilenced(`${SHOP}/other`, 'jQuery', false);

    expect(names).toEqual([]);
    expect(await loadSilencedLibraries()).toEqual({});
  });

  test('marking twice keeps one name', async () => {
    await setLibrarySilenced(`${SHOP}/`, 'jquery', true);
    await setLibrarySilenced(`${SHOP}/`, 'jquery', true);

    expect(await loadSilencedLibraries()).toEqual({ [SHOP]: ['jquery'] });
  });

  test('page without an origin is rejected', async () => {
    await expect(setLibrarySilenced('chrome://newtab/', 'jquery', true)).rejects.toThrow(
      'cannot silence a library for "chrome://newtab/": not an http or https URL',
    );
  });

  test('saving the options keeps the marks', async () => {
    await setLibrarySilenced(`${SHOP}/`, 'jquery', true);

    await saveSettings({ ...DEFAULT_SETTINGS, redirectProbe: false });

    expect(await loadSilencedLibraries()).toEqual({ [SHOP]: ['jquery'] });
  });

  test.each([
    ['a list', ['jquery']],
    ['null', null],
    ['a string', 'jquery'],
  ])('stored %s reads as empty', (_name, stored) => {
    expect(normalizeSilencedLibraries(stored)).toEqual({});
  });

  test('malformed names are dropped', () => {
    expect(
      normalizeSilencedLibraries({ [SHOP]: ['jquery', 3, ' ', ' moment.js '], other: 'x' }),
    ).toEqual({ [SHOP]: ['jquery', 'moment.js'] });
  });

  test('lookup uses the page origin', () => {
    const all = { [SHOP]: ['jquery'] };

    expect(silencedLibrariesFor(all, `${SHOP}/cart`)).toEqual(['jquery']);
    expect(silencedLibrariesFor(all, 'http://shop.example.test/cart')).toEqual([]);
    expect(silencedLibrariesFor(all, 'not a url')).toEqual([]);
  });
});

describe('grade options', () => {
  test('combine cookie names and silenced libraries', () => {
    const options = gradeOptionsFor(
      { sessionCookieNames: ['shop_login'], csrfCookieNames: ['shop_csrf'] },
      { [SHOP]: ['jquery'] },
      `${SHOP}/`,
    );

    expect(options).toEqual({
      sessionCookieNames: ['shop_login'],
      csrfCookieNames: ['shop_csrf'],
      silencedLibraries: ['jquery'],
    });
  });

  test('load reads both storage keys', async () => {
    await fakeBrowser.storage.sync.set({
      settings: { sessionCookieNames: ['shop_login'] },
      [SILENCED_LIBRARIES_KEY]: { [SHOP]: ['jquery'] },
    });

    expect(await loadGradeOptions(`${SHOP}/`)).toEqual({
      sessionCookieNames: ['shop_login'],
      csrfCookieNames: [],
      silencedLibraries: ['jquery'],
    });
  });
});
