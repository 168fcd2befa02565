// The selected response: its header lines as received, each marked with the checks it
// affects and their verdicts, then the findings graded on the response itself.

import type { CheckResult, GradeOptions, Stack } from '../scoring/types';
import { t } from '../shared/i18n';
import { sortChecksForDisplay } from '../ui/check-order';
import { CheckRow } from '../ui/check-row';
import { VERDICT_LABEL_KEYS } from '../ui/labels';

import { checksOfHeader } from './header-annotations';
import { KIND_LABEL_KEYS, type ResponseRow } from './response-list';
import { kindOfType } from './response-kind';

export function ResponseDetail({
  row,
  pageChecks,
  stack,
  gradeOptions,
}: {
  row: ResponseRow;
  /** The page report's checks, which annotate the top document's redirect hops too. */
  pageChecks: readonly CheckResult[];
  stack: Stack;
  gradeOptions: GradeOptions;
}) {
  const { response, findings } = row;
  const kind = kindOfType(response.type);
  const ownChecks = findings.kind === 'none' ? [] : findings.checks;
  const annotationChecks = kind === 'document' && findings.kind === 'none' ? pageChecks : ownChecks;

  return (
    <section class="response-detail" aria-labelledby="response-detail-heading">
      <h2 id="response-detail-heading" class="detail-heading">
        {t(KIND_LABEL_KEYS[kind])} · {response.status}
      </h2>
      <p class="url detail-url">{response.url}</p>

      <h3>{t('headersHeading')}</h3>
      {response.headers.length === 0 ? (
        <p class="muted">{t('noHeaders')}</p>
      ) : (
        <table class="headers-table">
          <thead>
            <tr>
              <th scope="col">{t('headerName')}</th>
              <th scope="col">{t('headerValue')}</th>
              <th scope="col">{t('headerChecks')}</th>
            </tr>
          </thead>
          <tbody>
            {response.headers.map(([name, value], index) => (
              <tr key={`${index}-${name}`} data-header={name.toLowerCase()}>
                <th scope="row" class="header-name">
                  {name}
                </th>
                <td class="header-value">{value}</td>
                <td class="header-checks">
                  {annotationsOf(name, value, annotationChecks, gradeOptions).map((check) => (
                    <span
                      key={check.id}
                      class={`annotation verdict-${check.verdict === 'n/a' ? 'na' : check.verdict}`}
                      data-check={check.id}
                      data-verdict={check.verdict}
                    >
                      {check.title}: {t(VERDICT_LABEL_KEYS[check.verdict])}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {response.droppedHeaders !== undefined && (
        <p class="notice notice-info">{t('headersDropped', [response.droppedHeaders])}</p>
      )}

      <h3>{t('findingsHeading')}</h3>
      {findings.kind === 'none' && <p class="muted">{t('noFindings')}</p>}
      {findings.kind === 'document' && (
        <p data-testid="response-grade">{t('rowGrade', [findings.grade])}</p>
      )}
      {findings.kind === 'subresource' && (
        <p class="muted" data-testid="not-page-score">
          {t('subresourceNotScored')}
        </p>
      )}
      {findings.kind !== 'none' && (
        <ul class="checks response-findings">
          {sortChecksForDisplay(findings.checks).map((check) => (
            <CheckRow
              key={check.id}
              check={check}
              stack={stack}
              idPrefix="response-check"
              bonusesCounted={findings.kind === 'document' ? findings.bonusesCounted : true}
              showPoints={findings.kind === 'document'}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Returns the checks a header line affects that the response was graded on. */
function annotationsOf(
  name: string,
  value: string,
  checks: readonly CheckResult[],
  options: GradeOptions,
): CheckResult[] {
  return checksOfHeader(name, value, options).flatMap((id) => {
    const check = checks.find((candidate) => candidate.id === id);
    return check === undefined ? [] : [check];
  });
}
