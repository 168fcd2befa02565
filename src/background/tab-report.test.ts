import { describe, expect, test } from 'vitest';

import type { ResponseRecord } from '../scoring/types';
import { buildTabReport, isSupportedPageUrl } from './tab-report';
import type { TabState } from './tab-state';

const NO_NAMES = { sessionCookieNames: [], csrfCookieNames: [] };

function state(record: ResponseRecord, responded = true): TabState {
  return {
    top: { requestId: '10', frameId: 0, responded, record },
    committed: true,
    frames: [],
    droppedFrames: 0,
    responses: [],
    droppedResponses: 0,
    probeRequested: false,
  };
}

const HARDENED: ResponseRecord = {
  url: 'https://shop.example.test/account/',
  status: 200,
  headers: [
    ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
    ['x-content-type-options', 'nosniff'],
    ['x-frame-options', 'DENY'],
  ],
  redirects: [
    {
      url: 'http://shop.example.test/account/',
      status: 301,
      location: 'https://shop.example.test/account/',
    },
  ],
  subresources: [{ url: 'https://shop.example.test/app.js', type: 'script' }],
  scripts: [{ url: 'https://shop.example.test/app.js' }],
};

describe('isSupportedPageUrl', () => {
  test.each([
    ['https://shop.example.test/', true],
    ['http://shop.example.test/', true],
    ['https://chrome.google.com/search', true],
    ['chrome://newtab/', false],
    ['chrome://settings/', false],
    ['chrome-extension://abcdefghijklmnop/src/options/index.html', false],
    ['file:///home/user/page.html', false],
    ['about:blank', false],
    ['view-source:https://shop.example.test/', false],
    ['https://chromewebstore.google.com/detail/some-extension/abc', false],
    ['https://chrome.google.com/webstore/category/extensions', false],
    ['https://microsoftedge.microsoft.com/addons/detail/abc', false],
    ['https://addons.mozilla.org/en-US/firefox/', false],
    ['', false],
  ])('%s is supported: %s', (url, expected) => {
    expect(isSupportedPageUrl(url)).toBe(expected);
  });
});

describe('buildTabReport', () => {
  test('browser page is unsupported', () => {
    expect(buildTabReport('chrome://newtab/', state(HARDENED), NO_NAMES)).toEqual({
      state: 'unsupported',
      url: 'chrome://newtab/',
    });
  });

  test('tab without state is not recorded', () => {
    expect(buildTabReport('https://shop.example.test/', undefined, NO_NAMES)).toEqual({
      state: 'not-recorded',
      url: 'https://shop.example.test/',
    });
  });

  test('document still redirecting is not recorded', () => {
    const report = buildTabReport(HARDENED.url, state(HARDENED, false), NO_NAMES);

    expect(report.state).toBe('not-recorded');
  });

  test('record of another origin is stale', () => {
    const report = buildTabReport('https://other.example.test/', state(HARDENED), NO_NAMES);

    expect(report.state).toBe('not-recorded');
  });

  test('recorded page is graded', () => {
    const report = buildTabReport(`${HARDENED.url}#orders`, state(HARDENED), NO_NAMES);

    expect(report.state).toBe('graded');
    if (report.state !== 'graded') {
      return;
    }
    expect(report.url).toBe(`${HARDENED.url}#orders`);
    expect(report.report.url).toBe(HARDENED.url);
    expect(report.record.scripts).toEqual([{ url: 'https://shop.example.test/app.js' }]);
    const verdicts = Object.fromEntries(
      report.report.checks.map((check) => [check.id, check.verdict]),
    );
    expect(verdicts).toMatchObject({ https: 'pass', 'https-redirect': 'pass', hsts: 'pass' });
  });

  test('extra cookie names from the settings reach the grader', () => {
    const record: ResponseRecord = {
      ...HARDENED,
      headers: [...HARDENED.headers, ['set-cookie', 'shop_login=1; Path=/']],
    };

    const withoutName = buildTabReport(record.url, state(record), NO_NAMES);
    const withName = buildTabReport(record.url, state(record), {
      sessionCookieNames: ['shop_login'],
      csrfCookieNames: [],
    });

    const verdictOf = (report: typeof withName) =>
      report.state === 'graded'
        ? report.report.checks.find((check) => check.id === 'session-cookie')?.verdict
        : undefined;
    expect(verdictOf(withoutName)).toBe('n/a');
    expect(verdictOf(withName)).toBe('fail');
  });

  test('silenced libraries reach the grader', () => {
    const record: ResponseRecord = {
      ...HARDENED,
      scripts: [
        {
          url: 'https://shop.example.test/static/lib.js',
          libraries: [{ library: 'jquery', version: '1.12.4', method: 'filecontent' }],
        },
      ],
    };

    const loud = buildTabReport(record.url, state(record), NO_NAMES);
    const silenced = buildTabReport(record.url, state(record), {
      ...NO_NAMES,
      silencedLibraries: ['jquery'],
    });

    const libraryCheck = (report: typeof loud) =>
      report.state === 'graded'
        ? report.report.checks.find((check) => check.id === 'vulnerable-libraries')
        : undefined;
    expect(libraryCheck(loud)?.verdict).toBe('fail');
    expect(libraryCheck(loud)?.evidence).toBe('jquery 1.12.4 (5 medium, 1 low)');
    expect(libraryCheck(silenced)?.verdict).toBe('pass');
  });
});
