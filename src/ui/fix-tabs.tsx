// The fixes of one finding, one tab per stack, following the WAI-ARIA tabs pattern: arrow keys,
// Home and End move between tabs, and Tab moves into the selected panel.

import { useLayoutEffect, useRef, useState } from 'preact/hooks';

import type { Fix } from '../scoring/types';
import { t } from '../shared/i18n';

import { CopyButton } from './copy-button';
import { STACK_LABEL_KEYS } from './labels';

export function FixTabs({ fixes, idPrefix }: { fixes: readonly Fix[]; idPrefix: string }) {
  const [selected, setSelected] = useState(0);
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  const select = (index: number): void => {
    const wrapped = (index + fixes.length) % fixes.length;
    setSelected(wrapped);
    tabRefs.current[wrapped]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    const moves: Record<string, number> = {
      ArrowRight: selected + 1,
      ArrowLeft: selected - 1,
      Home: 0,
      End: fixes.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      select(target);
    }
  };

  const current = fixes[selected];
  if (current === undefined) {
    return null;
  }

  return (
    <div class="fixes">
      <div role="tablist" aria-label={t('fixesLabel')} class="fix-tabs" onKeyDown={onKeyDown}>
        {fixes.map((fix, index) => (
          <button
            key={fix.stack}
            ref={(element) => {
              tabRefs.current[index] = element;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${fix.stack}`}
            aria-controls={`${idPrefix}-panel`}
            aria-selected={index === selected}
            tabIndex={index === selected ? 0 : -1}
            class="fix-tab"
            onClick={() => setSelected(index)}
          >
            {t(STACK_LABEL_KEYS[fix.stack])}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${idPrefix}-panel`}
        aria-labelledby={`${idPrefix}-tab-${current.stack}`}
        class="fix-panel"
        data-stack={current.stack}
      >
        <p class="fix-where">{t('fixWhere', [current.where])}</p>
        <FixCode code={current.code} hintId={`${idPrefix}-more`} />
        <CopyButton
          text={current.code}
          label={t('copySnippetLabel', [t(STACK_LABEL_KEYS[current.stack])])}
        />
      </div>
    </div>
  );
}

/**
 * Shows a snippet with its long lines wrapped. The box grows with the snippet up to the
 * stylesheet's `max-height`, and only a snippet taller than that scrolls, with a hint saying so.
 */
function FixCode({ code, hintId }: { code: string; hintId: string }) {
  const preRef = useRef<HTMLPreElement>(null);
  const [overflows, setOverflows] = useState(false);

  useLayoutEffect(() => {
    const pre = preRef.current;
    if (pre === null) {
      return undefined;
    }
    const measure = (): void => setOverflows(pre.scrollHeight > pre.clientHeight + 1);
    measure();
    // Wrapping changes the height when the popup or panel changes width.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : undefined;
    observer?.observe(pre);
    return () => observer?.disconnect();
  }, [code]);

  return (
    <>
      <pre
        ref={preRef}
        class={overflows ? 'fix-code fix-code-scrolls' : 'fix-code'}
        // A box that scrolls needs focus so keyboard users can scroll it.
        tabIndex={overflows ? 0 : undefined}
        aria-describedby={overflows ? hintId : undefined}
      >
        <code>{code}</code>
      </pre>
      {overflows && (
        <p class="fix-more" id={hintId} data-testid="fix-more">
          {t('fixScrollForMore')}
        </p>
      )}
    </>
  );
}
