// Content script of top-level documents: sends the worker what only the page shows, the
// `<meta http-equiv>` markup and the plain-HTTP URLs that Chromium blocks before `webRequest`.

import browser from 'webextension-polyfill';

import { createLogger } from '../shared/logger';
import type { PageMarkupMessage } from '../shared/messages';
import { collectMetaMarkup, collectPlainHttpRequests } from './page-markup';

const logger = createLogger('content');

const html = collectMetaMarkup(document);
const plainHttpRequests = location.protocol === 'https:' ? collectPlainHttpRequests(document) : [];

if (html !== '' || plainHttpRequests.length > 0) {
  const message: PageMarkupMessage = {
    type: 'page-markup',
    url: location.href,
    html,
    plainHttpRequests,
  };
  browser.runtime.sendMessage(message).catch((error: unknown) => {
    logger.error('Sending the page markup to the service worker failed', error, {
      url: location.href,
    });
  });
}
