import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, test } from 'vitest';

import type { Report } from '../scoring/types';
import { EXIT_OK, runCli } from './run';

// Grades every response of the real-headers corpus through the CLI's JSON path and
// compares the report with the committed golden report of the same name. A change in
// the grader's output must then show as a diff of the golden files. To accept a change:
//   UPDATE_GOLDEN=1 npx vitest run src/cli/golden.test.ts
const CORPUS_DIR = fileURLToPath(new URL('../scoring/testdata/real-headers/', import.meta.url));
const GOLDEN_DIR = fileURLToPath(new URL('./testdata/golden/', import.meta.url));
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const corpusFiles = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

async function gradeAsJson(
  path: string,
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(['grade', '--format', 'json', path], {
    readFile: (file) => readFile(file, 'utf8'),
    readStdin: () => Promise.reject(new Error('standard input is not used here')),
    stdout: { write: (text: string) => (stdout += text), isTTY: false },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  return { status, stdout, stderr };
}

describe('golden reports', () => {
  test('corpus is not empty', () => {
    expect(corpusFiles.length).toBeGreaterThan(0);
  });

  test.each(corpusFiles)('golden report of %s', async (name) => {
    const result = await gradeAsJson(join(CORPUS_DIR, name));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(EXIT_OK);

    const goldenPath = join(GOLDEN_DIR, name);
    if (UPDATE) {
      await writeFile(goldenPath, result.stdout);
      return;
    }
    if (!existsSync(goldenPath)) {
      throw new Error(
        `no golden report ${goldenPath}: review the grader's output, then run ` +
          'UPDATE_GOLDEN=1 npx vitest run src/cli/golden.test.ts',
      );
    }
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(await readFile(goldenPath, 'utf8')));
  });

  test.each(corpusFiles)('summaries of %s do not repeat the evidence', async (name) => {
    const report = JSON.parse(await readFile(join(GOLDEN_DIR, name), 'utf8')) as Report;
    for (const check of report.checks) {
      const summary = check.remediation?.summary ?? '';
      // "... sends no X header (no X header)": the text before the evidence in brackets
      // already states what the evidence opens with.
      const bracketed = summary.indexOf(`(${check.evidence})`);
      const evidenceOpening = check.evidence.split(/[;:(]/)[0]?.trim() ?? '';
      if (bracketed !== -1) {
        expect(summary.slice(0, bracketed), check.id).not.toContain(evidenceOpening);
      }
      const quoted: string[] = summary.match(/"[^"]{8,}"/g) ?? [];
      const repeated = quoted.filter((value, index) => quoted.indexOf(value) !== index);
      expect(repeated, check.id).toEqual([]);
    }
  });

  test('every golden report has a corpus file', () => {
    const golden = existsSync(GOLDEN_DIR)
      ? readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.json'))
      : [];
    expect(golden.filter((name) => !corpusFiles.includes(name))).toEqual([]);
  });
});
