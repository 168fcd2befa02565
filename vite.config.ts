import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

import manifest from './manifest.json' with { type: 'json' };

export default defineConfig({
  plugins: [preact(), crx({ manifest })],
  build: {
    target: 'chrome120',
    sourcemap: true,
    emptyOutDir: true,
    rollupOptions: {
      // crxjs builds the pages the manifest names. The DevTools panel page is named only by
      // `devtools.panels.create` in the DevTools page's script, so it is added here.
      input: { panel: 'src/devtools/panel.html' },
    },
  },
});
