// Loads the report of the tab a page describes and reloads it whenever the tab's record changes.

import { useCallback, useRef, useState } from 'preact/hooks';

import { createLogger } from '../shared/logger';
import type { TabReport } from '../shared/messages';

import type { Connector } from './connector';
import { useTabSubscription } from './use-tab-subscription';

export type TabReportState =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | { status: 'error'; tabId: number; message: string }
  | { status: 'ready'; tabId: number; tabReport: TabReport };

const log = createLogger('ui');

/** Returns the tab's report state and a function that requests the report again. */
export function useTabReport(connector: Connector): [TabReportState, () => void] {
  const [state, setState] = useState<TabReportState>({ status: 'loading' });
  // Only the newest request may set the state, so a slow older response cannot hide a newer one.
  const latestRequest = useRef(0);

  const load = useCallback(
    async (tabId: number) => {
      const request = ++latestRequest.current;
      try {
        const tabReport = await connector.getTabReport(tabId);
        if (request === latestRequest.current) {
          setState({ status: 'ready', tabId, tabReport });
        }
      } catch (error) {
        log.error('loading the tab report failed', error, { tabId });
        if (request === latestRequest.current) {
          setState({ status: 'error', tabId, message: errorMessage(error) });
        }
      }
    },
    [connector],
  );

  const refresh = useTabSubscription(connector, load, () => setState({ status: 'no-tab' }));

  return [state, refresh];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
