import { expect, test } from 'vitest';

import { formatJson } from './json';
import { PLAIN_HTTP_PAGE, SAMPLE_PAGE, SAMPLE_REPORT } from './sample-pages';

test('json of one page parses back to the report', () => {
  expect(JSON.parse(formatJson([SAMPLE_PAGE]))).toEqual(SAMPLE_REPORT);
});

test('json of several pages is an array of reports', () => {
  const parsed: unknown = JSON.parse(formatJson([SAMPLE_PAGE, PLAIN_HTTP_PAGE]));
  expect(parsed).toEqual([SAMPLE_REPORT, PLAIN_HTTP_PAGE.report]);
});

test('json of no pages is an empty array', () => {
  expect(JSON.parse(formatJson([]))).toEqual([]);
});
