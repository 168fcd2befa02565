// The toolbar popup: the grade of the active tab's top document and every check behind it.

import { t } from '../shared/i18n';
import type { RecordedResponse, TabReport } from '../shared/messages';
import type { Connector } from '../ui/connector';
import { ExportButtons } from '../ui/export-buttons';
import { ReportView } from '../ui/report-view';
import { UngradedState } from '../ui/ungraded-state';
import { type LibrarySilencing, useSilencedLibraries } from '../ui/use-silenced-libraries';
import { useTabReport } from '../ui/use-tab-report';

export function Popup({ connector }: { connector: Connector }) {
  const [state, refresh] = useTabReport(connector);
  const silencing = useSilencedLibraries(
    connector,
    state.status === 'ready' ? state.tabReport.url : undefined,
  );

  const openOptions = (event: MouseEvent): void => {
    event.preventDefault();
    void connector.openOptionsPage();
  };

  return (
    <div class="page popup">
      <header class="toolbar">
        <h1 class="product">{t('extensionName')}</h1>
        <a class="options-link" href={connector.optionsPageUrl()} onClick={openOptions}>
          {t('optionsLink')}
        </a>
      </header>
      <main>
        {state.status === 'loading' && (
          <p class="state" role="status">
            {t('loading')}
          </p>
        )}
        {state.status === 'no-tab' && (
          <p class="state" data-state="no-tab">
            {t('noActiveTab')}
          </p>
        )}
        {state.status === 'error' && (
          <div class="state" role="alert" data-state="error">
            <p>{t('loadFailed', [state.message])}</p>
            <button type="button" onClick={refresh}>
              {t('retryButton')}
            </button>
          </div>
        )}
        {state.status === 'ready' && (
          <TabReportView
            tabReport={state.tabReport}
            onReload={() => void connector.reloadTab(state.tabId)}
            loadResponses={async () => (await connector.getTabLog(state.tabId)).responses}
            silencing={silencing}
          />
        )}
      </main>
    </div>
  );
}

function TabReportView({
  tabReport,
  onReload,
  loadResponses,
  silencing,
}: {
  tabReport: TabReport;
  onReload: () => void;
  loadResponses: () => Promise<RecordedResponse[]>;
  silencing: LibrarySilencing;
}) {
  switch (tabReport.state) {
    case 'unsupported':
    case 'not-recorded':
      return <UngradedState tabReport={tabReport} onReload={onReload} />;
    case 'graded':
      return (
        <>
          <ReportView
            report={tabReport.report}
            libraries={{ record: tabReport.record, silencing }}
          />
          <ExportButtons
            report={tabReport.report}
            record={tabReport.record}
            loadResponses={loadResponses}
          />
        </>
      );
  }
}
