// Builds the command-line grader as one self-contained ES module for Node 20: every
// dependency is bundled (csp_evaluator is CommonJS), so plain `node` runs it without
// node_modules.

import { chmod } from 'node:fs/promises';
import { join } from 'node:path';

import { defineConfig, type Plugin } from 'vite';

const OUT_DIR = 'dist-cli';
const EXECUTABLE = 'hardening-inspector.mjs';

/** Marks the built file executable, so `./dist-cli/hardening-inspector.mjs` runs through its shebang. */
function markExecutable(): Plugin {
  return {
    name: 'mark-cli-executable',
    apply: 'build',
    async writeBundle(options) {
      await chmod(join(options.dir ?? OUT_DIR, EXECUTABLE), 0o755);
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [markExecutable()],
  build: {
    ssr: 'src/cli/main.ts',
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: {
        format: 'es',
        entryFileNames: EXECUTABLE,
        banner: '#!/usr/bin/env node',
      },
    },
  },
  ssr: {
    target: 'node',
    noExternal: true,
  },
});
