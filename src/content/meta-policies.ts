// Content script of top-level documents: sends the page's `<meta http-equiv>` markup to the
// service worker, which keeps it in the page's record.

import browser from 'webextension-polyfill';

import { createLogger } from '../shared/logger';
import type { MetaPoliciesMessage } from '../shared/messages';
import { collectMetaMarkup } from './meta-markup';

const logger = createLogger('content');

const html = collectMetaMarkup(document);
if (html !== '') {
  const message: MetaPoliciesMessage = { type: 'meta-policies', url: location.href, html };
  browser.runtime.sendMessage(message).catch((error: unknown) => {
    logger.error('Sending the meta policies to the service worker failed', error, {
      url: location.href,
    });
  });
}
