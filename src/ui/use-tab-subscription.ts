// Finds the tab a page describes, loads its data, and loads again whenever the tab's record
// changes. The popup and the DevTools panel share this life cycle.

import { useCallback, useEffect, useRef } from 'preact/hooks';

import { createLogger } from '../shared/logger';

import type { Connector } from './connector';

/**
 * Delay before reloading after a change notification. The recorder writes a tab's record once
 * per network event, so a page load brings a burst of writes, and one request serves them all.
 */
export const REFRESH_DELAY_MS = 50;

const log = createLogger('ui');

/**
 * Calls `load` with the tab's id now and after each burst of changes to the tab's record, and
 * `onNoTab` when no tab can be found. Returns a function that loads again on request.
 */
export function useTabSubscription(
  connector: Connector,
  load: (tabId: number) => Promise<void>,
  onNoTab: () => void,
): () => void {
  const tabIdRef = useRef<number | undefined>(undefined);
  // A ref, so a new callback on each render does not restart the subscription.
  const onNoTabRef = useRef(onNoTab);
  onNoTabRef.current = onNoTab;

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
        onNoTabRef.current();
        return;
      }
      unsubscribe = connector.subscribe(tabId, () => {
        clearTimeout(timer);
        timer = setTimeout(() => void load(tabId), REFRESH_DELAY_MS);
      });
      await load(tabId);
    };

    start().catch((error: unknown) => {
      log.error('finding the tab failed', error);
      if (active) {
        onNoTabRef.current();
      }
    });

    return () => {
      active = false;
      clearTimeout(timer);
      unsubscribe?.();
    };
  }, [connector, load]);

  return useCallback(() => {
    if (tabIdRef.current !== undefined) {
      void load(tabIdRef.current);
    }
  }, [load]);
}
