// @ts-check
// `npm run bench:grader`: times the grader on every response of the real-headers corpus. The
// script bundles the grader and the CLI's input reader into a temporary folder with the
// CLI build's settings: Vite SSR build, every dependency inlined, Node 20 target. It then
// grades each response many times and times every call on its own.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { build } from 'vite';

/** @typedef {typeof import('../src/scoring/index').gradeRecord} GradeRecord */
/** @typedef {typeof import('../src/cli/inputs').parseInput} ParseInput */
/** @typedef {{ name: string, record: import('../src/scoring/types').ResponseRecord }} CorpusEntry */

const ROOT = resolve(import.meta.dirname, '..');
const CORPUS = join(ROOT, 'src/scoring/testdata/real-headers');

const USAGE = `Usage: npm run bench:grader [-- --rounds N --warmup N]

Grades every response of src/scoring/testdata/real-headers/ N times and prints the time
per graded response (median and 95th percentile, in microseconds), with the Node version
and the CPU.

Options:
  --rounds N   timed passes over the corpus (default: 200)
  --warmup N   untimed passes first, so the JIT compiler settles (default: 20)
  --help       show this help`;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = positiveInteger(values.rounds, '--rounds');
const warmup = positiveInteger(values.warmup, '--warmup', true);

const bundleDir = await mkdtemp(join(tmpdir(), 'hardening-inspector-bench-'));
try {
  const { gradeRecord, parseInput } = await loadGrader(bundleDir);
  const corpus = await loadCorpus(parseInput);
  const samples = timeGrading(corpus, gradeRecord, rounds, warmup);
  printResults(corpus, samples, rounds, warmup);
} finally {
  await rm(bundleDir, { recursive: true, force: true });
}

/**
 * Builds the grader and the input reader with the CLI's settings and imports them.
 * @param {string} outDir
 * @returns {Promise<{ gradeRecord: GradeRecord, parseInput: ParseInput }>}
 */
async function loadGrader(outDir) {
  await build({
    root: ROOT,
    configFile: false,
    logLevel: 'error',
    publicDir: false,
    ssr: { target: 'node', noExternal: true },
    build: {
      ssr: true,
      outDir,
      target: 'node20',
      minify: false,
      rolldownOptions: {
        input: { grader: 'src/scoring/index.ts', inputs: 'src/cli/inputs.ts' },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  });
  const grader = await import(pathToFileURL(join(outDir, 'grader.mjs')).href);
  const inputs = await import(pathToFileURL(join(outDir, 'inputs.mjs')).href);
  return { gradeRecord: grader.gradeRecord, parseInput: inputs.parseInput };
}

/**
 * Reads each corpus file through the CLI's input reader, as `hardening-inspector grade` does.
 * @param {ParseInput} parseInput
 * @returns {Promise<CorpusEntry[]>}
 */
async function loadCorpus(parseInput) {
  const names = (await readdir(CORPUS)).filter((name) => name.endsWith('.json')).sort();
  const corpus = [];
  for (const name of names) {
    const input = parseInput(await readFile(join(CORPUS, name), 'utf8'), { frames: false });
    if (!input.ok) {
      throw new Error(`${name}: ${input.error}`);
    }
    for (const document of input.documents) {
      corpus.push({ name, record: document.record });
    }
  }
  return corpus;
}

/**
 * Returns the time of every grading in microseconds, by corpus entry.
 * @param {CorpusEntry[]} corpus
 * @param {GradeRecord} gradeRecord
 * @param {number} rounds
 * @param {number} warmup
 * @returns {number[][]}
 */
function timeGrading(corpus, gradeRecord, rounds, warmup) {
  for (let round = 0; round < warmup; round += 1) {
    for (const { record } of corpus) {
      gradeRecord(record, {});
    }
  }

  const samples = corpus.map(() => /** @type {number[]} */ ([]));
  for (let round = 0; round < rounds; round += 1) {
    corpus.forEach(({ record }, index) => {
      const start = process.hrtime.bigint();
      gradeRecord(record, {});
      const elapsed = process.hrtime.bigint() - start;
      samples[index]?.push(Number(elapsed) / 1000);
    });
  }
  return samples;
}

/**
 * @param {CorpusEntry[]} corpus
 * @param {number[][]} samples
 * @param {number} rounds
 * @param {number} warmup
 */
function printResults(corpus, samples, rounds, warmup) {
  const all = samples.flat().sort((a, b) => a - b);
  const cpuModel = cpus()[0]?.model.trim() ?? 'unknown CPU';

  console.log(
    `grader benchmark: ${corpus.length} responses x ${rounds} rounds = ${all.length} gradings (${warmup} warm-up rounds)`,
  );
  console.log(
    `node ${process.version}, ${process.platform} ${process.arch}, ${cpuModel}, ${availableParallelism()} logical cores`,
  ); // Other processes slow the run down: the load average shows how busy the machine was.
  console.log(
    `load average at the end (1, 5, 15 min): ${loadavg()
      .map((load) => load.toFixed(2))
      .join(', ')}`,
  );

  console.log(
    `per response: median ${format(percentile(all, 0.5))} µs, p95 ${format(percentile(all, 0.95))} µs, max ${format(all[all.length - 1] ?? 0)} µs`,
  );

  const slowest = corpus
    .map(({ name }, index) => ({
      name,
      median: percentile(
        [...(samples[index] ?? [])].sort((a, b) => a - b),
        0.5,
      ),
    }))
    .sort((a, b) => b.median - a.median)
    .slice(0, 3);
  console.log('slowest responses (median):');
  for (const { name, median } of slowest) {
    console.log(`  ${format(median).padStart(8)} µs  ${name}`);
  }
}

/**
 * Returns the nearest-rank percentile of sorted values.
 * @param {number[]} sorted
 * @param {number} fraction
 */
function percentile(sorted, fraction) {
  if (sorted.length === 0) {
    return 0;
  }
  const rank = Math.ceil(fraction * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? 0;
}

/** @param {number} microseconds */
function format(microseconds) {
  return microseconds.toFixed(1);
}

/**
 * @param {string} text
 * @param {string} option
 * @param {boolean} [allowZero]
 */
function positiveInteger(text, option, allowZero = false) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    console.error(
      `bench-grader: invalid ${option} "${text}": use a whole number${allowZero ? '' : ' of at least 1'}`,
    );
    process.exit(2);
  }
  return value;
}
