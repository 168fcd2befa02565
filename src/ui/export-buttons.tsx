// Buttons that save a graded page as a JSON report, a Markdown review or a HAR log.

import { useState } from 'preact/hooks';

import type { Report, ResponseRecord } from '../scoring/types';
import { t } from '../shared/i18n';
import { createLogger } from '../shared/logger';
import type { RecordedResponse } from '../shared/messages';

import { downloadFile } from './download';
import { type ExportFile, harFile, reportJsonFile, reportMarkdownFile } from './exports';

const log = createLogger('ui');

/** Unique because a page shows one set of export buttons. */
const EXPORT_LABEL_ID = 'export-label';

export function ExportButtons({
  report,
  record,
  loadResponses,
}: {
  report: Report;
  record: ResponseRecord;
  /** Returns the page's recorded responses, which the HAR log holds. */
  loadResponses: () => Promise<RecordedResponse[]>;
}) {
  const [failure, setFailure] = useState('');

  const save = async (build: () => ExportFile | Promise<ExportFile>): Promise<void> => {
    try {
      downloadFile(await build());
      setFailure('');
    } catch (error) {
      log.error('exporting the report failed', error, { url: report.url });
      setFailure(t('exportFailed', [error instanceof Error ? error.message : String(error)]));
    }
  };

  return (
    <div class="exports" role="group" aria-labelledby={EXPORT_LABEL_ID}>
      <span class="exports-label" id={EXPORT_LABEL_ID}>
        {t('exportLabel')}
      </span>
      <div class="export-buttons">
        <button
          type="button"
          data-export="json"
          onClick={() => void save(() => reportJsonFile(report))}
        >
          {t('exportJson')}
        </button>
        <button
          type="button"
          data-export="markdown"
          onClick={() => void save(() => reportMarkdownFile(report))}
        >
          {t('exportMarkdown')}
        </button>
        <button
          type="button"
          data-export="har"
          onClick={() =>
            void save(async () => harFile(record, await loadResponses(), new Date().toISOString()))
          }
        >
          {t('exportHar')}
        </button>
      </div>
      {failure !== '' && (
        <p class="export-failure" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
