// The JSON format: the report as the grader returns it, an array when there are several.

import type { GradedPage } from '../graded-page';

export function formatJson(pages: readonly GradedPage[]): string {
  const reports = pages.map((page) => page.report);
  return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
}
