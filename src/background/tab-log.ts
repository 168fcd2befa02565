// The response to `get-tab-log`: the page's response log, its frames' records and the
// reports of earlier loads of its URL, which the DevTools panel shows.

import type { GradeOptions } from '../scoring/types';
import type { TabLog } from '../shared/messages';
import { type LoadHistory, loadsOf } from './load-history';
import type { TabState } from './tab-state';

export function buildTabLog(
  state: TabState | undefined,
  history: LoadHistory,
  gradeOptions: GradeOptions,
): TabLog {
  if (state === undefined) {
    return {
      navigationId: null,
      pageUrl: null,
      responses: [],
      droppedResponses: 0,
      frames: [],
      loads: [],
      gradeOptions,
    };
  }
  const pageUrl = state.top.record.url;
  return {
    navigationId: state.top.requestId,
    pageUrl,
    responses: state.responses,
    droppedResponses: state.droppedResponses,
    frames: state.frames
      .filter((frame) => frame.responded)
      .map((frame) => ({
        requestId: frame.requestId,
        frameId: frame.frameId,
        record: frame.record,
      })),
    loads: loadsOf(history, pageUrl),
    gradeOptions,
  };
}
