// The page's responses as a listbox: filterable by kind and text, and navigable with the
// arrow keys, Home and End while the list has focus (WAI-ARIA listbox pattern).

import { useEffect, useRef } from 'preact/hooks';

import { t } from '../shared/i18n';
import type { MessageKey } from '../shared/i18n';
import { VERDICT_LABEL_KEYS } from '../ui/labels';

import { type ResponseFindings, worstChecks } from './response-findings';
import { kindOfType, RESPONSE_KINDS, type ResponseKind } from './response-kind';
import type { RecordedResponse } from '../shared/messages';

/** One row of the list: a response, its place in the panel's log and its findings. */
export interface ResponseRow {
  /** Stable across refreshes: the navigation id and the response's index in its log. */
  key: string;
  response: RecordedResponse;
  findings: ResponseFindings;
  /** True for the responses of an earlier page kept by "preserve log". */
  earlier: boolean;
}

export const KIND_LABEL_KEYS = {
  document: 'kindDocument',
  frame: 'kindFrame',
  script: 'kindScript',
  style: 'kindStyle',
  fetch: 'kindFetch',
  other: 'kindOther',
} as const satisfies Record<ResponseKind, MessageKey>;

export interface ResponseFilter {
  /** Kinds shown; an empty set shows every kind. */
  kinds: ReadonlySet<ResponseKind>;
  text: string;
}

export function matchesFilter(row: ResponseRow, filter: ResponseFilter): boolean {
  const kind = kindOfType(row.response.type);
  if (filter.kinds.size > 0 && !filter.kinds.has(kind)) {
    return false;
  }
  const text = filter.text.trim().toLowerCase();
  return text === '' || row.response.url.toLowerCase().includes(text);
}

/** Summarizes a response's findings for its row: the grade, or the worst verdict and checks. */
export function verdictSummary(findings: ResponseFindings): string {
  if (findings.kind === 'none') {
    return '';
  }
  if (findings.kind === 'document') {
    return t('rowGrade', [findings.grade]);
  }
  const worst = worstChecks(findings.checks);
  const first = worst[0];
  if (first === undefined) {
    return t('verdictPass');
  }
  return `${t(VERDICT_LABEL_KEYS[first.verdict])}: ${worst.map((check) => check.title).join(', ')}`;
}

function summaryVerdict(findings: ResponseFindings): string {
  if (findings.kind !== 'subresource') {
    return 'none';
  }
  return worstChecks(findings.checks)[0]?.verdict ?? 'pass';
}

export function ResponseFilters({
  filter,
  onChange,
}: {
  filter: ResponseFilter;
  onChange: (filter: ResponseFilter) => void;
}) {
  const toggleKind = (kind: ResponseKind): void => {
    const kinds = new Set(filter.kinds);
    if (kinds.has(kind)) {
      kinds.delete(kind);
    } else {
      kinds.add(kind);
    }
    onChange({ ...filter, kinds });
  };

  return (
    <div class="response-filters">
      <input
        type="search"
        class="filter-text"
        aria-label={t('filterTextLabel')}
        placeholder={t('filterTextPlaceholder')}
        value={filter.text}
        onInput={(event) => onChange({ ...filter, text: event.currentTarget.value })}
      />
      <div role="group" aria-label={t('filterKindsLabel')} class="filter-kinds">
        <button
          type="button"
          aria-pressed={filter.kinds.size === 0}
          onClick={() => onChange({ ...filter, kinds: new Set() })}
        >
          {t('kindAll')}
        </button>
        {RESPONSE_KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            data-kind={kind}
            aria-pressed={filter.kinds.has(kind)}
            onClick={() => toggleKind(kind)}
          >
            {t(KIND_LABEL_KEYS[kind])}
          </button>
        ))}
      </div>
    </div>
  );
}

export function ResponseList({
  rows,
  selectedKey,
  onSelect,
}: {
  rows: readonly ResponseRow[];
  selectedKey: string | undefined;
  onSelect: (key: string) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const selectedIndex = rows.findIndex((row) => row.key === selectedKey);

  useEffect(() => {
    if (selectedKey === undefined) {
      return;
    }
    const option = listRef.current?.querySelector(`[data-key="${CSS.escape(selectedKey)}"]`);
    // happy-dom, which the component tests run in, has no scrollIntoView.
    if (option instanceof HTMLElement && typeof option.scrollIntoView === 'function') {
      option.scrollIntoView({ block: 'nearest' });
    }
  }, [selectedKey]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (rows.length === 0) {
      return;
    }
    const last = rows.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: selectedIndex === -1 ? 0 : Math.min(last, selectedIndex + 1),
      ArrowUp: selectedIndex === -1 ? last : Math.max(0, selectedIndex - 1),
      Home: 0,
      End: last,
    };
    const target = moves[event.key];
    const row = target === undefined ? undefined : rows[target];
    if (row !== undefined) {
      event.preventDefault();
      onSelect(row.key);
    }
  };

  return (
    <ul
      ref={listRef}
      class="response-list"
      role="listbox"
      tabIndex={0}
      aria-label={t('responsesLabel')}
      aria-activedescendant={selectedIndex === -1 ? undefined : optionId(selectedKey ?? '')}
      onKeyDown={onKeyDown}
    >
      {rows.map((row) => {
        const kind = kindOfType(row.response.type);
        const summary = verdictSummary(row.findings);
        return (
          <li
            key={row.key}
            id={optionId(row.key)}
            data-key={row.key}
            role="option"
            aria-selected={row.key === selectedKey}
            class={`response-row${row.earlier ? ' response-earlier' : ''}`}
            data-kind={kind}
            data-status={row.response.status}
            onClick={() => onSelect(row.key)}
          >
            <span class="response-kind">{t(KIND_LABEL_KEYS[kind])}</span>
            <span class="response-status">{row.response.status}</span>
            <span class="response-url" title={row.response.url}>
              {row.response.url}
            </span>
            <span
              class="response-verdict"
              data-verdict={summaryVerdict(row.findings)}
              title={summary}
            >
              {summary}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function optionId(key: string): string {
  return `response-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}
