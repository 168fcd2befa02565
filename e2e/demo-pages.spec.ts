// The demo pages' real responses, graded by the grader directly, so a change to the pages
// or to the grader that breaks the demo's promised grades fails without a browser.

import { expect, test } from '@playwright/test';

import { gradeRecord } from '../src/scoring';
import type { RedirectHop, Report, ResponseRecord } from '../src/scoring/types';

import { headerValues, requestFromLoopback } from './http-client';
import { DEMO_PAGES } from './servers/demo-pages.mjs';
import { startDemoSite, type DemoSite } from './servers/demo-site.mjs';

let site: DemoSite;

test.beforeAll(async () => {
  site = await startDemoSite({ pages: DEMO_PAGES, ports: 'ephemeral' });
});

test.afterAll(async () => {
  await site.close();
});

/** Follows the site's redirect from plain HTTP, as a browser does, and grades the page. */
async function gradeDemoPage(path: string): Promise<Report> {
  const httpUrl = site.httpUrl('demo.test', path);
  const hop = await requestFromLoopback(httpUrl);
  const location = headerValues(hop, 'location')[0] ?? '';
  const redirect: RedirectHop = {
    url: httpUrl,
    status: hop.status,
    location,
    headers: hop.headers,
  };

  const response = await requestFromLoopback(location);
  const record: ResponseRecord = {
    url: location,
    status: response.status,
    headers: response.headers,
    redirects: [redirect],
    html: response.body,
  };
  return gradeRecord(record);
}

function verdictOf(report: Report, checkId: string): string | undefined {
  return report.checks.find((check) => check.id === checkId)?.verdict;
}

test('hardened demo page grades A+', async () => {
  const report = await gradeDemoPage('/hardened');

  expect(report.grade).toBe('A+');
  expect(
    report.checks.filter((check) => check.verdict === 'fail' || check.verdict === 'warn'),
  ).toEqual([]);
});

test('weak demo page grades F', async () => {
  const report = await gradeDemoPage('/weak');

  expect(report.grade).toBe('F');
  for (const checkId of [
    'hsts',
    'session-cookie',
    'frame-options',
    'content-type-options',
    'csp',
  ]) {
    expect(verdictOf(report, checkId), checkId).toBe('fail');
  }
});

test('review demo page grades B (70)', async () => {
  const report = await gradeDemoPage('/review');

  expect(report.score).toBe(70);
  expect(report.grade).toBe('B');
  expect(report.stack).toBe('django');
  expect(
    report.checks.filter((check) => check.verdict === 'fail').map((check) => check.id),
  ).toEqual(['csp']);
  expect(verdictOf(report, 'hsts')).toBe('warn');
  expect(verdictOf(report, 'https-redirect')).toBe('pass');
});
