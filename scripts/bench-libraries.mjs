#!/usr/bin/env node
// Measures how long the library matcher takes per script, over the library files installed
// as dev dependencies, and prints the median and 95th percentile of each file.
//
// Usage: node scripts/bench-libraries.mjs [rounds]
//   rounds  timed runs per file after one warm-up run (default 20)

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createServer } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rounds = Number(process.argv[2] ?? 20);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new Error(`invalid rounds "${process.argv[2]}": expected a positive integer`);
}

const FILES = [
  'jquery/dist/jquery.js',
  'jquery/dist/jquery.min.js',
  'jquery-current/dist/jquery.min.js',
  'angular/angular.js',
  'angular/angular.min.js',
  'bootstrap/dist/js/bootstrap.min.js',
  'lodash/lodash.js',
  'lodash/lodash.min.js',
  'lodash-current/lodash.min.js',
  'moment/min/moment.min.js',
  'moment-current/min/moment.min.js',
  'jquery-deparam/jquery-deparam.js',
];

function percentile(sorted, fraction) {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

// Vite compiles the TypeScript sources on the fly, as the tests see them.
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
});

try {
  const { pinnedDatabase } = await server.ssrLoadModule('/src/scoring/libraries/database.ts');
  const { identifyScript } = await server.ssrLoadModule('/src/scoring/libraries/matcher.ts');

  let started = performance.now();
  const database = pinnedDatabase();
  console.log(`database compiled in ${(performance.now() - started).toFixed(1)} ms`);

  const bundle = FILES.map((file) => readFileSync(join(root, 'node_modules', file), 'utf8')).join(
    '\n',
  );
  const inputs = [
    ...FILES.map((file) => ({
      name: file,
      content: readFileSync(join(root, 'node_modules', file), 'utf8'),
    })),
    { name: 'bundle of all the files above', content: bundle },
  ];

  console.log(`${rounds} rounds per file; times in ms per script, content matched (renamed file)`);
  console.log(
    ['file'.padEnd(40), 'KiB'.padStart(7), 'median'.padStart(9), 'p95'.padStart(9), '  found'].join(
      '',
    ),
  );
  const medians = [];
  for (const { name, content } of inputs) {
    const script = { url: 'https://example.test/assets/app.js', content };
    identifyScript(script, database);

    const times = [];
    let found = [];
    for (let round = 0; round < rounds; round += 1) {
      started = performance.now();
      found = identifyScript(script, database).detections;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    medians.push(percentile(times, 0.5));
    console.log(
      [
        name.padEnd(40),
        (content.length / 1024).toFixed(0).padStart(7),
        percentile(times, 0.5).toFixed(1).padStart(9),
        percentile(times, 0.95).toFixed(1).padStart(9),
        `  ${found.map((detection) => `${detection.library.name} ${detection.version}`).join(', ')}`,
      ].join(''),
    );
  }

  const urlTimes = [];
  for (let round = 0; round < rounds * 50; round += 1) {
    started = performance.now();
    identifyScript({ url: 'https://code.jquery.com/jquery-1.12.4.min.js' }, database);
    urlTimes.push(performance.now() - started);
  }
  urlTimes.sort((a, b) => a - b);
  console.log(
    `URL only: median ${percentile(urlTimes, 0.5).toFixed(3)} ms, p95 ${percentile(urlTimes, 0.95).toFixed(3)} ms`,
  );
} finally {
  await server.close();
}
