// Per-tab state in a storage area, one key per tab. Every read-modify-write of a tab runs
// after the previous one finished, because the browser sends a tab's events back to back and
// two overlapping updates would each write their own copy, losing the other's change.

import type { Logger } from '../shared/logger';

/** The methods of a `storage.StorageArea` the store uses. */
export interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
}

export interface TabUpdate<State> {
  previous: State | undefined;
  /** The state after the update; the previous state when the update failed. */
  next: State | undefined;
}

/** Ids that identify an update's events in log messages, such as `requestId`. */
export type LogContext = Record<string, unknown>;

interface OpenBatch {
  items: unknown[];
  started: boolean;
  done?: Promise<TabUpdate<unknown>>;
}

export interface TabStoreOptions<State> {
  area: StorageAreaLike;
  logger: Logger;
  isState: (value: unknown) => value is State;
  keyPrefix?: string;
}

export class TabStore<State> {
  readonly #area: StorageAreaLike;
  readonly #logger: Logger;
  readonly #isState: (value: unknown) => value is State;
  readonly #keyPrefix: string;
  readonly #queues = new Map<number, Promise<void>>();
  readonly #openBatches = new Map<number, OpenBatch>();

  constructor(options: TabStoreOptions<State>) {
    this.#area = options.area;
    this.#logger = options.logger;
    this.#isState = options.isState;
    this.#keyPrefix = options.keyPrefix ?? 'tab:';
  }

  keyOf(tabId: number): string {
    return `${this.#keyPrefix}${tabId}`;
  }

  /** Reads a tab's state after every update queued before this call has finished. */
  read(tabId: number): Promise<State | undefined> {
    this.#openBatches.delete(tabId);
    return this.#enqueue(tabId, async () => {
      const loaded = await this.#load(tabId, {});
      return loaded.ok ? loaded.state : undefined;
    });
  }

  /**
   * Applies `change` to the tab's stored state and writes the result; `undefined` removes the
   * key. A change that returns the same object writes nothing. A failing read, change or write
   * is logged once with the tab id and `context`, and leaves the stored state as it was.
   */
  update(
    tabId: number,
    change: (state: State | undefined) => State | undefined,
    context: LogContext = {},
  ): Promise<TabUpdate<State>> {
    this.#openBatches.delete(tabId);
    return this.#enqueue(tabId, () => this.#apply(tabId, change, context));
  }

  /**
   * Queues `item` to be applied together with the other items batched for the tab, in one read
   * and one write. An item joins the open batch only while no other update of the tab was queued
   * after it, so the order of events is kept. All items of a batch are applied by the `change`
   * of the call that opened it.
   */
  updateBatched<Item>(
    tabId: number,
    item: Item,
    change: (state: State | undefined, items: Item[]) => State | undefined,
    contextOf: (items: Item[]) => LogContext = () => ({}),
  ): Promise<TabUpdate<State>> {
    const open = this.#openBatches.get(tabId);
    if (open?.done !== undefined && !open.started) {
      open.items.push(item);
      return open.done as Promise<TabUpdate<State>>;
    }

    const batch: OpenBatch = { items: [item], started: false };
    const done = this.#enqueue(tabId, () => {
      batch.started = true;
      if (this.#openBatches.get(tabId) === batch) {
        this.#openBatches.delete(tabId);
      }
      const items = batch.items as Item[];
      return this.#apply(tabId, (state) => change(state, items), contextOf(items));
    });
    batch.done = done;
    this.#openBatches.set(tabId, batch);
    return done;
  }

  /** Removes a tab's state once the updates queued before have finished. */
  async remove(tabId: number): Promise<void> {
    await this.update(tabId, () => undefined, { reason: 'tab removed' });
  }

  #enqueue<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(tabId) ?? Promise.resolve();
    const run = previous.then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.#queues.set(tabId, settled);
    void settled.then(() => {
      if (this.#queues.get(tabId) === settled) {
        this.#queues.delete(tabId);
      }
    });
    return run;
  }

  async #apply(
    tabId: number,
    change: (state: State | undefined) => State | undefined,
    context: LogContext,
  ): Promise<TabUpdate<State>> {
    const loaded = await this.#load(tabId, context);
    if (!loaded.ok) {
      return { previous: undefined, next: undefined };
    }
    const previous = loaded.state;

    let next: State | undefined;
    try {
      next = change(previous);
    } catch (error) {
      this.#logger.error('Updating the tab state failed; the stored state is kept', error, {
        tabId,
        ...context,
      });
      return { previous, next: previous };
    }
    if (next === previous) {
      return { previous, next };
    }

    const key = this.keyOf(tabId);
    try {
      if (next === undefined) {
        await this.#area.remove(key);
      } else {
        await this.#area.set({ [key]: next });
      }
    } catch (error) {
      this.#logger.error('Writing the tab state failed; the stored state is kept', error, {
        tabId,
        ...context,
      });
      return { previous, next: previous };
    }
    return { previous, next };
  }

  async #load(
    tabId: number,
    context: LogContext,
  ): Promise<{ ok: true; state: State | undefined } | { ok: false }> {
    const key = this.keyOf(tabId);
    let stored: unknown;
    try {
      stored = (await this.#area.get(key))[key];
    } catch (error) {
      this.#logger.error('Reading the tab state failed', error, { tabId, ...context });
      return { ok: false };
    }
    if (stored === undefined) {
      return { ok: true, state: undefined };
    }
    if (!this.#isState(stored)) {
      // A state of unknown shape cannot be updated, so it is removed and recording starts over.
      this.#logger.warn('Removing a stored tab state of unknown shape', { tabId, ...context });
      try {
        await this.#area.remove(key);
      } catch (error) {
        this.#logger.error('Removing the tab state failed', error, { tabId, ...context });
        return { ok: false };
      }
      return { ok: true, state: undefined };
    }
    return { ok: true, state: stored };
  }
}
