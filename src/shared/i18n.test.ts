import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { describe, expect, test, vi } from 'vitest';

import messages from '../../public/_locales/en/messages.json';

vi.mock('webextension-polyfill', async () => ({
  default: (await import('../ui/testing/fake-browser')).fakeBrowser,
}));

const { t } = await import('./i18n');

interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const root = join(import.meta.dirname, '..', '..');
const entries = Object.entries(messages as Record<string, MessageEntry>);

/** Source files of the extension that ship, without tests and test helpers. */
function shippedSources(): Array<{ path: string; text: string }> {
  const srcDir = join(root, 'src');
  return readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.(ts|tsx|html)$/.test(path))
    .filter((path) => !/\.test\.tsx?$/.test(path) && !path.split(/[\\/]/).includes('testing'))
    .map((path) => ({
      path: relative(root, join(srcDir, path)),
      text: readFileSync(join(srcDir, path), 'utf8'),
    }));
}

const sources = shippedSources();
const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');

describe('messages.json', () => {
  test.each(entries)('%s has a message and a description', (_key, entry) => {
    expect(entry.message.trim()).not.toBe('');
    expect(entry.description?.trim() ?? '').not.toBe('');
  });

  test.each(entries)('%s names a placeholder for every $NAME$ it uses', (_key, entry) => {
    const used = [...entry.message.matchAll(/\$([a-zA-Z0-9_@]+)\$/g)].map((match) =>
      (match[1] ?? '').toLowerCase(),
    );
    const declared = Object.keys(entry.placeholders ?? {});
    expect(declared.sort()).toEqual([...new Set(used)].sort());
  });

  test('message names use only the characters browsers accept', () => {
    const invalid = entries.map(([key]) => key).filter((key) => !/^[a-zA-Z0-9_@]+$/.test(key));
    expect(invalid).toEqual([]);
  });

  test('manifest refers only to existing messages', () => {
    const referenced = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((match) => match[1]);
    expect(referenced).toEqual(
      expect.arrayContaining(['extensionName', 'extensionDescription', 'actionTitle']),
    );
    const missing = referenced.filter((key) => key === undefined || !(key in messages));
    expect(missing).toEqual([]);
  });

  test('every key passed to t() exists', () => {
    const used = sources.flatMap(({ path, text }) =>
      [...text.matchAll(/\bt\(\s*'([^']+)'/g)].map((match) => ({ path, key: match[1] ?? '' })),
    );
    expect(used.length).toBeGreaterThan(20);
    const missing = used.filter(({ key }) => !(key in messages));
    expect(missing).toEqual([]);
  });

  test('every message is used in the source or the manifest', () => {
    const unused = entries
      .map(([key]) => key)
      .filter(
        (key) =>
          !manifest.includes(`__MSG_${key}__`) &&
          !sources.some(({ text }) => text.includes(`'${key}'`)),
      );
    expect(unused).toEqual([]);
  });
});

describe('t', () => {
  test('fills placeholders in order', () => {
    expect(t('cookieNameInvalid', ['a;b', '“;”'])).toBe(
      "“a;b” is not a valid cookie name because it contains “;”. Cookie names may contain letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ only.",
    );
  });

  test('formats numbers as text', () => {
    expect(t('scoreValue', [85])).toBe('Score 85');
  });

  test('returns the key of a missing message and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // A key outside MessageKey reaches t() only from a stale locale file, which this simulates.
    expect(t('noSuchMessage' as never)).toBe('noSuchMessage');
    expect(t('noSuchMessage' as never)).toBe('noSuchMessage');
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});
