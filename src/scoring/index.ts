// Grades a response record: runs every check, weighs the outcomes and returns the report.

import type { Check, CheckContext } from './check';
import { isDevelopmentHost } from './development-host';
import { BONUS_THRESHOLD, gradeForScore, scoreModifiers } from './grade';
import { HeaderList } from './headers';
import { CHECKS } from './registry';
import { detectStack } from './stack';
import type {
  CheckId,
  CheckResult,
  GradeOptions,
  Report,
  ResponseRecord,
  StackConfidence,
} from './types';
import { SCORING_VERSION, weightOf } from './weights';
import { parseSetCookie } from './parsers/set-cookie';

export type * from './types';
export { SCORING_VERSION } from './weights';

export function gradeRecord(record: ResponseRecord, options: GradeOptions = {}): Report {
  const { stackConfidence, ...context } = buildContext(record, options);
  const checks = CHECKS.map((check) => runCheck(check, context));

  const modifiers = checks.map((result) => result.modifier);
  const score = scoreModifiers(modifiers);
  const penalties = modifiers.filter((modifier) => modifier < 0).reduce((a, b) => a + b, 0);
  const capped = !context.https && !context.developmentHost;

  return {
    url: record.url,
    scoringVersion: SCORING_VERSION,
    grade: capped ? 'F' : gradeForScore(score),
    score,
    developmentHost: context.developmentHost,
    capped,
    bonusesCounted: 100 + penalties >= BONUS_THRESHOLD,
    stack: context.stack,
    ...(stackConfidence === undefined ? {} : { stackConfidence }),
    checks,
    ...(record.source === undefined ? {} : { source: record.source }),
  };
}

/** Builds the checks' context, and returns beside it how the stack was identified. */
function buildContext(
  record: ResponseRecord,
  options: GradeOptions,
): CheckContext & { stackConfidence?: StackConfidence } {
  const url = parseUrl(record.url);
  const headers = new HeaderList(Array.isArray(record.headers) ? record.headers : []);
  const setCookieLines = record.setCookies ?? headers.all('set-cookie');
  const cookieNames = setCookieLines.map((line) => parseSetCookie(line).name);
  const detection = detectStack(headers, cookieNames, record.cookies ?? []);

  return {
    record,
    url,
    https: url?.protocol === 'https:',
    developmentHost: url !== null && !options.asProduction && isDevelopmentHost(url.hostname),
    headers,
    stack: detection.stack,
    options,
    ...(detection.confidence === undefined ? {} : { stackConfidence: detection.confidence }),
  };
}

function parseUrl(value: unknown): URL | null {
  try {
    return new URL(String(value));
  } catch {
    return null;
  }
}

/** Runs one check; a check that throws becomes a failed result, and the report goes on. */
function runCheck(check: Check<CheckId>, context: CheckContext): CheckResult {
  try {
    const finding = check.run(context);
    const weight = weightOf(check.id, finding.outcome);
    const result: CheckResult = {
      id: check.id,
      title: check.title,
      verdict: weight.verdict,
      modifier: weight.modifier,
      outcome: finding.outcome,
      evidence: finding.evidence,
      ...(finding.notes?.length ? { notes: finding.notes } : {}),
    };
    if (weight.verdict !== 'pass' && weight.verdict !== 'n/a') {
      result.remediation = check.remediate(finding, context);
    }
    return result;
  } catch (error) {
    return {
      id: check.id,
      title: check.title,
      verdict: 'fail',
      modifier: 0,
      outcome: 'error',
      evidence: `the check could not process this response: ${String(error)}`,
    };
  }
}
