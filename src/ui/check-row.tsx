// One check of a report: its title, verdict and evidence, expandable to its remediation.

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

import { BONUS_THRESHOLD } from '../scoring/grade';
import type { CheckResult, Stack } from '../scoring/types';
import { t } from '../shared/i18n';

import { VERDICT_LABEL_KEYS } from './labels';
import { RemediationView } from './remediation-view';

export function CheckRow({
  check,
  stack,
  idPrefix = 'check',
  footnote,
  details,
  bonusesCounted = true,
  showPoints = true,
}: {
  check: CheckResult;
  stack: Stack;
  /** Starts the element ids of the row, unique per list when a page shows several reports. */
  idPrefix?: string;
  /** A small line under the evidence, shown whether the row is expanded or not. */
  footnote?: ComponentChildren;
  /** A structured view of the check's findings, shown expanded in place of its notes. */
  details?: ComponentChildren;
  /** The report's `bonusesCounted`: false marks a positive modifier as not added to the score. */
  bonusesCounted?: boolean;
  /** False for checks graded outside a page score, such as those of a script response. */
  showPoints?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const expandable =
    check.remediation !== undefined || (check.notes?.length ?? 0) > 0 || details !== undefined;
  const detailsId = `${idPrefix}-${check.id}-details`;

  const heading = (
    <>
      <span class={`verdict verdict-${verdictClass(check.verdict)}`}>
        {t(VERDICT_LABEL_KEYS[check.verdict])}
      </span>
      <span class="check-title">{check.title}</span>
      {showPoints && <ModifierPoints modifier={check.modifier} bonusesCounted={bonusesCounted} />}
    </>
  );

  return (
    <li class="check" data-check={check.id} data-verdict={check.verdict}>
      <h3 class="check-heading">
        {expandable ? (
          <button
            type="button"
            class="check-toggle"
            aria-expanded={expanded}
            aria-controls={detailsId}
            onClick={() => setExpanded(!expanded)}
          >
            {heading}
            <span class="chevron" aria-hidden="true" />
          </button>
        ) : (
          <span class="check-static">
            {heading}
            <span class="chevron-space" aria-hidden="true" />
          </span>
        )}
      </h3>
      <p class="evidence">{check.evidence}</p>
      {footnote}
      {expandable && (
        <div id={detailsId} class="check-details" hidden={!expanded}>
          {expanded && details}
          {expanded && (
            <RemediationView
              check={check}
              stack={stack}
              idPrefix={`${idPrefix}-fix`}
              showNotes={details === undefined}
            />
          )}
        </div>
      )}
    </li>
  );
}

/** Shows a check's points, marking a bonus that the score does not add. */
function ModifierPoints({
  modifier,
  bonusesCounted,
}: {
  modifier: number;
  bonusesCounted: boolean;
}) {
  if (modifier === 0) {
    return null;
  }
  const points = formatModifier(modifier);
  if (modifier > 0 && !bonusesCounted) {
    return (
      <span
        class="modifier modifier-uncounted"
        title={t('bonusNotCountedTooltip', [BONUS_THRESHOLD])}
      >
        {t('bonusNotCounted', [points, BONUS_THRESHOLD])}
      </span>
    );
  }
  return <span class="modifier">{t('modifierPoints', [points])}</span>;
}

/** Formats a modifier with its sign and a real minus sign, as in "−25" or "+5". */
export function formatModifier(modifier: number): string {
  return modifier > 0 ? `+${modifier}` : `\u2212${Math.abs(modifier)}`;
}

function verdictClass(verdict: CheckResult['verdict']): string {
  return verdict === 'n/a' ? 'na' : verdict;
}
