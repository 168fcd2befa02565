// The review document: for each graded page, every checklist setting with the value
// observed, its benefit and the verdict, then the fix for each finding, then a summary.

import { BONUS_THRESHOLD } from '../../scoring/grade';
import type { CheckResult, Report, Verdict } from '../../scoring/types';
import { CHECKLIST } from '../checklist';
import { describeInput, describeStack, sumBonuses, type GradedPage } from '../graded-page';

const VERDICTS: readonly Verdict[] = ['pass', 'warn', 'fail', 'info', 'n/a'];

export function formatMarkdown(pages: readonly GradedPage[]): string {
  return pages.map(formatPage).join('\n---\n\n');
}

function formatPage(page: GradedPage): string {
  const { report } = page;
  const sections = [
    `# Hardening review of ${report.url}\n`,
    introduction(page),
    checklistSection(report),
    fixesSection(report),
    summarySection(report),
  ];
  return sections.filter((section) => section !== '').join('\n');
}

function introduction({ file, part, report }: GradedPage): string {
  const lines = [
    `Grade **${report.grade}** with a score of ${report.score}, scoring version ${report.scoringVersion}.`,
    `Input: ${inline(describeInput({ file, part }))}. Detected stack: ${describeStack(report)}.`,
  ];
  if (report.capped) {
    lines.push('', 'The grade is capped at F because the document was served over plain HTTP.');
  }
  if (report.developmentHost) {
    lines.push(
      '',
      'This is a development preview: the HTTPS checks do not apply on this host, and they would fail in production unchanged.',
    );
  }
  return `${lines.join('\n')}\n`;
}

function checklistSection(report: Report): string {
  const rows = report.checks.map((check) => {
    const item = CHECKLIST[check.id];
    return `| ${cell(item.setting)} | ${cell(prose(check.evidence))} | ${cell(prose(item.benefit))} | ${verdictCell(check, report.bonusesCounted)} |`;
  });
  return [
    '## Checklist\n',
    '| Setting | Value observed | Benefit | Verdict |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function fixesSection(report: Report): string {
  const findings = report.checks.filter((check) => check.remediation !== undefined);
  if (findings.length === 0) {
    return '## Fixes\n\nNothing to fix.\n';
  }
  return ['## Fixes\n', ...findings.map((check) => formatFix(check, report.bonusesCounted))].join(
    '\n',
  );
}

function formatFix(check: CheckResult, bonusesCounted: boolean): string {
  const remediation = check.remediation;
  if (remediation === undefined) {
    return '';
  }
  const lines = [
    `### ${check.title}: ${verdictCell(check, bonusesCounted)}\n`,
    `**What is wrong:** ${prose(remediation.summary)}\n`,
    `**Why it matters:** ${prose(remediation.why)}\n`,
  ];
  for (const fix of remediation.fixes) {
    lines.push(`**${fix.stack}**, in ${inline(fix.where)}:\n`, fence(fix.code), '');
  }
  lines.push(`Reference: ${remediation.docs}\n`);
  return lines.join('\n');
}

function summarySection(report: Report): string {
  const counts = VERDICTS.map((verdict) => {
    const count = report.checks.filter((check) => check.verdict === verdict).length;
    return `${count} ${verdict}`;
  });
  const penalties = report.checks.filter((check) => check.modifier < 0);
  const bonus = sumBonuses(report);
  const penalty = penalties.reduce((sum, check) => sum + check.modifier, 0);

  const lines = [
    '## Summary\n',
    `- Checks: ${counts.join(', ')}.`,
    `- Penalties ${penalty}, bonuses +${bonus}${report.bonusesCounted ? '' : ` (not counted: the score after penalties is below ${BONUS_THRESHOLD})`}: score ${report.score}, grade ${report.grade}.`,
  ];
  const worst = [...penalties].sort((a, b) => a.modifier - b.modifier);
  if (worst.length > 0) {
    lines.push(
      `- Fix first: ${worst.map((check) => `${check.title} (${check.modifier})`).join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function verdictCell(check: CheckResult, bonusesCounted: boolean): string {
  const { modifier, verdict } = check;
  if (modifier === 0) {
    return verdict;
  }
  if (modifier < 0) {
    return `${verdict} (${modifier})`;
  }
  return bonusesCounted
    ? `${verdict} (+${modifier})`
    : `${verdict} (+${modifier}, not counted below ${BONUS_THRESHOLD})`;
}

/** Fits Markdown into one table cell: pipes escaped, line breaks turned into spaces. */
function cell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Escapes received text for Markdown prose, so a quoted `<meta>` or `*` shows as typed
 * instead of becoming HTML or emphasis.
 */
function prose(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*_`[\]])/g, '\\$1');
}

function inline(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  return `${ticks}${text.startsWith('`') ? ' ' : ''}${text}${text.endsWith('`') ? ' ' : ''}${ticks}`;
}

/** Fences a code block with more backticks than the code contains in a row. */
function fence(code: string): string {
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  return `${ticks}\n${code}\n${ticks}`;
}
