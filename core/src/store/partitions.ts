/** Monthly partitions of `readings`, created ahead of the data they hold. */
import type { Queryable } from './db.js';

const known = new WeakMap<object, Map<string, Promise<void>>>();

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

async function create(db: Queryable, m: Date): Promise<void> {
  try {
    await db.query(
      `CREATE TABLE IF NOT EXISTS ${partitionName(m)} PARTITION OF readings FOR VALUES FROM ('${m.toISOString()}') TO ('${nextMonth(m).toISOString()}')`,
    );
  } catch (err) {
    // Another process created it at the same moment (IF NOT EXISTS does not cover a concurrent create).
    const msg = String((err as Error).message);
    if (!/already exists|duplicate key/.test(msg)) throw err;
  }
}

/**
 * Make sure every month between `fromMs` and `toMs` has its partition. Memoised per database handle, so
 * concurrent writers in one process create a partition once.
 */
export async function ensurePartitions(db: Queryable & object, fromMs: number, toMs: number): Promise<void> {
  let seen = known.get(db);
  if (!seen) {
    seen = new Map();
    known.set(db, seen);
  }
  const waits: Promise<void>[] = [];
  for (let m = monthStart(fromMs); m.getTime() <= toMs; m = nextMonth(m)) {
    const name = partitionName(m);
    let p = seen.get(name);
    if (!p) {
      p = create(db, m);
      seen.set(name, p);
      p.catch(() => seen.delete(name));
    }
    waits.push(p);
  }
  await Promise.all(waits);
}
