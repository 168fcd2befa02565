// Loads the report of the tab a page describes and reloads it whenever the tab's record changes.

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { createLogger } from '../shared/logger';
import type { TabReport } from '../shared/messages';

import type { Connector } from './connector';

export type TabReportState =
  | { status: 'loading' }
  | { status: 'no-tab' }
  | { status: 'error'; tabId: number; message: string }
  | { status: 'ready'; tabId: number; tabReport: TabReport };

/**
 * Delay before reloading after a change notification. The recorder writes a tab's record once
 * per network event, so a page load brings a burst of writes, and one request serves them all.
 */
export const REFRESH_DELAY_MS = 50;

const log = createLogger('ui');

/** Returns the tab's report state and a function that requests the report again. */
export function useTabReport(connector: Connector): [TabReportState, () => void] {
  const [state, setState] = useState<TabReportState>({ status: 'loading' });
  const tabIdRef = useRef<number | undefined>(undefined);
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

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;

    const start = async (): Promise<void> => {
      const tabId = await connector.activeTabId();
      if (!active) {
        return;
      }
      tabIdRef.current = tabId;
      if (tabId === undefined) {
        setState({ status: 'no-tab' });
        return;
      }
      unsubscribe = connector.subscribe(tabId, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(tabId), REFRESH_DELAY_MS);
      });
      await load(tabId);
    };

    start().catch((error: unknown) => {
      log.error('finding the active tab failed', error);
      if (active) {
        setState({ status: 'no-tab' });
      }
    });

    return () => {
      active = false;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [connector, load]);

  const refresh = useCallback(() => {
    if (tabIdRef.current !== undefined) {
      void load(tabIdRef.current);
    }
  }, [load]);

  return [state, refresh];
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
