import { assert, describe, expect, test } from 'vitest';

import { isBelow, parseCommandLine, type GradeCommand } from './args';

function gradeCommand(argv: string[]): GradeCommand {
  const result = parseCommandLine(argv);
  if (!result.ok || result.value.command !== 'grade') {
    throw new Error(`expected a grade command, got ${JSON.stringify(result)}`);
  }
  return result.value;
}

function parseError(argv: string[]): string {
  const result = parseCommandLine(argv);
  if (result.ok) {
    throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  }
  return result.error;
}

describe('parseCommandLine', () => {
  test('grade defaults to text', () => {
    expect(gradeCommand(['grade', 'a.json'])).toEqual({
      command: 'grade',
      files: ['a.json'],
      format: 'text',
      failUnder: null,
      sessionCookieNames: [],
      csrfCookieNames: [],
      frames: false,
      asProduction: false,
    });
  });

  test('grade reads every option', () => {
    const command = gradeCommand([
      'grade',
      '--format',
      'sarif',
      '--fail-under',
      'b+',
      '--session-cookie',
      'app_session',
      '--session-cookie=auth,sid',
      '--csrf-cookie',
      'my_csrf',
      '--frames',
      '--as-production',
      'a.har',
      '-',
    ]);

    expect(command.files).toEqual(['a.har', '-']);
    expect(command.format).toBe('sarif');
    expect(command.failUnder).toBe('B+');
    expect(command.sessionCookieNames).toEqual(['app_session', 'auth', 'sid']);
    expect(command.csrfCookieNames).toEqual(['my_csrf']);
    expect(command.frames).toBe(true);
    expect(command.asProduction).toBe(true);
  });

  test('short format option', () => {
    expect(gradeCommand(['grade', '-f', 'markdown', 'a.json']).format).toBe('markdown');
  });

  test.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['grade', 'a.json', '--help'], 'help'],
    [['--version'], 'version'],
    [['-V'], 'version'],
  ])('%j is the %s command', (argv, command) => {
    const result = parseCommandLine(argv);
    assert(result.ok);
    expect(result.value.command).toBe(command);
  });

  test.each([
    [[], /^missing command/],
    [['score', 'a.json'], /^unknown command "score"/],
    [['grade'], /^missing FILE/],
    [['grade', '-', '-'], /can be named only once/],
    [
      ['grade', '--format', 'html', 'a.json'],
      /^invalid --format "html": use one of text, json, markdown, sarif$/,
    ],
    [['grade', '--fail-under', 'E', 'a.json'], /^invalid --fail-under "E": use a grade from F, D-/],
    [
      ['grade', '--colour', 'a.json'],
      /^unknown option "--colour" \(to grade a file whose name starts with -, put it after --: -- --colour\)$/,
    ],
    [
      ['grade', '--fial-under', 'B', 'a.json'],
      /^unknown option "--fial-under": did you mean --fail-under\?$/,
    ],
    [['grade', '-x', 'a.json'], /^unknown option "-x" \(to grade/],
    [['grade', '--format'], /^missing value for --format$/],
    [['grade', '-f'], /^missing value for --format$/],
  ])('%j is rejected', (argv, message) => {
    expect(parseError(argv)).toMatch(message);
  });
});

describe('isBelow', () => {
  test.each([
    ['B', 'B+', true],
    ['B+', 'B+', false],
    ['A+', 'A', false],
    ['F', 'D-', true],
    ['A-', 'A', true],
  ] as const)('%s below %s: %s', (grade, threshold, expected) => {
    expect(isBelow(grade, threshold)).toBe(expected);
  });
});
