import { describe, expect, test } from 'vitest';

import type { Report } from '../scoring/types';
import { recordLoad } from './load-history';
import { buildTabLog } from './tab-log';
import type { TabState } from './tab-state';

const PAGE = 'https://shop.example.test/account/';
const FRAME = 'https://widgets.example.test/frame';
const OPTIONS = { sessionCookieNames: ['shop_session'], csrfCookieNames: [] };

const STATE: TabState = {
  top: {
    requestId: '10',
    frameId: 0,
    responded: true,
    record: { url: PAGE, status: 200, headers: [] },
  },
  committed: true,
  frames: [
    {
      requestId: '20',
      frameId: 3,
      responded: true,
      record: { url: FRAME, status: 200, headers: [] },
    },
    {
      requestId: '21',
      frameId: 4,
      responded: false,
      record: { url: FRAME, status: 0, headers: [] },
    },
  ],
  droppedFrames: 0,
  responses: [
    { requestId: '10', frameId: 0, type: 'main_frame', url: PAGE, status: 200, headers: [] },
  ],
  droppedResponses: 2,
  probeRequested: true,
};

function report(url: string): Report {
  return {
    url,
    scoringVersion: 1,
    grade: 'B',
    score: 70,
    developmentHost: false,
    capped: false,
    bonusesCounted: false,
    stack: 'unknown',
    checks: [],
  };
}

describe('buildTabLog', () => {
  test('unrecorded tab has an empty log', () => {
    expect(buildTabLog(undefined, [], OPTIONS)).toEqual({
      navigationId: null,
      pageUrl: null,
      responses: [],
      droppedResponses: 0,
      frames: [],
      loads: [],
      gradeOptions: OPTIONS,
    });
  });

  test('recorded tab lists responses, answered frames and loads of its url', () => {
    let history = recordLoad([], '9', report(PAGE), 1000);
    history = recordLoad(history, '5', report('https://shop.example.test/other/'), 1100);

    const log = buildTabLog(STATE, history, OPTIONS);

    expect(log.navigationId).toBe('10');
    expect(log.pageUrl).toBe(PAGE);
    expect(log.responses).toBe(STATE.responses);
    expect(log.droppedResponses).toBe(2);
    expect(log.frames).toEqual([
      { requestId: '20', frameId: 3, record: { url: FRAME, status: 200, headers: [] } },
    ]);
    expect(log.loads.map((load) => load.requestId)).toEqual(['9']);
    expect(log.gradeOptions).toBe(OPTIONS);
  });
});
