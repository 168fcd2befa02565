import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import type { Report } from '../scoring/types';
import { OPTIONS } from './args';
import { HELP_TEXT } from './help';
import { EXIT_BELOW_THRESHOLD, EXIT_INVALID, EXIT_OK, runCli } from './run';
import { version } from '../../package.json';

const CHROME_HAR = fileURLToPath(
  new URL('../scoring/har/testdata/chrome-devtools-export.har', import.meta.url),
);

interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  stdin?: string;
  isTTY?: boolean;
  env?: Record<string, string>;
}

async function run(argv: string[], options: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, {
    readFile: (path) => readFile(path, 'utf8'),
    readStdin: () => Promise.resolve(options.stdin ?? ''),
    stdout: { write: (text: string) => (stdout += text), isTTY: options.isTTY ?? false },
    stderr: { write: (text: string) => (stderr += text) },
    env: options.env ?? {},
  });
  return { status, stdout, stderr };
}

let directory = '';

async function writeInput(name: string, content: unknown): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'hardening-inspector-cli-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

const PLAIN_HTTP_RECORD = {
  url: 'http://plain.example.test/',
  status: 200,
  headers: [['content-type', 'text/html']],
};

describe('grading the Chrome DevTools HAR', () => {
  test('text format reads without colours', async () => {
    const result = await run(['grade', CHROME_HAR]);

    expect(result.status).toBe(EXIT_OK);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('\u001b[');
    expect(result.stdout.split('\n')[0]).toBe('https://shop.example.test/account/');
    expect(result.stdout).toContain(`  input: ${CHROME_HAR}, page page_2\n`);
    const report = JSON.parse(
      (await run(['grade', '--format', 'json', CHROME_HAR])).stdout,
    ) as Report;
    for (const check of report.checks) {
      const verdict = check.verdict.toUpperCase().padEnd(4);
      expect(result.stdout).toContain(`\n  ${verdict}  ${check.title} `);
    }
  });

  test('text format is coloured on a terminal', async () => {
    const coloured = await run(['grade', CHROME_HAR], { isTTY: true });
    const disabled = await run(['grade', CHROME_HAR], { isTTY: true, env: { NO_COLOR: '1' } });

    expect(coloured.stdout).toContain('\u001b[');
    expect(disabled.stdout).not.toContain('\u001b[');
  });

  test('json format parses back to the report', async () => {
    const result = await run(['grade', '--format', 'json', CHROME_HAR]);
    const report = JSON.parse(result.stdout) as Report;

    expect(result.status).toBe(EXIT_OK);
    expect(report.url).toBe('https://shop.example.test/account/');
    expect(report.scoringVersion).toBe(1);
    expect(report.stack).toBe('django');
    const verdicts = Object.fromEntries(report.checks.map((check) => [check.id, check.verdict]));
    expect(verdicts).toMatchObject({
      https: 'pass',
      'https-redirect': 'pass',
      hsts: 'pass',
      'session-cookie': 'pass',
      'csrf-cookie': 'pass',
      'frame-options': 'pass',
      'content-type-options': 'pass',
      'referrer-policy': 'pass',
      'cross-origin-isolation': 'pass',
    });
  });

  test('markdown format is a review document', async () => {
    const result = await run(['grade', '--format', 'markdown', CHROME_HAR]);

    expect(result.status).toBe(EXIT_OK);
    expect(
      result.stdout.startsWith('# Hardening review of https://shop.example.test/account/\n'),
    ).toBe(true);
    expect(result.stdout).toContain('\n## Checklist\n');
    expect(result.stdout).toContain('| `SECURE_SSL_REDIRECT = True` |');
    expect(result.stdout).toContain("| `X_FRAME_OPTIONS = 'DENY'` | ");
    expect(result.stdout).toContain('\n## Fixes\n');
    expect(result.stdout).toContain('\n## Summary\n');
  });

  test('sarif format locates results at the page URL', async () => {
    const result = await run(['grade', '--format', 'sarif', CHROME_HAR]);
    const log = JSON.parse(result.stdout) as {
      version: string;
      runs: Array<{
        results: Array<{
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
        }>;
      }>;
    };

    expect(result.status).toBe(EXIT_OK);
    expect(log.version).toBe('2.1.0');
    for (const sarifResult of log.runs[0]?.results ?? []) {
      expect(sarifResult.locations[0]?.physicalLocation.artifactLocation.uri).toBe(
        'https://shop.example.test/account/',
      );
    }
  });

  test('frames option grades the frame too', async () => {
    const result = await run(['grade', '--format', 'json', '--frames', CHROME_HAR]);
    const reports = JSON.parse(result.stdout) as Report[];

    expect(reports.map((report) => report.url)).toEqual([
      'https://shop.example.test/account/',
      'https://payments.example.test/embed/card',
    ]);
  });
});

describe('--fail-under', () => {
  test('plain HTTP page below B exits 1', async () => {
    const file = await writeInput('plain.json', PLAIN_HTTP_RECORD);
    const result = await run(['grade', '--fail-under', 'B', '--format', 'json', file]);

    expect((JSON.parse(result.stdout) as Report).grade).toBe('F');
    expect(result.status).toBe(EXIT_BELOW_THRESHOLD);
    expect(result.stderr).toBe(
      `hardening-inspector: http://plain.example.test/ is graded F, below --fail-under B (${file})\n`,
    );
  });

  test('grade at the threshold exits 0', async () => {
    const graded = JSON.parse(
      (await run(['grade', '--format', 'json', CHROME_HAR])).stdout,
    ) as Report;
    const result = await run(['grade', '--fail-under', graded.grade, CHROME_HAR]);

    expect(result.status).toBe(EXIT_OK);
    expect(result.stderr).toBe('');
  });

  test('F threshold never fails', async () => {
    const file = await writeInput('plain-f.json', PLAIN_HTTP_RECORD);
    expect((await run(['grade', '--fail-under', 'F', file])).status).toBe(EXIT_OK);
  });

  test('one page below among several exits 1', async () => {
    const file = await writeInput('plain-among.json', PLAIN_HTTP_RECORD);
    const result = await run(['grade', '--fail-under', 'C', CHROME_HAR, file]);

    expect(result.status).toBe(EXIT_BELOW_THRESHOLD);
    expect(result.stderr.split('\n').filter((line) => line !== '')).toEqual([
      `hardening-inspector: http://plain.example.test/ is graded F, below --fail-under C (${file})`,
    ]);
  });
});

describe('cookie name options', () => {
  const record = {
    url: 'https://app.example.test/',
    status: 200,
    headers: [['set-cookie', 'auth_token=abc; Path=/']],
  };

  test('session cookie option grades a named cookie', async () => {
    const file = await writeInput('auth.json', record);
    const plain = JSON.parse((await run(['grade', '--format', 'json', file])).stdout) as Report;
    const named = JSON.parse(
      (await run(['grade', '--format', 'json', '--session-cookie', 'auth_token', file])).stdout,
    ) as Report;

    expect(plain.checks.find((check) => check.id === 'session-cookie')?.verdict).toBe('n/a');
    expect(named.checks.find((check) => check.id === 'session-cookie')?.verdict).toBe('fail');
  });

  test('csrf cookie option grades a named cookie', async () => {
    const file = await writeInput('antiforgery.json', {
      ...record,
      headers: [['set-cookie', 'antiforgery=abc; Path=/']],
    });
    const named = JSON.parse(
      (await run(['grade', '--format', 'json', '--csrf-cookie', 'antiforgery', file])).stdout,
    ) as Report;

    expect(named.checks.find((check) => check.id === 'csrf-cookie')?.verdict).toBe('fail');
  });
});

describe('bad input', () => {
  test.each([
    ['not JSON', 'not-json.txt', 'GET / HTTP/1.1', /^invalid JSON: Unexpected token/],
    [
      'not a HAR',
      'not-har.json',
      { log: { pages: [] } },
      /^not a HAR file: "log.entries" is missing or not an array$/,
    ],
    [
      'a HAR without a document',
      'no-document.har',
      {
        log: {
          entries: [
            {
              _resourceType: 'script',
              request: { url: 'https://a.test/a.js' },
              response: { status: 200 },
            },
          ],
        },
      },
      /^the HAR log has no document entry/,
    ],
    [
      'a record missing url',
      'no-url.json',
      { status: 200, headers: [] },
      /^not a response record or a HAR file: missing "url"$/,
    ],
  ])('%s exits 2 with one line', async (_label, name, content, message) => {
    const file = await writeInput(name, content);
    const result = await run(['grade', file]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const prefix = `hardening-inspector: ${file}: `;
    expect(lines[0]?.startsWith(prefix)).toBe(true);
    expect(lines[0]?.slice(prefix.length)).toMatch(message);
  });

  test('missing file exits 2', async () => {
    const file = join(directory, 'absent.json');
    const result = await run(['grade', file]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe(
      `hardening-inspector: ${file}: cannot read the file: no such file\n`,
    );
  });

  test('directory exits 2', async () => {
    const folder = join(directory, 'folder.har');
    await mkdir(folder, { recursive: true });
    const result = await run(['grade', folder]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe(
      `hardening-inspector: ${folder}: cannot read the file: it is a directory\n`,
    );
  });

  test('good files are still graded', async () => {
    const bad = await writeInput('bad.json', '{');
    const result = await run(['grade', '--format', 'json', bad, CHROME_HAR]);

    expect(result.status).toBe(EXIT_INVALID);
    expect((JSON.parse(result.stdout) as Report).url).toBe('https://shop.example.test/account/');
    expect(result.stderr).toMatch(/^hardening-inspector: .*bad\.json: invalid JSON: /);
  });

  test('bad input outranks --fail-under', async () => {
    const plain = await writeInput('plain-bad.json', PLAIN_HTTP_RECORD);
    const result = await run(['grade', '--fail-under', 'A', plain, join(directory, 'absent.json')]);

    expect(result.status).toBe(EXIT_INVALID);
  });

  test('empty file says so', async () => {
    const empty = await writeInput('empty.json', ' \n');
    const result = await run(['grade', empty]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe(`hardening-inspector: ${empty}: the file is empty\n`);
  });

  test('mistyped option names the closest', async () => {
    const result = await run(['grade', '--fial-under', 'B', CHROME_HAR]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe(
      'hardening-inspector: unknown option "--fial-under": did you mean --fail-under?\n' +
        'Run hardening-inspector --help (or npm run grade -- --help) for the options.\n',
    );
  });

  test('usage error exits 2 with a hint', async () => {
    const result = await run(['grade', '--format', 'yaml', CHROME_HAR]);

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'hardening-inspector: invalid --format "yaml": use one of text, json, markdown, sarif\n' +
        'Run hardening-inspector --help (or npm run grade -- --help) for the options.\n',
    );
  });
});

describe('standard input', () => {
  test('dash reads a record from stdin', async () => {
    const result = await run(['grade', '--format', 'json', '-'], {
      stdin: JSON.stringify(PLAIN_HTTP_RECORD),
    });

    expect(result.status).toBe(EXIT_OK);
    expect((JSON.parse(result.stdout) as Report).url).toBe('http://plain.example.test/');
  });

  test('dash reads a HAR from stdin', async () => {
    const result = await run(['grade', '--format', 'json', '-'], {
      stdin: await readFile(CHROME_HAR, 'utf8'),
    });

    expect((JSON.parse(result.stdout) as Report).url).toBe('https://shop.example.test/account/');
  });

  test('bad stdin is named standard input', async () => {
    const result = await run(['grade', '-'], { stdin: '{"url": ' });

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe(
      'hardening-inspector: standard input: invalid JSON: Unexpected end of JSON input\n',
    );
  });

  test('empty stdin says nothing was received', async () => {
    const result = await run(['grade', '-'], { stdin: '' });

    expect(result.status).toBe(EXIT_INVALID);
    expect(result.stderr).toBe('hardening-inspector: standard input: nothing was received\n');
  });
});

describe('help and version', () => {
  test('help documents every option', async () => {
    const result = await run(['--help']);

    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toBe(HELP_TEXT);
    for (const [name, option] of Object.entries(OPTIONS) as Array<[string, { short?: string }]>) {
      expect(HELP_TEXT).toContain(`--${name}`);
      if (option.short !== undefined) {
        expect(HELP_TEXT).toContain(`-${option.short}, --${name}`);
      }
    }
  });

  test.each([
    'url',
    'status',
    'headers',
    'setCookies',
    'redirects',
    'html',
    'cookies',
    'scripts',
    'subresources',
  ])('help describes the record field %s', (field) => {
    expect(HELP_TEXT).toMatch(new RegExp(`^ {2}${field} +\\S`, 'm'));
  });

  test('help points from the JSON report to the HAR export', () => {
    expect(HELP_TEXT).toContain('export "Responses (HAR)": its "Report (JSON)"');
  });

  test('version prints the package version', async () => {
    const result = await run(['--version']);

    expect(result.status).toBe(EXIT_OK);
    expect(result.stdout).toBe(`hardening-inspector ${version}\n`);
  });
});
