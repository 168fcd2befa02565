// A graded document and where it came from, as the format writers receive it.

import type { Report } from '../scoring/types';

export interface GradedPage {
  /** The input as the user named it: a path, or `-` for standard input. */
  file: string;
  /** The document's place in the input: empty for a record file, `page ID` (and `frame N`) for a HAR. */
  part: string;
  report: Report;
}

/** Names the input of a graded page for messages: `site.har, page page_1, frame 2`. */
export function describeInput(page: Pick<GradedPage, 'file' | 'part'>): string {
  const file = page.file === '-' ? 'standard input' : page.file;
  return page.part === '' ? file : `${file}, ${page.part}`;
}

/** Names the detected stack for people: `django`, or `django (likely)` when only a jar cookie points to it. */
export function describeStack(report: Pick<Report, 'stack' | 'stackConfidence'>): string {
  return report.stackConfidence === 'likely' ? `${report.stack} (likely)` : report.stack;
}

/** The sum of the positive modifiers of a report, whether or not they counted. */
export function sumBonuses(report: Pick<Report, 'checks'>): number {
  return report.checks.reduce((sum, check) => sum + Math.max(0, check.modifier), 0);
}
