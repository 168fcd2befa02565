// The DevTools "Hardening" panel: the inspected page's report, what changed since its previous
// load, the production grade of a development host, and every response of the page with its
// headers annotated by the checks they affect.

import { useMemo, useState } from 'preact/hooks';

import { gradeRecord } from '../scoring/index';
import { t } from '../shared/i18n';
import type { TabLog, TabReport } from '../shared/messages';
import type { Connector } from '../ui/connector';
import { ExportButtons } from '../ui/export-buttons';
import { ReportView } from '../ui/report-view';
import { UngradedState } from '../ui/ungraded-state';
import { type LibrarySilencing, useSilencedLibraries } from '../ui/use-silenced-libraries';

import { BeforeAfter, previousLoad } from './before-after';
import { ProductionPreview } from './production-preview';
import { findingsOf } from './response-findings';
import { ResponseDetail } from './response-detail';
import {
  matchesFilter,
  ResponseFilters,
  type ResponseFilter,
  ResponseList,
  type ResponseRow,
} from './response-list';
import { type NavigationLog, usePanelData } from './use-panel-data';

export function Panel({ connector }: { connector: Connector }) {
  const [preserveLog, setPreserveLog] = useState(false);
  const [data, refresh] = usePanelData(connector, preserveLog);
  const [filter, setFilter] = useState<ResponseFilter>({ kinds: new Set(), text: '' });
  const [selectedKey, setSelectedKey] = useState<string | undefined>(undefined);

  const rows = useMemo(
    () => (data.status === 'ready' ? buildRows(data.tabReport, data.log, data.earlier) : []),
    [data],
  );
  const visibleRows = rows.filter((row) => matchesFilter(row, filter));
  const selected = rows.find((row) => row.key === selectedKey);
  const graded =
    data.status === 'ready' && data.tabReport.state === 'graded' ? data.tabReport : undefined;
  const silencing = useSilencedLibraries(connector, graded?.url);

  return (
    <div class="page panel">
      <header class="toolbar panel-toolbar">
        <h1 class="product">{t('panelTitle')}</h1>
        <label class="preserve-log">
          <input
            type="checkbox"
            checked={preserveLog}
            onChange={(event) => setPreserveLog(event.currentTarget.checked)}
          />{' '}
          {t('preserveLog')}
        </label>
        {graded !== undefined && data.status === 'ready' && (
          <ExportButtons
            report={graded.report}
            record={graded.record}
            loadResponses={() => Promise.resolve(data.log.responses)}
          />
        )}
      </header>

      {data.status === 'loading' && (
        <p class="state" role="status">
          {t('loading')}
        </p>
      )}
      {data.status === 'no-tab' && <p class="state">{t('noInspectedTab')}</p>}
      {data.status === 'error' && (
        <div class="state" role="alert">
          <p>{t('loadFailed', [data.message])}</p>
          <button type="button" onClick={refresh}>
            {t('retryButton')}
          </button>
        </div>
      )}

      {data.status === 'ready' && (
        <main class="panel-layout">
          <section class="responses-pane" aria-labelledby="responses-heading">
            <h2 id="responses-heading">
              {t('responsesHeading', [visibleRows.length, rows.length])}
            </h2>
            <ResponseFilters filter={filter} onChange={setFilter} />
            {rows.length > 0 && visibleRows.length === 0 ? (
              <p class="no-matches" role="status" data-testid="no-matching-responses">
                {t('noMatchingResponses')}
              </p>
            ) : (
              <ResponseList
                rows={visibleRows}
                selectedKey={selectedKey}
                onSelect={setSelectedKey}
              />
            )}
            {data.log.droppedResponses > 0 && (
              <p class="notice notice-info" data-testid="dropped-responses">
                {t('responsesDropped', [data.log.droppedResponses])}
              </p>
            )}
            {selected !== undefined && (
              <ResponseDetail
                row={selected}
                pageChecks={graded?.report.checks ?? []}
                stack={graded?.report.stack ?? 'unknown'}
                gradeOptions={data.log.gradeOptions}
              />
            )}
          </section>

          <section class="report-pane" aria-label={t('pageReportLabel')}>
            <PageReport
              tabReport={data.tabReport}
              log={data.log}
              silencing={silencing}
              onReload={() => void connector.reloadTab(data.tabId)}
            />
          </section>
        </main>
      )}
    </div>
  );
}

function PageReport({
  tabReport,
  log,
  silencing,
  onReload,
}: {
  tabReport: TabReport;
  log: TabLog;
  silencing: LibrarySilencing;
  onReload: () => void;
}) {
  switch (tabReport.state) {
    case 'unsupported':
    case 'not-recorded':
      return <UngradedState tabReport={tabReport} onReload={onReload} />;
    case 'graded': {
      const previous = previousLoad(log.loads, log.navigationId);
      const report = tabReport.report;
      return (
        <>
          {previous !== undefined && <BeforeAfter previous={previous} report={report} />}
          {report.developmentHost && (
            <ProductionPreview
              development={report}
              production={gradeRecord(tabReport.record, {
                ...log.gradeOptions,
                asProduction: true,
              })}
            />
          )}
          <ReportView report={report} libraries={{ record: tabReport.record, silencing }} />
        </>
      );
    }
  }
}

/**
 * Builds the list's rows: the earlier pages' responses kept by "preserve log", then the current
 * page's. Earlier pages' documents and frames are listed without findings, because their
 * reports are gone, and their other responses without the mixed-content check.
 */
function buildRows(
  tabReport: TabReport,
  log: TabLog,
  earlier: readonly NavigationLog[],
): ResponseRow[] {
  const rows: ResponseRow[] = [];
  for (const navigation of earlier) {
    navigation.responses.forEach((response, index) => {
      rows.push({
        key: `${navigation.navigationId}:${index}`,
        response,
        findings: findingsOf(response, undefined, [], log.gradeOptions),
        earlier: true,
      });
    });
  }

  const page =
    tabReport.state === 'graded'
      ? {
          record: tabReport.record,
          checks: tabReport.report.checks,
          grade: tabReport.report.grade,
          bonusesCounted: tabReport.report.bonusesCounted,
        }
      : undefined;
  log.responses.forEach((response, index) => {
    rows.push({
      key: `${log.navigationId ?? 'none'}:${index}`,
      response,
      findings: findingsOf(response, page, log.frames, log.gradeOptions),
      earlier: false,
    });
  });
  return rows;
}
