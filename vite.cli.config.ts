// Builds the command-line grader as one self-contained ES module for Node 20: every
// dependency is bundled (csp_evaluator is CommonJS), so plain `node` runs it without
// node_modules.

import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: 'hardening-inspector.mjs',
        banner: '#!/usr/bin/env node',
      },
    },
  },
  ssr: {
    target: 'node',
    noExternal: true,
  },
});
