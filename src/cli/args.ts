// Parses the command line with `node:util` parseArgs into a command the runner executes.

import { parseArgs, type ParseArgsConfig } from 'node:util';

import type { Grade } from '../scoring/types';

export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif';

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'markdown', 'sarif'];

/** Grades from worst to best, so a higher index is a better grade. */
export const GRADES_WORST_FIRST = [
  'F',
  'D-',
  'D',
  'D+',
  'C-',
  'C',
  'C+',
  'B-',
  'B',
  'B+',
  'A-',
  'A',
  'A+',
] as const satisfies readonly Grade[];

export interface GradeCommand {
  command: 'grade';
  files: string[];
  format: OutputFormat;
  failUnder: Grade | null;
  sessionCookieNames: string[];
  csrfCookieNames: string[];
  frames: boolean;
  asProduction: boolean;
}

export type Command = GradeCommand | { command: 'help' } | { command: 'version' };

export type ParseResult = { ok: true; value: Command } | { ok: false; error: string };

/** The options of the command line; the help text documents each of them. */
export const OPTIONS = {
  format: { type: 'string', short: 'f', default: 'text' },
  'fail-under': { type: 'string' },
  'session-cookie': { type: 'string', multiple: true, default: [] },
  'csrf-cookie': { type: 'string', multiple: true, default: [] },
  frames: { type: 'boolean', default: false },
  'as-production': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', short: 'V', default: false },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export function parseCommandLine(argv: readonly string[]): ParseResult {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    return { ok: false, error: describeParseError(error) };
  }
  const { values, positionals } = parsed;

  if (values.help) {
    return { ok: true, value: { command: 'help' } };
  }
  if (values.version) {
    return { ok: true, value: { command: 'version' } };
  }

  const [command, ...files] = positionals;
  if (command === undefined) {
    return { ok: false, error: 'missing command: use "grade FILE..."' };
  }
  if (command !== 'grade') {
    return { ok: false, error: `unknown command "${command}": the only command is "grade"` };
  }
  if (files.length === 0) {
    return {
      ok: false,
      error: 'missing FILE: name at least one record or HAR file, or - for standard input',
    };
  }
  if (files.filter((file) => file === '-').length > 1) {
    return { ok: false, error: 'standard input (-) can be named only once' };
  }

  const format = values.format as OutputFormat;
  if (!FORMATS.includes(format)) {
    return {
      ok: false,
      error: `invalid --format "${values.format}": use one of ${FORMATS.join(', ')}`,
    };
  }

  let failUnder: Grade | null = null;
  if (values['fail-under'] !== undefined) {
    const grade = values['fail-under'].trim().toUpperCase();
    failUnder = GRADES_WORST_FIRST.find((candidate) => candidate === grade) ?? null;
    if (failUnder === null) {
      return {
        ok: false,
        error: `invalid --fail-under "${values['fail-under']}": use a grade from ${GRADES_WORST_FIRST.join(', ')}`,
      };
    }
  }

  return {
    ok: true,
    value: {
      command: 'grade',
      files,
      format,
      failUnder,
      sessionCookieNames: cleanNames(values['session-cookie']),
      csrfCookieNames: cleanNames(values['csrf-cookie']),
      frames: values.frames,
      asProduction: values['as-production'],
    },
  };
}

/** Reports whether `grade` is worse than `threshold`. */
export function isBelow(grade: Grade, threshold: Grade): boolean {
  return GRADES_WORST_FIRST.indexOf(grade) < GRADES_WORST_FIRST.indexOf(threshold);
}

/** Accepts repeated options and comma-separated lists alike: `--session-cookie a,b`. */
function cleanNames(values: readonly string[]): string[] {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  return [...new Set(names.filter((name) => name !== ''))];
}

/**
 * Rewords the errors of `parseArgs`, whose unknown-option message ends with an unbalanced
 * quote (Node.js 20 and 22), in the form of this program's other usage errors.
 */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (unknown !== null) {
    const option = unknown[1] ?? '';
    const suggestion = suggestOption(option);
    const hint =
      suggestion === null
        ? ` (to grade a file whose name starts with -, put it after --: -- ${option})`
        : `: did you mean ${suggestion}?`;
    return `unknown option "${option}"${hint}`;
  }
  const missing = /^Option '(-\w, )?(--[\w-]+) <value>' argument missing/.exec(message);
  if (missing !== null) {
    return `missing value for ${missing[2] ?? 'an option'}`;
  }
  return message;
}

/** Returns the long option closest to a mistyped one, within two edits, or null. */
function suggestOption(typed: string): string | null {
  if (!typed.startsWith('--')) {
    return null;
  }
  let best: { name: string; distance: number } | null = null;
  for (const name of Object.keys(OPTIONS)) {
    const distance = editDistance(typed.slice(2), name);
    if (distance <= 2 && (best === null || distance < best.distance)) {
      best = { name, distance };
    }
  }
  return best === null ? null : `--${best.name}`;
}

/** Levenshtein distance between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_value, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
