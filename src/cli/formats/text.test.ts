import { describe, expect, test } from 'vitest';

import { createPaint, shouldColour } from './ansi';
import { PLAIN_HTTP_PAGE, SAMPLE_PAGE } from './sample-pages';
import { formatText } from './text';

const ESCAPE = '\u001b[';

describe('formatText', () => {
  const plain = formatText([SAMPLE_PAGE], createPaint(false));

  test('text without colours has no escape codes', () => {
    expect(plain).not.toContain(ESCAPE);
  });

  test('text heads the page with URL, input and grade', () => {
    const lines = plain.split('\n');
    expect(lines[0]).toBe('https://shop.example.test/account/');
    expect(lines[1]).toBe('  input: shop.har, page page_1');
    expect(lines[2]).toBe('  grade B-, score 65, scoring version 1, stack django');
  });

  test('text lists every check with verdict and modifier', () => {
    expect(plain).toMatch(/^ {2}PASS {2}HTTPS +served over HTTPS$/m);
    expect(plain).toMatch(
      /^ {2}WARN {2}Strict-Transport-Security +-10 {2}max-age=86400 \| includeSubDomains$/m,
    );
    expect(plain).toMatch(/^ {2}N\/A {3}Session cookie +no session cookie seen$/m);
    expect(plain).toMatch(/^ {2}PASS {2}Framing +\(\+5\) {2}X-Frame-Options: DENY$/m);
    expect(plain).toMatch(
      /^ {2}FAIL {2}Content Security Policy +-25 {2}no Content-Security-Policy header$/m,
    );
  });

  test('text shows the fix for the detected stack first', () => {
    expect(plain).toContain(
      '        problem: Strict-Transport-Security "max-age=86400" is shorter than one year.',
    );
    expect(plain).toContain(
      '        fix for django, in settings.py:\n          SECURE_HSTS_SECONDS = 31536000\n',
    );
    expect(plain).not.toContain('add_header Strict-Transport-Security');
    expect(plain).toContain('        note: a report-only policy was also received');
  });

  test('text marks bonuses not counted', () => {
    expect(plain.split('\n')[3]).toBe(
      '  bonuses +5 not counted: the score after penalties is below 90',
    );
  });

  test('text shows counted bonuses plainly', () => {
    const counted = formatText(
      [{ ...SAMPLE_PAGE, report: { ...SAMPLE_PAGE.report, bonusesCounted: true } }],
      createPaint(false),
    );
    expect(counted).toMatch(/^ {2}PASS {2}Framing +\+5 {2}X-Frame-Options: DENY$/m);
    expect(counted).not.toContain('not counted');
  });

  test('text marks a likely stack', () => {
    const likely = formatText(
      [{ ...SAMPLE_PAGE, report: { ...SAMPLE_PAGE.report, stackConfidence: 'likely' } }],
      createPaint(false),
    );
    expect(likely.split('\n')[2]).toBe(
      '  grade B-, score 65, scoring version 1, stack django (likely)',
    );
  });

  test('text states the plain-HTTP cap', () => {
    const capped = formatText([PLAIN_HTTP_PAGE], createPaint(false));
    expect(capped).toContain('grade capped at F: the document was served over plain HTTP');
    expect(capped).toContain('  input: old.json\n');
  });

  test('text separates several pages with a blank line', () => {
    const both = formatText([SAMPLE_PAGE, PLAIN_HTTP_PAGE], createPaint(false));
    expect(both).toContain(
      'docs: https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/Referrer-Policy\n\nhttp://old.example.test/',
    );
  });

  test('text with colours marks verdicts', () => {
    const coloured = formatText([SAMPLE_PAGE], createPaint(true));
    expect(coloured).toContain(`${ESCAPE}31mFAIL${ESCAPE}39m`);
    expect(coloured).toContain(`${ESCAPE}32mPASS${ESCAPE}39m`);
  });
});

describe('shouldColour', () => {
  test.each([
    [true, {}, true],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
    [false, {}, false],
    [undefined, {}, false],
  ])('on a TTY %s with env %j colours: %s', (isTTY, env, expected) => {
    expect(shouldColour(isTTY, env)).toBe(expected);
  });
});
