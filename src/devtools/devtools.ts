// The DevTools page: runs once per DevTools window and adds the "Hardening" panel.

import browser from 'webextension-polyfill';

import { createLogger } from '../shared/logger';

const log = createLogger('devtools');

/** The panel page, relative to the extension's root as `devtools.panels.create` expects. */
export const PANEL_PAGE = 'src/devtools/panel.html';

browser.devtools.panels
  .create('Hardening', 'icons/icon-32.png', PANEL_PAGE)
  .then(() => {
    // Marks the hidden DevTools page, so a test of real DevTools can see the panel exists.
    document.documentElement.dataset.panel = 'created';
  })
  .catch((error: unknown) => {
    log.error('creating the Hardening panel failed', error);
  });
