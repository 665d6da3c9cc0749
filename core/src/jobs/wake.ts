/**
 * In-process wake-ups for the job runner: after a transaction that enqueued jobs commits, a call to
 * {@link wakeJobs} lets this process's runner (or BullMQ relay) look at once instead of at its next poll.
 * Other processes find the work at their next poll.
 */
const wakers = new WeakMap<object, Set<() => void>>();

/** Register a wake-up for a core; returns the function that removes it. */
export function onWakeJobs(core: object, fn: () => void): () => void {
  let set = wakers.get(core);
  if (!set) {
    set = new Set();
    wakers.set(core, set);
  }
  set.add(fn);
  return () => {
    set.delete(fn);
  };
}

/**
 * Tell this process's job runner that jobs were committed. Call it after COMMIT, never inside the
 * transaction (the runner would look before the rows are visible).
 *
 * @example
 * await core.db.tx((q) => core.enqueue(q, 'webhook', { deliveryId }));
 * wakeJobs(core);
 */
export function wakeJobs(core: object): void {
  const set = wakers.get(core);
  if (set) for (const fn of set) fn();
}

/**
 * An interruptible sleep for a polling loop: `sleep(ms)` resolves after `ms` or at the next `wake()`,
 * whichever comes first; a `wake()` while nobody sleeps is kept, so the next `sleep` returns at once.
 */
export class Waker {
  private pending = false;
  private wakeUp: (() => void) | null = null;

  wake(): void {
    this.pending = true;
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  sleep(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = null;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.pending = false;
        resolve();
      };
    });
  }
}
