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
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
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
