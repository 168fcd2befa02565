import { describe, expect, test } from 'vitest';

import type { Logger } from '../shared/logger';
import { type StorageAreaLike, TabStore } from './tab-store';

interface Numbers {
  values: number[];
}

function isNumbers(value: unknown): value is Numbers {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { values?: unknown }).values)
  );
}

/**
 * An in-memory storage area that resolves each call after a timer, as the browser's storage
 * does, so calls that are not serialized interleave: a read can see a state another update is
 * about to replace. Values are cloned in and out, like the structured clone of the real area.
 */
class FakeStorageArea implements StorageAreaLike {
  readonly items = new Map<string, unknown>();
  setCalls = 0;
  failNextGet = false;
  failNextSet = false;
  #tick = 0;

  get(key: string): Promise<Record<string, unknown>> {
    return this.#later(() => {
      if (this.failNextGet) {
        this.failNextGet = false;
        throw new Error('storage read failed');
      }
      return this.items.has(key) ? { [key]: structuredClone(this.items.get(key)) } : {};
    });
  }

  set(items: Record<string, unknown>): Promise<void> {
    return this.#later(() => {
      this.setCalls += 1;
      if (this.failNextSet) {
        this.failNextSet = false;
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      for (const [key, value] of Object.entries(items)) {
        this.items.set(key, structuredClone(value));
      }
    });
  }

  remove(key: string): Promise<void> {
    return this.#later(() => {
      this.items.delete(key);
    });
  }

  /** Runs `action` after 0 to 2 ms, varying per call, so the order of calls gets mixed. */
  #later<T>(action: () => T): Promise<T> {
    const delay = this.#tick++ % 3;
    return new Promise<T>((resolve, reject) => {
      setTimeout(() => {
        try {
          resolve(action());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      }, delay);
    });
  }
}

interface LogEntry {
  level: 'debug' | 'warn' | 'error';
  message: string;
  details: Record<string, unknown> | undefined;
}

function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  return {
    entries,
    debug: (message, details) => entries.push({ level: 'debug', message, details }),
    warn: (message, details) => entries.push({ level: 'warn', message, details }),
    error: (message, _error, details) => entries.push({ level: 'error', message, details }),
  };
}

function createStore(area = new FakeStorageArea(), logger = recordingLogger()) {
  const store = new TabStore<Numbers>({ area, logger, isState: isNumbers });
  return { store, area, logger };
}

function append(value: number) {
  return (state: Numbers | undefined): Numbers => ({ values: [...(state?.values ?? []), value] });
}

describe('TabStore', () => {
  test('concurrent updates of one tab are all kept', async () => {
    const { store } = createStore();
    const values = Array.from({ length: 100 }, (_, i) => i);

    await Promise.all(values.map((value) => store.update(7, append(value))));

    expect((await store.read(7))?.values).toEqual(values);
  });

  test('unserialized read-modify-write loses updates on the fake', async () => {
    // Shows that the fake area interleaves calls, so the test above would fail without the queue.
    const area = new FakeStorageArea();
    const key = 'tab:7';
    const naiveUpdate = async (value: number) => {
      const stored = (await area.get(key))[key] as Numbers | undefined;
      await area.set({ [key]: append(value)(stored) });
    };

    await Promise.all(Array.from({ length: 100 }, (_, i) => naiveUpdate(i)));

    expect((area.items.get(key) as Numbers).values.length).toBeLessThan(100);
  });

  test('tabs keep separate states', async () => {
    const { store } = createStore();

    await Promise.all([
      store.update(1, append(1)),
      store.update(2, append(2)),
      store.update(1, append(3)),
    ]);

    expect((await store.read(1))?.values).toEqual([1, 3]);
    expect((await store.read(2))?.values).toEqual([2]);
  });

  test('update returns the previous and next state', async () => {
    const { store } = createStore();
    await store.update(1, append(1));

    const update = await store.update(1, append(2));

    expect(update.previous).toEqual({ values: [1] });
    expect(update.next).toEqual({ values: [1, 2] });
  });

  test('unchanged state is not written', async () => {
    const { store, area } = createStore();
    await store.update(1, append(1));
    const writes = area.setCalls;

    await store.update(1, (state) => state);

    expect(area.setCalls).toBe(writes);
  });

  test('batched items share one write and keep event order', async () => {
    const { store, area } = createStore();
    const appendAll = (state: Numbers | undefined, items: number[]): Numbers => ({
      values: [...(state?.values ?? []), ...items],
    });
    await store.update(1, append(0));
    const writesBefore = area.setCalls;

    const updates = [
      store.updateBatched(1, 1, appendAll),
      store.updateBatched(1, 2, appendAll),
      store.update(1, append(3)),
      store.updateBatched(1, 4, appendAll),
      store.updateBatched(1, 5, appendAll),
    ];
    await Promise.all(updates);

    expect((await store.read(1))?.values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(area.setCalls - writesBefore).toBe(3);
  });

  test('remove deletes the state after queued updates', async () => {
    const { store, area } = createStore();

    void store.update(1, append(1));
    await store.remove(1);

    expect(area.items.has('tab:1')).toBe(false);
    expect(await store.read(1)).toBeUndefined();
  });

  test('throwing change keeps the stored state and logs once', async () => {
    const { store, logger } = createStore();
    await store.update(1, append(1));

    const update = await store.update(
      1,
      () => {
        throw new TypeError('malformed event');
      },
      { requestId: '42' },
    );
    await store.update(1, append(2));

    expect(update.next).toEqual({ values: [1] });
    expect((await store.read(1))?.values).toEqual([1, 2]);
    expect(logger.entries).toHaveLength(1);
    expect(logger.entries[0]?.level).toBe('error');
    expect(logger.entries[0]?.details).toEqual({ tabId: 1, requestId: '42' });
  });

  test('failing write keeps the stored state and logs once', async () => {
    const { store, area, logger } = createStore();
    await store.update(1, append(1));
    area.failNextSet = true;

    const failed = await store.update(1, append(2), { requestId: '43' });
    await store.update(1, append(3));

    expect(failed.next).toEqual({ values: [1] });
    expect((await store.read(1))?.values).toEqual([1, 3]);
    expect(logger.entries).toEqual([
      {
        level: 'error',
        message: 'Writing the tab state failed; the stored state is kept',
        details: { tabId: 1, requestId: '43' },
      },
    ]);
  });

  test('failing read skips the write', async () => {
    const { store, area, logger } = createStore();
    await store.update(1, append(1));
    area.failNextGet = true;

    await store.update(1, append(2), { requestId: '44' });

    expect(area.items.get('tab:1')).toEqual({ values: [1] });
    expect(logger.entries.map((entry) => entry.details)).toEqual([{ tabId: 1, requestId: '44' }]);
  });

  test('stored state of unknown shape is removed and logged', async () => {
    const { store, area, logger } = createStore();
    area.items.set('tab:1', { version: 0, record: 'old' });

    const update = await store.update(1, append(5));

    expect(update.previous).toBeUndefined();
    expect(area.items.get('tab:1')).toEqual({ values: [5] });
    expect(logger.entries.map((entry) => entry.level)).toEqual(['warn']);
  });
});
