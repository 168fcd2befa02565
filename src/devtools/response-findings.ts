// The findings the panel shows for one response of the page. The top document and frames are
// graded as documents. Other responses get the checks that apply to them: CORS, MIME sniffing
// and mixed content.

import { gradeRecord } from '../scoring/index';
import type { CheckId, CheckResult, GradeOptions, ResponseRecord, Verdict } from '../scoring/types';
import type { FrameDocument, RecordedResponse } from '../shared/messages';

import { kindOfType } from './response-kind';

/** Checks graded on responses that are not documents. */
export const SUBRESOURCE_CHECKS: readonly CheckId[] = [
  'cors',
  'content-type-options',
  'mixed-content',
];

/** Resource types for which a missing `nosniff` matters: the browser runs or applies them. */
const SNIFFED_TYPES = new Set(['script', 'stylesheet', 'xmlhttprequest']);

export type ResponseFindings =
  | { kind: 'document'; checks: CheckResult[]; grade: string; bonusesCounted: boolean }
  | { kind: 'subresource'; checks: CheckResult[] }
  /** A redirect, or a frame whose record the recorder did not keep. */
  | { kind: 'none' };

/** The page's top record and the parts of its report that the top document's row shows. */
export interface PageFindings {
  record: ResponseRecord;
  checks: CheckResult[];
  grade: string;
  bonusesCounted: boolean;
}

/**
 * Grades one response. `page` contains the page's top record and its report's findings, which the
 * top document's final response shows. A frame is graded with `gradeRecord` when
 * its record was kept; other responses get {@link SUBRESOURCE_CHECKS}, and `nosniff` only for
 * scripts, stylesheets and fetches.
 */
export function findingsOf(
  response: RecordedResponse,
  page: PageFindings | undefined,
  frames: readonly FrameDocument[],
  options: GradeOptions,
): ResponseFindings {
  const kind = kindOfType(response.type);
  if (response.status >= 300 && response.status < 400) {
    return { kind: 'none' };
  }
  if (kind === 'document') {
    if (page === undefined || page.record.url !== response.url) {
      return { kind: 'none' };
    }
    return {
      kind: 'document',
      checks: page.checks,
      grade: page.grade,
      bonusesCounted: page.bonusesCounted,
    };
  }
  if (kind === 'frame') {
    const frame = frames.find((candidate) => candidate.requestId === response.requestId);
    if (frame === undefined || frame.record.url !== response.url) {
      return { kind: 'none' };
    }
    const report = gradeRecord(frame.record, options);
    return {
      kind: 'document',
      checks: report.checks,
      grade: report.grade,
      bonusesCounted: report.bonusesCounted,
    };
  }
  return { kind: 'subresource', checks: subresourceChecks(response, page?.record, options) };
}

function subresourceChecks(
  response: RecordedResponse,
  pageRecord: ResponseRecord | undefined,
  options: GradeOptions,
): CheckResult[] {
  const own = gradeRecord(
    { url: response.url, status: response.status, headers: response.headers },
    options,
  );
  const wanted = (id: CheckId): boolean =>
    id === 'cors' || (id === 'content-type-options' && SNIFFED_TYPES.has(response.type));
  const checks = own.checks.filter((check) => wanted(check.id));

  if (pageRecord !== undefined) {
    // The page's own headers decide whether plain-HTTP requests are upgraded, so the check
    // runs on the page with this one request as its only subresource.
    const onPage = gradeRecord(
      {
        ...pageRecord,
        subresources: [{ url: response.url, type: response.type }],
        scripts: undefined,
      },
      options,
    );
    const mixed = onPage.checks.find((check) => check.id === 'mixed-content');
    if (mixed !== undefined) {
      checks.push(mixed);
    }
  }
  return checks;
}

const VERDICT_RANK: Readonly<Record<Verdict, number>> = {
  fail: 0,
  warn: 1,
  info: 2,
  pass: 3,
  'n/a': 4,
};

/** Returns the checks with the worst verdict among fail and warn, or an empty list. */
export function worstChecks(checks: readonly CheckResult[]): CheckResult[] {
  const problems = checks.filter((check) => check.verdict === 'fail' || check.verdict === 'warn');
  if (problems.length === 0) {
    return [];
  }
  const worst = Math.min(...problems.map((check) => VERDICT_RANK[check.verdict]));
  return problems.filter((check) => VERDICT_RANK[check.verdict] === worst);
}
