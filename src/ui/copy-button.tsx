// A button that copies a snippet to the clipboard and shows whether the copy succeeded.

import { useEffect, useState } from 'preact/hooks';

import { t } from '../shared/i18n';
import { createLogger } from '../shared/logger';

/** How long the "Copied" confirmation stays visible. */
export const COPIED_VISIBLE_MS = 2000;

const log = createLogger('ui');

type CopyState = 'idle' | 'copied' | 'failed';

function statusText(state: CopyState): string {
  if (state === 'copied') {
    return t('copyDone');
  }
  if (state === 'failed') {
    return t('copyFailed');
  }
  return '';
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') {
      return undefined;
    }
    const timer = setTimeout(() => setState('idle'), COPIED_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      // The Clipboard API is missing outside secure contexts, which reads as a refusal too.
      if (typeof navigator.clipboard?.writeText !== 'function') {
        throw new Error('the Clipboard API is not available');
      }
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch (error) {
      log.warn('copying a snippet failed', { error: String(error) });
      setState('failed');
    }
  };

  return (
    <div class="copy">
      <button type="button" class="copy-button" aria-label={label} onClick={() => void copy()}>
        {t('copyButton')}
      </button>
      <span class={`copy-status copy-status-${state}`} role="status">
        {statusText(state)}
      </span>
    </div>
  );
}
