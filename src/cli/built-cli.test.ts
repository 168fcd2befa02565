import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { Report } from '../scoring/types';

// Runs the built executable as a user would. It uses dist-cli/ when present (run
// `npm run build` first to test fresh code) and builds it otherwise.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_CLI = join(ROOT, 'dist-cli', 'hardening-inspector.mjs');
const CHROME_HAR = join(ROOT, 'src/scoring/har/testdata/chrome-devtools-export.har');

let isolatedDir = '';
let isolatedCli = '';

beforeAll(() => {
  if (!existsSync(BUILT_CLI)) {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'vite.cli.config.ts',
        '--logLevel',
        'error',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  }
  // A copy outside the repository proves the bundle needs no node_modules.
  isolatedDir = mkdtempSync(join(tmpdir(), 'hardening-inspector-built-'));
  isolatedCli = join(isolatedDir, 'hardening-inspector.mjs');
  copyFileSync(BUILT_CLI, isolatedCli);
}, 120_000);

afterAll(() => {
  rmSync(isolatedDir, { recursive: true, force: true });
});

function runBuilt(
  args: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [isolatedCli, ...args], {
    cwd: isolatedDir,
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('built CLI', () => {
  test('built file starts with a node shebang', () => {
    const result = spawnSync('head', ['-c', '19', BUILT_CLI], { encoding: 'utf8' });
    expect(result.stdout).toBe('#!/usr/bin/env node');
  });

  test('built CLI grades a HAR with plain node', () => {
    const result = runBuilt(['grade', '--format', 'json', CHROME_HAR]);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.url).toBe('https://shop.example.test/account/');
    expect(report.checks.find((check) => check.id === 'csp')?.verdict).toBe('fail');
  });

  test('built CLI reads standard input', () => {
    const record = { url: 'http://plain.example.test/', status: 200, headers: [] };
    const result = runBuilt(
      ['grade', '--format', 'json', '--fail-under', 'C', '-'],
      JSON.stringify(record),
    );

    expect((JSON.parse(result.stdout) as Report).grade).toBe('F');
    expect(result.status).toBe(1);
  });

  test('built CLI exits 2 on a missing file', () => {
    const missing = join(isolatedDir, 'missing.har');
    const result = runBuilt(['grade', missing]);

    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `hardening-inspector: ${missing}: cannot read the file: no such file\n`,
    );
  });

  test('built file runs through its shebang', () => {
    const result = spawnSync(isolatedCli, ['--version'], {
      cwd: isolatedDir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });

    expect(result.error).toBeUndefined();
    expect(result.status).toBe(0);
  });

  test('built CLI prints its version', () => {
    const result = runBuilt(['--version']);

    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^hardening-inspector \d+\.\d+\.\d+\n$/);
  });
});
