// The readable terminal format: one block per graded page, every check on a line, and the
// fix for each finding below `pass`.

import { BONUS_THRESHOLD } from '../../scoring/grade';
import type { CheckResult, Grade, Verdict } from '../../scoring/types';
import { describeInput, describeStack, sumBonuses, type GradedPage } from '../graded-page';
import type { Paint, Style } from './ansi';

const VERDICT_STYLE: Readonly<Record<Verdict, Style>> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  info: 'blue',
  'n/a': 'dim',
};

export function formatText(pages: readonly GradedPage[], paint: Paint): string {
  return pages.map((page) => formatPage(page, paint)).join('\n');
}

function formatPage({ file, part, report }: GradedPage, paint: Paint): string {
  const lines: string[] = [];
  lines.push(paint('bold', report.url));
  lines.push(`  input: ${describeInput({ file, part })}`);

  lines.push(
    `  grade ${paint('bold', paint(gradeStyleOf(report.grade), report.grade))}, score ${report.score}, ` +
      `scoring version ${report.scoringVersion}, stack ${describeStack(report)}`,
  );
  const bonuses = sumBonuses(report);
  if (!report.bonusesCounted && bonuses > 0) {
    lines.push(
      `  bonuses +${bonuses} not counted: the score after penalties is below ${BONUS_THRESHOLD}`,
    );
  }
  if (report.capped) {
    lines.push(`  ${paint('red', 'grade capped at F: the document was served over plain HTTP')}`);
  }
  if (report.developmentHost) {
    lines.push(
      '  development preview: the HTTPS checks do not apply on this host and would fail in production',
    );
  }
  lines.push('');

  const titleWidth = Math.max(...report.checks.map((check) => check.title.length));
  const modifiers = report.checks.map((check) => formatModifier(check, report.bonusesCounted));
  const modifierWidth = Math.max(3, ...modifiers.map((modifier) => modifier.length));
  report.checks.forEach((check, index) => {
    const columns = { titleWidth, modifier: (modifiers[index] ?? '').padStart(modifierWidth) };
    lines.push(...formatCheck(check, columns, paint));
  });
  return `${lines.join('\n')}\n`;
}

function formatCheck(
  check: CheckResult,
  columns: { titleWidth: number; modifier: string },
  paint: Paint,
): string[] {
  const verdict = paint(VERDICT_STYLE[check.verdict], check.verdict.toUpperCase().padEnd(4));
  const lines = [
    `  ${verdict}  ${check.title.padEnd(columns.titleWidth)}  ${columns.modifier}  ${check.evidence}`,
  ];

  for (const note of check.notes ?? []) {
    lines.push(`        ${paint('dim', `note: ${note}`)}`);
  }
  const remediation = check.remediation;
  if (remediation !== undefined) {
    lines.push(`        problem: ${remediation.summary}`);
    lines.push(`        why: ${remediation.why}`);
    const fix = remediation.fixes[0];
    if (fix !== undefined) {
      lines.push(`        fix for ${fix.stack}, in ${fix.where}:`);
      lines.push(...fix.code.split('\n').map((line) => `          ${line}`));
    }
    lines.push(`        docs: ${remediation.docs}`);
  }
  return lines;
}

/** Colours A grades green, B grades yellow and the rest red. */
function gradeStyleOf(grade: Grade): Style {
  if (grade.startsWith('A')) {
    return 'green';
  }
  if (grade.startsWith('B')) {
    return 'yellow';
  }
  return 'red';
}

/**
 * Formats a modifier with its sign, or as nothing when it is 0. A bonus that did not count
 * is shown in parentheses, which the page's "bonuses not counted" line explains.
 */
function formatModifier(check: CheckResult, bonusesCounted: boolean): string {
  const { modifier } = check;
  if (modifier === 0) {
    return '';
  }
  if (modifier < 0) {
    return String(modifier);
  }
  return bonusesCounted ? `+${modifier}` : `(+${modifier})`;
}
