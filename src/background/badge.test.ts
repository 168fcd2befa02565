import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

import type { Grade } from '../scoring/types';
import { BadgeScheduler, badgeForGrade } from './badge';

describe('badgeForGrade', () => {
  test.each<[Grade, string]>([
    ['A+', '#1e8e3e'],
    ['A-', '#1e8e3e'],
    ['B', '#9acd32'],
    ['C+', '#ffbf00'],
    ['D-', '#f57c00'],
    ['F', '#d93025'],
  ])('grade %s is shown on %s', (grade, color) => {
    const badge = badgeForGrade(grade);

    expect(badge.text).toBe(grade);
    expect(badge.backgroundColor).toBe(color);
  });
});

describe('BadgeScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  test('burst of events updates the badge once', () => {
    const updated: number[] = [];
    const scheduler = new BadgeScheduler((tabId) => {
      updated.push(tabId);
      return Promise.resolve();
    }, 300);

    for (let i = 0; i < 50; i += 1) {
      scheduler.schedule(4);
    }
    vi.advanceTimersByTime(299);
    expect(updated).toEqual([]);
    vi.advanceTimersByTime(1);

    expect(updated).toEqual([4]);
  });

  test('events after an update schedule the next one', () => {
    const updated: number[] = [];
    const scheduler = new BadgeScheduler((tabId) => {
      updated.push(tabId);
      return Promise.resolve();
    }, 300);

    scheduler.schedule(4);
    vi.advanceTimersByTime(300);
    scheduler.schedule(4);
    scheduler.schedule(5);
    vi.advanceTimersByTime(300);

    expect(updated).toEqual([4, 4, 5]);
  });

  test('cancelled tab is not updated', () => {
    const updated: number[] = [];
    const scheduler = new BadgeScheduler((tabId) => {
      updated.push(tabId);
      return Promise.resolve();
    }, 300);

    scheduler.schedule(4);
    scheduler.cancel(4);
    vi.advanceTimersByTime(1000);

    expect(updated).toEqual([]);
  });
});
