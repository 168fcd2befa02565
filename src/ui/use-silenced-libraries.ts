// The libraries the user marked as a patched fork on the page's site, and the way to mark
// or unmark one. The marks are saved per origin in `storage.sync`.

import { useCallback, useEffect, useState } from 'preact/hooks';

import { createLogger } from '../shared/logger';

import type { Connector } from './connector';

export interface LibrarySilencing {
  /** Library names marked on the page's origin. */
  names: readonly string[];
  /** Marks a library as a patched fork, or removes the mark when `silenced` is false. */
  setSilenced: (library: string, silenced: boolean) => void;
  /** The error of the last failed save, if the last save failed. */
  error?: string;
}

const log = createLogger('ui');

/** Loads the marks of the origin of `pageUrl`, and reloads them when the URL changes. */
export function useSilencedLibraries(
  connector: Connector,
  pageUrl: string | undefined,
): LibrarySilencing {
  const [names, setNames] = useState<readonly string[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let active = true;
    setNames([]);
    if (pageUrl === undefined) {
      return undefined;
    }
    connector.getSilencedLibraries(pageUrl).then(
      (loaded) => {
        if (active) {
          setNames(loaded);
        }
      },
      (loadError: unknown) => log.error('loading the patched-fork marks failed', loadError),
    );
    return () => {
      active = false;
    };
  }, [connector, pageUrl]);

  const setSilenced = useCallback(
    (library: string, silenced: boolean) => {
      if (pageUrl === undefined) {
        return;
      }
      connector.setLibrarySilenced(pageUrl, library, silenced).then(
        (saved) => {
          setNames(saved);
          setError(undefined);
        },
        (saveError: unknown) => {
          log.error('saving a patched-fork mark failed', saveError, { library });
          setError(saveError instanceof Error ? saveError.message : String(saveError));
        },
      );
    },
    [connector, pageUrl],
  );

  return error === undefined ? { names, setSilenced } : { names, setSilenced, error };
}
