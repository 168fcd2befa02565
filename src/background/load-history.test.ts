import { describe, expect, test } from 'vitest';

import type { CheckResult, Report } from '../scoring/types';
import {
  type LoadHistory,
  loadsOf,
  MAX_HISTORY_URLS,
  MAX_LOADS_PER_URL,
  readLoadHistory,
  recordLoad,
} from './load-history';

const PAGE = 'https://shop.example.test/account/';

function report(url = PAGE, grade: Report['grade'] = 'B', checks: CheckResult[] = []): Report {
  return {
    url,
    scoringVersion: 1,
    grade,
    score: 72,
    developmentHost: false,
    capped: false,
    bonusesCounted: false,
    stack: 'unknown',
    checks,
  };
}

describe('recordLoad', () => {
  test('adds loads of one url in order', () => {
    let history: LoadHistory = [];
    history = recordLoad(history, '1', report(PAGE, 'F'), 1000);
    history = recordLoad(history, '2', report(PAGE, 'A'), 2000);

    expect(loadsOf(history, PAGE).map((load) => [load.requestId, load.report.grade])).toEqual([
      ['1', 'F'],
      ['2', 'A'],
    ]);
  });

  test('grading the same load again replaces its snapshot', () => {
    let history = recordLoad([], '1', report(PAGE, 'F'), 1000);
    history = recordLoad(history, '1', report(PAGE, 'C'), 1500);

    expect(loadsOf(history, PAGE)).toEqual([
      { requestId: '1', gradedAt: 1500, report: report(PAGE, 'C') },
    ]);
  });

  test('keeps the newest loads per url', () => {
    let history: LoadHistory = [];
    for (let load = 1; load <= MAX_LOADS_PER_URL + 2; load += 1) {
      history = recordLoad(history, String(load), report(), load);
    }

    const loads = loadsOf(history, PAGE);
    expect(loads).toHaveLength(MAX_LOADS_PER_URL);
    expect(loads[0]?.requestId).toBe('3');
  });

  test('drops the url loaded least recently', () => {
    let history: LoadHistory = [];
    for (let page = 0; page <= MAX_HISTORY_URLS; page += 1) {
      history = recordLoad(history, String(page), report(`${PAGE}${page}`), page);
    }
    history = recordLoad(history, 'again', report(`${PAGE}1`), 100);

    expect(history).toHaveLength(MAX_HISTORY_URLS);
    expect(loadsOf(history, `${PAGE}0`)).toEqual([]);
    expect(history.at(-1)?.url).toBe(`${PAGE}1`);
  });

  test('fragment does not split a url', () => {
    const history = recordLoad([], '1', report(`${PAGE}#top`), 1);

    expect(loadsOf(history, PAGE)).toHaveLength(1);
  });

  test('stores checks without remediation and notes', () => {
    const check: CheckResult = {
      id: 'hsts',
      title: 'Strict-Transport-Security',
      verdict: 'fail',
      modifier: -20,
      outcome: 'missing',
      evidence: 'no Strict-Transport-Security header',
      notes: ['a note'],
      remediation: { summary: 's', why: 'w', fixes: [], docs: 'https://developer.mozilla.org/' },
    };
    const history = recordLoad([], '1', report(PAGE, 'F', [check]), 1);

    expect(loadsOf(history, PAGE)[0]?.report.checks).toEqual([
      {
        id: 'hsts',
        title: 'Strict-Transport-Security',
        verdict: 'fail',
        modifier: -20,
        outcome: 'missing',
        evidence: 'no Strict-Transport-Security header',
      },
    ]);
  });
});

describe('readLoadHistory', () => {
  test.each([
    ['undefined', undefined],
    ['an object', { url: PAGE }],
    ['a string', 'history'],
  ])('reads %s as empty', (_case, stored) => {
    expect(readLoadHistory(stored)).toEqual([]);
  });

  test('keeps well-formed entries only', () => {
    const good = { url: PAGE, loads: [] };

    expect(readLoadHistory([good, { url: 3 }, null])).toEqual([good]);
  });
});
