import { describe, expect, test } from 'vitest';

import { readHar } from '../scoring/har';
import { gradeRecord } from '../scoring/index';
import type { ResponseRecord } from '../scoring/types';
import type { RecordedResponse } from '../shared/messages';

import { buildHarLog, fileStem, harFile, reportJsonFile, reportMarkdownFile } from './exports';

const PAGE = 'https://shop.example.test/account/';
const STARTED = '2026-01-02T03:04:05.000Z';

const RECORD: ResponseRecord = {
  url: PAGE,
  status: 200,
  headers: [
    ['strict-transport-security', 'max-age=31536000'],
    ['x-frame-options', 'DENY'],
  ],
  redirects: [
    {
      url: 'http://shop.example.test/account/',
      status: 301,
      location: PAGE,
      headers: [['location', PAGE]],
    },
  ],
  subresources: [
    { url: `${PAGE}app.js`, type: 'script' },
    { url: 'https://widgets.example.test/frame', type: 'sub_frame' },
    { url: `${PAGE}blocked.png`, type: 'image' },
  ],
};

function response(overrides: Partial<RecordedResponse>): RecordedResponse {
  return {
    requestId: '1',
    frameId: 0,
    type: 'script',
    url: PAGE,
    status: 200,
    headers: [],
    ...overrides,
  };
}

const RESPONSES: RecordedResponse[] = [
  response({ type: 'main_frame', url: PAGE, headers: RECORD.headers }),
  response({ url: `${PAGE}app.js`, status: 302, headers: [['location', `${PAGE}app.js`]] }),
  response({
    url: `${PAGE}app.js`,
    headers: [
      ['Content-Type', 'text/javascript'],
      ['X-Content-Type-Options', 'nosniff'],
    ],
  }),
  response({
    type: 'sub_frame',
    url: 'https://widgets.example.test/frame',
    headers: [
      ['Content-Type', 'text/html'],
      ['X-Frame-Options', 'SAMEORIGIN'],
    ],
  }),
];

describe('buildHarLog', () => {
  test('fills subresources with their final recorded response', () => {
    const har = buildHarLog(RECORD, RESPONSES, STARTED);
    const script = har.log.entries.find((entry) => entry.request.url === `${PAGE}app.js`);

    expect(script?.response.status).toBe(200);
    expect(script?.response.headers).toEqual([
      { name: 'Content-Type', value: 'text/javascript' },
      { name: 'X-Content-Type-Options', value: 'nosniff' },
    ]);
    expect(script?.response.content.mimeType).toBe('text/javascript');
  });

  test('subresource without a response keeps status 0', () => {
    const har = buildHarLog(RECORD, RESPONSES, STARTED);
    const image = har.log.entries.find((entry) => entry.request.url.endsWith('blocked.png'));

    expect(image?.response.status).toBe(0);
  });

  test('reads back with the same grade and a graded frame', () => {
    const result = readHar(buildHarLog(RECORD, RESPONSES, STARTED));
    if (!result.ok) {
      throw new Error(result.error);
    }
    const [page] = result.pages;

    expect(gradeRecord(page!.document).grade).toBe(gradeRecord(RECORD).grade);
    expect(page?.document.redirects).toEqual(RECORD.redirects);
    expect(page?.frames.map((frame) => [frame.url, frame.headers])).toEqual([
      [
        'https://widgets.example.test/frame',
        [
          ['Content-Type', 'text/html'],
          ['X-Frame-Options', 'SAMEORIGIN'],
        ],
      ],
    ]);
  });
});

describe('export files', () => {
  test.each([
    ['https://shop.example.test/account/', 'shop.example.test-account'],
    ['https://shop.example.test/', 'shop.example.test'],
    ['https://localhost:8443/a b/c', 'localhost-8443-a-20b-c'],
    ['not a url', 'page'],
  ])('file stem of %s is %s', (url, expected) => {
    expect(fileStem(url)).toBe(expected);
  });

  test('json, markdown and har files are named by the page', () => {
    const report = gradeRecord(RECORD);

    expect(reportJsonFile(report).name).toBe('shop.example.test-account.report.json');
    expect(JSON.parse(reportJsonFile(report).text)).toEqual(report);
    expect(reportMarkdownFile(report).name).toBe('shop.example.test-account.review.md');
    expect(reportMarkdownFile(report).text).toContain(`# Hardening review of ${PAGE}`);
    expect(harFile(RECORD, RESPONSES, STARTED).name).toBe('shop.example.test-account.har');
  });
});
