/** Monthly partitions of `readings`, created ahead of the data they hold. */
import type { Queryable } from './db.js';

const known = new WeakMap<object, Set<string>>();

function monthStart(ms: number): Date {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
}

function nextMonth(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

export function partitionName(d: Date): string {
  return `readings_p${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** Make sure every month between `fromMs` and `toMs` has its partition. Cached per database handle. */
export async function ensurePartitions(db: Queryable & object, fromMs: number, toMs: number): Promise<void> {
  let seen = known.get(db);
  if (!seen) {
    seen = new Set();
    known.set(db, seen);
  }
  for (let m = monthStart(fromMs); m.getTime() <= toMs; m = nextMonth(m)) {
    const name = partitionName(m);
    if (seen.has(name)) continue;
    try {
      await db.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF readings FOR VALUES FROM ('${m.toISOString()}') TO ('${nextMonth(m).toISOString()}')`,
      );
    } catch (err) {
      // Another process created it between our check and our create.
      if (!/already exists/.test(String((err as Error).message))) throw err;
    }
    seen.add(name);
  }
}
