// The reports of the last loads of each page URL in this browser session, so the DevTools
// panel can show what changed since the previous load. The updates are pure, and the worker
// stores the result in `storage.session` under one key.

import type { Report } from '../scoring/types';
import type { LoadSnapshot } from '../shared/messages';
import { isSameDocumentUrl } from './tab-state';

/** Loads kept per URL, the newest last. */
export const MAX_LOADS_PER_URL = 5;

/** URLs kept. The one loaded least recently is dropped first. */
export const MAX_HISTORY_URLS = 20;

export interface UrlHistory {
  url: string;
  loads: LoadSnapshot[];
}

/** URL histories, the one loaded most recently last. */
export type LoadHistory = UrlHistory[];

/**
 * Adds a load's report to the history of its URL, or replaces the snapshot of the same load
 * when it was graded again (after the HTTPS-redirect probe returned). The fragment of the
 * URL is ignored, because it never reaches the server.
 */
export function recordLoad(
  history: LoadHistory,
  requestId: string,
  report: Report,
  gradedAt: number,
): LoadHistory {
  const snapshot: LoadSnapshot = { requestId, gradedAt, report: withoutRemediation(report) };
  const existing = history.find((entry) => isSameDocumentUrl(entry.url, report.url));
  const others = history.filter((entry) => entry !== existing);

  const earlier = (existing?.loads ?? []).filter((load) => load.requestId !== requestId);
  const loads = [...earlier, snapshot].slice(-MAX_LOADS_PER_URL);
  return [...others, { url: report.url, loads }].slice(-MAX_HISTORY_URLS);
}

/** Returns the loads of a URL, oldest first, or an empty list. */
export function loadsOf(history: LoadHistory, url: string): LoadSnapshot[] {
  return history.find((entry) => isSameDocumentUrl(entry.url, url))?.loads ?? [];
}

/** Checks the shape of a history read back from storage. Anything else counts as empty. */
export function readLoadHistory(stored: unknown): LoadHistory {
  if (!Array.isArray(stored)) {
    return [];
  }
  return stored.filter(
    (entry): entry is UrlHistory =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Partial<UrlHistory>).url === 'string' &&
      Array.isArray((entry as Partial<UrlHistory>).loads),
  );
}

function withoutRemediation(report: Report): Report {
  return {
    ...report,
    checks: report.checks.map((check) => ({
      id: check.id,
      title: check.title,
      verdict: check.verdict,
      modifier: check.modifier,
      outcome: check.outcome,
      evidence: check.evidence,
    })),
  };
}
