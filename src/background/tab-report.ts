// The response to `get-tab-report`: whether the tab's page can be recorded, and its graded record.

import { gradeRecord } from '../scoring/index';
import type { GradeOptions } from '../scoring/types';
import type { TabReport } from '../shared/messages';
import { type TabState, topRecordForGrading } from './tab-state';

// Extension galleries where browsers let no extension see or change the page.
const EXTENSION_GALLERIES: ReadonlyArray<{ host: string; pathPrefix: string }> = [
  { host: 'chromewebstore.google.com', pathPrefix: '/' },
  { host: 'chrome.google.com', pathPrefix: '/webstore' },
  { host: 'microsoftedge.microsoft.com', pathPrefix: '/addons' },
  { host: 'addons.mozilla.org', pathPrefix: '/' },
];

/**
 * Reports whether the extension can record a page: an `http:` or `https:` URL outside the
 * extension galleries. Browser pages (`chrome://`, `about:`, the new-tab page) and `file://`
 * are not recorded.
 */
export function isSupportedPageUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return false;
  }
  const host = parsed.hostname.toLowerCase();
  return !EXTENSION_GALLERIES.some(
    (gallery) => host === gallery.host && parsed.pathname.startsWith(gallery.pathPrefix),
  );
}

/**
 * Builds the report of a tab from its current URL and stored state. A record of another
 * origin than the tab shows is stale (the tab moved on without a recorded request), so the
 * tab counts as not recorded.
 */
export function buildTabReport(
  tabUrl: string,
  state: TabState | undefined,
  gradeOptions: GradeOptions,
): TabReport {
  if (!isSupportedPageUrl(tabUrl)) {
    return { state: 'unsupported', url: tabUrl };
  }
  if (state === undefined || !state.top.responded || !isSameOrigin(state.top.record.url, tabUrl)) {
    return { state: 'not-recorded', url: tabUrl };
  }
  const record = topRecordForGrading(state);
  const report = gradeRecord(record, gradeOptions);
  return { state: 'graded', url: tabUrl, report, record };
}

function isSameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
