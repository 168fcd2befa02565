// The remediation of a finding: summary, reason, fixes per stack, notes and the MDN link.

import type { CheckResult, Stack } from '../scoring/types';
import { t } from '../shared/i18n';

import { detectedStackFirst } from './check-order';
import { FixTabs } from './fix-tabs';

export function RemediationView({
  check,
  stack,
  idPrefix = 'fix',
  showNotes = true,
}: {
  check: CheckResult;
  stack: Stack;
  idPrefix?: string;
  /** False when the row shows the findings another way, so the notes would repeat them. */
  showNotes?: boolean;
}) {
  const remediation = check.remediation;
  const fixes = remediation ? detectedStackFirst(remediation.fixes, stack) : [];

  return (
    <div class="remediation">
      {remediation && (
        <>
          <p class="remediation-summary">{remediation.summary}</p>
          <p class="remediation-why">
            <strong>{t('remediationWhy')}</strong> {remediation.why}
          </p>
          {fixes.length > 0 && <FixTabs fixes={fixes} idPrefix={`${idPrefix}-${check.id}`} />}
        </>
      )}
      {showNotes && check.notes && check.notes.length > 0 && (
        <ul class="notes" aria-label={t('notesLabel')}>
          {check.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {remediation?.docs && (
        <p class="docs">
          <a href={remediation.docs} target="_blank" rel="noreferrer">
            {t('docsLink')}
          </a>
        </p>
      )}
    </div>
  );
}
