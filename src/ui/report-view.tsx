// A graded report: the grade and score, the notices that qualify them, and every check.

import type { ComponentChildren } from 'preact';

import { BONUS_THRESHOLD } from '../scoring/grade';
import type { CheckResult, Grade, Report, ResponseRecord } from '../scoring/types';
import { t } from '../shared/i18n';

import { sortChecksForDisplay } from './check-order';
import { CheckRow } from './check-row';
import { STACK_LABEL_KEYS } from './labels';
import { LibraryDatabaseLine, LibraryFindings } from './library-findings';
import type { LibrarySilencing } from './use-silenced-libraries';

/** The record and patched-fork marks that the vulnerable-libraries row lists and changes. */
export interface LibraryContext {
  record: ResponseRecord;
  silencing: LibrarySilencing;
}

export function ReportView({ report, libraries }: { report: Report; libraries?: LibraryContext }) {
  const redirectCheck = report.checks.find((check) => check.id === 'https-redirect');
  const redirectNotVerified = redirectCheck?.outcome === 'not-verified';

  return (
    <div class="report">
      <section class="summary" aria-label={t('summaryLabel')}>
        <div class={`grade grade-${gradeBand(report.grade)}`}>
          <span class="visually-hidden">{t('gradeLabel')}</span>
          <span data-testid="grade">{report.grade}</span>
        </div>
        <div class="summary-text">
          <p class="score" data-testid="score">
            {t('scoreValue', [report.score])}
          </p>
          {hasUncountedBonus(report) && (
            <p class="bonus-note" data-testid="bonuses-not-counted">
              {t('bonusesNotCountedNote', [BONUS_THRESHOLD])}
            </p>
          )}
          <p class="url" data-testid="url">
            {report.url}
          </p>
          <p class="meta">
            {t('stackDetected', [stackLabel(report)])}
            {' · '}
            {t('scoringVersion', [report.scoringVersion])}
          </p>
        </div>
      </section>

      {report.developmentHost && (
        <p class="notice notice-info" data-testid="development-banner">
          <strong>{t('developmentBannerTitle')}</strong> {t('developmentBannerText')}
        </p>
      )}
      {report.capped && (
        <p class="notice notice-fail" data-testid="capped-banner">
          {t('cappedBanner')}
        </p>
      )}
      {redirectNotVerified && (
        <p class="notice notice-info" data-testid="redirect-not-verified">
          <strong>{t('redirectNotVerifiedTitle')}</strong> {redirectCheck.evidence}
        </p>
      )}

      <h2 class="visually-hidden">{t('checksHeading')}</h2>
      <ul class="checks">
        {sortChecksForDisplay(report.checks).map((check) => (
          <CheckRow
            key={check.id}
            check={check}
            stack={report.stack}
            bonusesCounted={report.bonusesCounted}
            {...libraryRowParts(check, libraries)}
          />
        ))}
      </ul>
    </div>
  );
}

/** Returns the database line and the library list of the vulnerable-libraries row. */
function libraryRowParts(
  check: CheckResult,
  libraries: LibraryContext | undefined,
): { footnote?: ComponentChildren; details?: ComponentChildren } {
  if (check.id !== 'vulnerable-libraries') {
    return {};
  }
  const footnote = <LibraryDatabaseLine />;
  if (libraries === undefined || (libraries.record.scripts?.length ?? 0) === 0) {
    return { footnote };
  }
  return {
    footnote,
    details: <LibraryFindings record={libraries.record} silencing={libraries.silencing} />,
  };
}

/** Names the detected stack, marking one that only a cookie in the jar points to. */
function stackLabel(report: Report): string {
  const name = t(STACK_LABEL_KEYS[report.stack]);
  return report.stackConfidence === 'likely' ? t('stackLikely', [name]) : name;
}

/** True when a check has a bonus that the score leaves out. */
function hasUncountedBonus(report: Report): boolean {
  return !report.bonusesCounted && report.checks.some((check) => check.modifier > 0);
}

/** Groups grades by letter for colouring: A, B, C, D and F. */
function gradeBand(grade: Grade): string {
  return grade.charAt(0).toLowerCase();
}
