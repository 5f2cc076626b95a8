// 浏览次数 without a database write per view: views are counted in memory and added to the articles in one
// transaction every few seconds (and when the server stops).
import type { Store } from '../store/store.js';

export type ViewCounter = {
  /** Counts one view of an article. */
  record: (articleId: number) => void;
  /** Views counted but not yet written. */
  pending: (articleId: number) => number;
  /** Writes the counted views; returns how many articles were updated. */
  flush: () => number;
  /** Calls `listener` with the ids whose counts were just written. */
  onFlush: (listener: (articleIds: number[]) => void) => void;
  stop: () => void;
};

/** `onError` hears of a batch that could not be written (its counts are lost; the site goes on). */
export function viewCounter(store: Store, everyMs = 10_000,
  onError = (err: unknown) => console.error('Writing view counts failed:', err)): ViewCounter {
  let counts = new Map<number, number>();
  const listeners: ((articleIds: number[]) => void)[] = [];
  const flush = () => {
    if (counts.size === 0) return 0;
    const batch = counts;
    counts = new Map();
    store.articles.addViews(batch);
    for (const listener of listeners) listener([...batch.keys()]);
    return batch.size;
  };
  const timer = setInterval(() => {
    try {
      flush();
    } catch (err) {
      onError(err);
    }
  }, everyMs);
  timer.unref();
  return {
    record: (id) => void counts.set(id, (counts.get(id) ?? 0) + 1),
    pending: (id) => counts.get(id) ?? 0,
    flush,
    onFlush: (listener) => void listeners.push(listener),
    stop: () => clearInterval(timer),
  };
}
