// User-facing text of the extension's pages, read from `public/_locales/<locale>/messages.json`
// through `browser.i18n`, so every string shown to the user can be translated.

import browser from 'webextension-polyfill';

import type messages from '../../public/_locales/en/messages.json';

import { createLogger } from './logger';

/** The name of a message in `messages.json`. The English file is the reference list. */
export type MessageKey = keyof typeof messages;

const log = createLogger('i18n');
const reportedMissing = new Set<string>();

/**
 * Returns the message `key` in the browser's language, with `substitutions` filling its
 * placeholders in order (`$1` to `$9`). A message missing from the locale files returns the key
 * itself, so the gap shows on screen instead of a blank.
 */
export function t(key: MessageKey, substitutions?: ReadonlyArray<string | number>): string {
  const text = browser.i18n.getMessage(key, substitutions?.map(String));
  if (text) {
    return text;
  }
  if (!reportedMissing.has(key)) {
    reportedMissing.add(key);
    log.warn('message not found in the locale files', { key });
  }
  return key;
}
