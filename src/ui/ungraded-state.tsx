// The message shown instead of a report for a tab that cannot be graded or has no record yet.

import { t } from '../shared/i18n';
import type { TabReport } from '../shared/messages';

type UngradedReport = Extract<TabReport, { state: 'unsupported' | 'not-recorded' }>;

export function UngradedState({
  tabReport,
  onReload,
}: {
  tabReport: UngradedReport;
  onReload: () => void;
}) {
  if (tabReport.state === 'unsupported') {
    return (
      <section class="state" data-state="unsupported">
        <h2>{t('unsupportedTitle')}</h2>
        <p>{t('unsupportedText')}</p>
        {tabReport.url && <p class="url">{tabReport.url}</p>}
      </section>
    );
  }

  return (
    <section class="state" data-state="not-recorded">
      <h2>{t('notRecordedTitle')}</h2>
      <p>{t('notRecordedText')}</p>
      <p class="url">{tabReport.url}</p>
      <button type="button" class="primary" onClick={onReload}>
        {t('reloadButton')}
      </button>
    </section>
  );
}
