// The changes since the previous load of the same URL: the grade, the score and each check
// that got better or worse, with the evidence of both loads.

import { BONUS_THRESHOLD } from '../scoring/grade';
import type { CheckResult, Report } from '../scoring/types';
import { type MessageKey, t } from '../shared/i18n';
import type { LoadSnapshot } from '../shared/messages';
import { formatModifier } from '../ui/check-row';
import { VERDICT_LABEL_KEYS } from '../ui/labels';

import { type ChangeDirection, type CheckChange, compareReports } from './compare-reports';

const DIRECTION_LABEL_KEYS = {
  better: 'changeBetter',
  worse: 'changeWorse',
  changed: 'changeChanged',
} as const satisfies Record<ChangeDirection, MessageKey>;

/** Returns the latest load of the page before the one shown, or undefined. */
export function previousLoad(
  loads: readonly LoadSnapshot[],
  navigationId: string | null,
): LoadSnapshot | undefined {
  return loads.filter((load) => load.requestId !== navigationId).at(-1);
}

export function BeforeAfter({ previous, report }: { previous: LoadSnapshot; report: Report }) {
  const comparison = compareReports(previous.report, report);
  const time = new Date(previous.gradedAt).toLocaleTimeString();

  return (
    <section class="before-after" data-testid="before-after" aria-labelledby="before-after-heading">
      <h2 id="before-after-heading">{t('beforeAfterHeading', [time])}</h2>
      <p class="grade-change" data-testid="grade-change">
        {t('gradeChange', [
          comparison.gradeBefore,
          comparison.gradeAfter,
          comparison.scoreBefore,
          comparison.scoreAfter,
        ])}
      </p>
      {comparison.changes.length === 0 ? (
        <p class="muted">{t('noChanges')}</p>
      ) : (
        <ul class="changes">
          {comparison.changes.map((change) => (
            <ChangeRow
              key={change.id}
              change={change}
              bonusesCountedBefore={comparison.bonusesCountedBefore}
              bonusesCountedAfter={comparison.bonusesCountedAfter}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangeRow({
  change,
  bonusesCountedBefore,
  bonusesCountedAfter,
}: {
  change: CheckChange;
  bonusesCountedBefore: boolean;
  bonusesCountedAfter: boolean;
}) {
  const { before, after } = change;
  return (
    <li
      class={`change change-${change.direction}`}
      data-check={change.id}
      data-direction={change.direction}
    >
      <p class="change-heading">
        <span class="change-direction">{t(DIRECTION_LABEL_KEYS[change.direction])}</span>{' '}
        <span class="check-title">{change.title}</span>{' '}
        <span class="change-verdicts">
          {before === undefined ? '' : `${verdictText(before, bonusesCountedBefore)} → `}
          {verdictText(after, bonusesCountedAfter)}
        </span>
      </p>
      <dl class="change-evidence">
        {before !== undefined && (
          <>
            <dt>{t('evidenceBefore')}</dt>
            <dd data-testid="evidence-before">{before.evidence}</dd>
          </>
        )}
        <dt>{t('evidenceAfter')}</dt>
        <dd data-testid="evidence-after">{after.evidence}</dd>
      </dl>
    </li>
  );
}

/** Formats a verdict with its points, as in "Fail (−20)" or "Pass (+5, not counted below 90)". */
function verdictText(check: CheckResult, bonusesCounted: boolean): string {
  const label = t(VERDICT_LABEL_KEYS[check.verdict]);
  if (check.modifier === 0) {
    return label;
  }
  const points = formatModifier(check.modifier);
  if (check.modifier > 0 && !bonusesCounted) {
    return `${label} (${t('bonusNotCounted', [points, BONUS_THRESHOLD])})`;
  }
  return `${label} (${points})`;
}
