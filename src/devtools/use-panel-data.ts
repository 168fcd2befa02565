// Loads the inspected tab's report and response log, reloads both whenever the tab's record
// changes, and keeps the logs of earlier pages while "preserve log" is on.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { createLogger } from '../shared/logger';
import type { RecordedResponse, TabLog, TabReport } from '../shared/messages';
import type { Connector } from '../ui/connector';
import { useTabSubscription } from '../ui/use-tab-subscription';

/** The responses of one page load, as the panel lists them. */
export interface NavigationLog {
  navigationId: string;
  pageUrl: string;
  responses: RecordedResponse[];
}

export type PanelData =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | { status: 'error'; tabId: number; message: string }
  | {
      status: 'ready';
      tabId: number;
      tabReport: TabReport;
      log: TabLog;
      /** Logs of earlier pages kept by "preserve log", oldest first. */
      earlier: NavigationLog[];
    };

const log = createLogger('devtools');

/** Returns the panel's data and a function that requests it again. */
export function usePanelData(connector: Connector, preserveLog: boolean): [PanelData, () => void] {
  const [data, setData] = useState<PanelData>({ status: 'loading' });
  const latestRequest = useRef(0);
  const preserveRef = useRef(preserveLog);
  const current = useRef<{ log: TabLog | undefined; earlier: NavigationLog[] }>({
    log: undefined,
    earlier: [],
  });

  useEffect(() => {
    preserveRef.current = preserveLog;
    if (!preserveLog && current.current.earlier.length > 0) {
      current.current.earlier = [];
      setData((previous) =>
        previous.status === 'ready' ? { ...previous, earlier: [] } : previous,
      );
    }
  }, [preserveLog]);

  const load = useCallback(
    async (tabId: number) => {
      const request = ++latestRequest.current;
      try {
        const [tabReport, tabLog] = await Promise.all([
          connector.getTabReport(tabId),
          connector.getTabLog(tabId),
        ]);
        if (request !== latestRequest.current) {
          return;
        }
        const earlier = nextEarlier(
          current.current.log,
          tabLog,
          current.current.earlier,
          preserveRef.current,
        );
        current.current = { log: tabLog, earlier };
        setData({ status: 'ready', tabId, tabReport, log: tabLog, earlier });
      } catch (error) {
        log.error('loading the panel data failed', error, { tabId });
        if (request === latestRequest.current) {
          const message = error instanceof Error ? error.message : String(error);
          setData({ status: 'error', tabId, message });
        }
      }
    },
    [connector],
  );

  const refresh = useTabSubscription(connector, load, () => setData({ status: 'no-tab' }));

  return [data, refresh];
}

/**
 * Returns the earlier pages' logs after `next` arrived. With "preserve log" on, the previous
 * page's log joins them when `next` is another navigation. With it off they are cleared, as a
 * new top-level navigation clears the Network panel.
 */
export function nextEarlier(
  previous: TabLog | undefined,
  next: TabLog,
  earlier: NavigationLog[],
  preserveLog: boolean,
): NavigationLog[] {
  if (!preserveLog) {
    return [];
  }
  if (
    previous === undefined ||
    previous.navigationId === null ||
    previous.pageUrl === null ||
    previous.navigationId === next.navigationId ||
    earlier.some((entry) => entry.navigationId === previous.navigationId)
  ) {
    return earlier;
  }
  return [
    ...earlier,
    {
      navigationId: previous.navigationId,
      pageUrl: previous.pageUrl,
      responses: previous.responses,
    },
  ];
}
