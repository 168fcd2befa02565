// The readable terminal format: one block per graded page, every check on a line, and the
// fix for each finding below `pass`.

import type { CheckResult, Grade, Verdict } from '../../scoring/types';
import { describeInput, type GradedPage } from '../graded-page';
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
      `scoring version ${report.scoringVersion}, stack ${report.stack}`,
  );
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
  for (const check of report.checks) {
    lines.push(...formatCheck(check, titleWidth, paint));
  }
  return `${lines.join('\n')}\n`;
}

function formatCheck(check: CheckResult, titleWidth: number, paint: Paint): string[] {
  const verdict = paint(VERDICT_STYLE[check.verdict], check.verdict.toUpperCase().padEnd(4));
  const modifier = formatModifier(check.modifier);
  const lines = [
    `  ${verdict}  ${check.title.padEnd(titleWidth)}  ${modifier.padStart(3)}  ${check.evidence}`,
  ];

  for (const note of check.notes ?? []) {
    lines.push(`        ${paint('dim', `note: ${note}`)}`);
  }
  const remediation = check.remediation;
  if (remediation !== undefined) {
    lines.push(`        fix: ${remediation.summary}`);
    lines.push(`        why: ${remediation.why}`);
    const fix = remediation.fixes[0];
    if (fix !== undefined) {
      lines.push(`        ${fix.stack}, in ${fix.where}:`);
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

/** Formats a modifier with its sign, or as nothing when it is 0. */
function formatModifier(modifier: number): string {
  if (modifier === 0) {
    return '';
  }
  return modifier > 0 ? `+${modifier}` : String(modifier);
}
