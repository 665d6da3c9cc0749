/**
 * A small batching loader (the DataLoader idea): every `load(key)` made while GraphQL resolves one level
 * of a result is collected and answered by one query. Keys are deduplicated within a batch only; there is
 * no cache across batches, so a long-lived subscription connection never reads stale rows.
 */
export type BatchFn<K, V> = (keys: K[]) => Promise<Map<K, V>>;

export class Loader<K, V> {
  private pending = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private scheduled = false;

  constructor(private readonly batch: BatchFn<K, V>) {}

  /** The value for `key`, or `undefined` when the batch function found none. */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      let waiters = this.pending.get(key);
      if (!waiters) {
        waiters = [];
        this.pending.set(key, waiters);
      }
      waiters.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate runs after every promise job of the current pass, so sibling fields of a whole
        // list land in one batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = new Map();
    this.scheduled = false;
    this.batch([...pending.keys()]).then(
      (found) => {
        for (const [key, waiters] of pending) for (const w of waiters) w.resolve(found.get(key));
      },
      (err: unknown) => {
        for (const waiters of pending.values()) for (const w of waiters) w.reject(err);
      },
    );
  }
}
