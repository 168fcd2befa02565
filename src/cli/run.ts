// Runs the command line: reads each input, grades its documents, writes the chosen
// format and returns the exit status.

import { gradeRecord } from '../scoring/index';
import type { GradeOptions, Report, ResponseRecord } from '../scoring/types';
import { isBelow, parseCommandLine, type GradeCommand } from './args';
import { createPaint, shouldColour } from './formats/ansi';
import { formatJson } from './formats/json';
import { formatMarkdown } from './formats/markdown';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { describeInput, type GradedPage } from './graded-page';
import { HELP_TEXT } from './help';
import { parseInput } from './inputs';
import { version } from '../../package.json';

/** The command line's file access, standard streams and environment, which tests replace. */
export interface CliIo {
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
}

export const EXIT_OK = 0;
/** A graded page is below `--fail-under`. */
export const EXIT_BELOW_THRESHOLD = 1;
/** Invalid usage, or an input that could not be read or graded. */
export const EXIT_INVALID = 2;

const PROGRAM = 'hardening-inspector';

/** Where to find the options, for the installed command and for a checkout of the project. */
const HELP_HINT = `Run ${PROGRAM} --help (or npm run grade -- --help) for the options.`;

export type GradeFunction = (record: ResponseRecord, options: GradeOptions) => Report;

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  grade: GradeFunction = gradeRecord,
): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.stderr.write(`${PROGRAM}: ${parsed.error}\n${HELP_HINT}\n`);
    return EXIT_INVALID;
  }
  const command = parsed.value;
  if (command.command === 'help') {
    io.stdout.write(HELP_TEXT);
    return EXIT_OK;
  }
  if (command.command === 'version') {
    io.stdout.write(`${PROGRAM} ${version}\n`);
    return EXIT_OK;
  }
  return runGrade(command, io, grade);
}

async function runGrade(command: GradeCommand, io: CliIo, grade: GradeFunction): Promise<number> {
  const options: GradeOptions = {
    sessionCookieNames: command.sessionCookieNames,
    csrfCookieNames: command.csrfCookieNames,
    asProduction: command.asProduction,
  };
  const pages: GradedPage[] = [];
  let invalidInput = false;

  for (const file of command.files) {
    const name = describeInput({ file, part: '' });
    let text: string;
    try {
      text = file === '-' ? await io.readStdin() : await io.readFile(file);
    } catch (error) {
      io.stderr.write(`${PROGRAM}: ${name}: cannot read the file: ${describeReadError(error)}\n`);
      invalidInput = true;
      continue;
    }

    if (text.trim() === '') {
      const empty = file === '-' ? 'nothing was received' : 'the file is empty';
      io.stderr.write(`${PROGRAM}: ${name}: ${empty}\n`);
      invalidInput = true;
      continue;
    }
    const input = parseInput(text, { frames: command.frames });
    if (!input.ok) {
      io.stderr.write(`${PROGRAM}: ${name}: ${input.error}\n`);
      invalidInput = true;
      continue;
    }
    for (const warning of input.warnings) {
      io.stderr.write(`${PROGRAM}: ${name}: warning: ${warning}\n`);
    }
    for (const { part, record } of input.documents) {
      pages.push({ file, part, report: grade(record, options) });
    }
  }

  io.stdout.write(formatPages(pages, command, io));

  const threshold = command.failUnder;
  const below =
    threshold === null ? [] : pages.filter(({ report }) => isBelow(report.grade, threshold));
  for (const page of below) {
    io.stderr.write(
      `${PROGRAM}: ${page.report.url} is graded ${page.report.grade}, below --fail-under ${threshold} (${describeInput(page)})\n`,
    );
  }

  if (invalidInput) {
    return EXIT_INVALID;
  }
  return below.length > 0 ? EXIT_BELOW_THRESHOLD : EXIT_OK;
}

function formatPages(pages: readonly GradedPage[], command: GradeCommand, io: CliIo): string {
  switch (command.format) {
    case 'json':
      return formatJson(pages);
    case 'markdown':
      return formatMarkdown(pages);
    case 'sarif':
      return formatSarif(pages, version);
    case 'text':
      return formatText(pages, createPaint(shouldColour(io.stdout.isTTY, io.env)));
  }
}

/** Describes a file-system error in the usual words, without the path the message repeats. */
function describeReadError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
