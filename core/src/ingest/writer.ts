/**
 * The ingest writer: group commit. Requests hand over validated column batches and wait; a flush takes
 * everything queued (up to `maxRows`), evaluates the rules, and in ONE transaction inserts the readings
 * (idempotent on sensor + metric + instant) and applies the alarm changes. Only after COMMIT are the
 * waiting requests acknowledged.
 *
 * Up to `concurrency` flushes run at once (PostgreSQL: 2, so that the database works while this
 * process parses the next requests; PGlite: 1). Rules are evaluated in arrival order, synchronously
 * when a flush starts; flushes that change alarm levels commit in that same order (they wait for each
 * other), while flushes of readings alone need no order. If a transaction fails, every waiter gets
 * the error and the rule state of the readings involved is dropped and rebuilt from the database.
 */
import type { LevelChange } from '../alarms/types.js';
import type { Core } from '../core.js';
import type { AlarmEventPayload } from '../events.js';
import { wakeJobs } from '../jobs/wake.js';
import { evaluateBatch, forgetBatch } from '../rules/evaluate-batch.js';
import type { Queryable } from '../store/db.js';
import { ensurePartitions } from '../store/partitions.js';
import type { ColumnBatch } from './batch.js';

export type ApplyChanges = (q: Queryable, changes: LevelChange[]) => Promise<AlarmEventPayload[]>;

interface Pending {
  batch: ColumnBatch;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

export interface WriteResult {
  /** Level changes this write caused. */
  changes: number;
}

export interface WriterStats {
  flushes: number;
  rows: number;
  inserted: number;
  changes: number;
}

const INSERT_SQL = `INSERT INTO readings (sid, metric, ts, value)
  SELECT s, m, to_timestamp(t), v FROM unnest($1::int4[], $2::int2[], $3::float8[], $4::float8[]) AS u(s, m, t, v)
  ON CONFLICT DO NOTHING`;

function literal(a: ArrayLike<number> & { join(sep: string): string }): string {
  return `{${a.join(',')}}`;
}

export class IngestWriter {
  private queue: Pending[] = [];
  private active = 0;
  private closed = false;
  private idle: Array<() => void> = [];
  /** Resolves when the last flush that changes alarm levels has finished (they commit in order). */
  private alarmTail: Promise<void> = Promise.resolve();
  /** sid → last time (ms) the platform heard from the sensor, not yet written to `sensors.last_seen`. */
  private seen = new Map<number, number>();
  private seenTimer: NodeJS.Timeout | undefined;
  private readonly concurrency: number;
  readonly stats: WriterStats = { flushes: 0, rows: 0, inserted: 0, changes: 0 };

  constructor(
    private readonly core: Core,
    private readonly applyChanges: ApplyChanges,
    private readonly maxRows = 50_000,
  ) {
    this.concurrency = core.db.kind === 'postgres' ? 2 : 1;
    this.seenTimer = setInterval(() => {
      this.flushSeen().catch((err) => core.log.warn({ err }, 'could not record sensors last seen'));
    }, 5_000);
    this.seenTimer.unref();
  }

  /** Queue a batch; resolves once it is durably stored. */
  write(batch: ColumnBatch): Promise<WriteResult> {
    if (this.closed) return Promise.reject(new Error('ingest writer is closed'));
    if (batch.length === 0) return Promise.resolve({ changes: 0 });
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ batch, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      let rows = 0;
      let n = 0;
      while (n < this.queue.length && (n === 0 || rows + this.queue[n]!.batch.length <= this.maxRows)) {
        rows += this.queue[n]!.batch.length;
        n++;
      }
      const group = this.queue.splice(0, n);
      this.active++;
      void this.flush(group, rows).finally(() => {
        this.active--;
        if (this.queue.length > 0) this.pump();
        else if (this.active === 0) for (const f of this.idle.splice(0)) f();
      });
    }
  }

  private async flush(group: Pending[], rows: number): Promise<void> {
    // Rules first, synchronously, so that evaluation follows arrival order across concurrent flushes.
    const perWaiter = group.map((p) => evaluateBatch(p.batch));
    const changes = perWaiter.flat();
    let release: (() => void) | undefined;
    let before: Promise<void> | undefined;
    if (changes.length > 0) {
      before = this.alarmTail;
      this.alarmTail = new Promise<void>((r) => {
        release = r;
      });
    }
    const sid = new Int32Array(rows);
    const metric = new Int16Array(rows);
    const tsSec = new Float64Array(rows);
    const value = new Float64Array(rows);
    let o = 0;
    let minTs = Infinity;
    let maxTs = -Infinity;
    for (const p of group) {
      const b = p.batch;
      sid.set(b.sid.subarray(0, b.length), o);
      metric.set(b.metric.subarray(0, b.length), o);
      value.set(b.value.subarray(0, b.length), o);
      for (let i = 0; i < b.length; i++) {
        const t = b.ts[i]!;
        tsSec[o + i] = t / 1000;
        if (t < minTs) minTs = t;
        if (t > maxTs) maxTs = t;
      }
      o += b.length;
    }
    let payloads: AlarmEventPayload[] = [];
    let inserted = 0;
    try {
      await ensurePartitions(this.core.db, minTs, maxTs);
      const params = [literal(sid), literal(metric), literal(tsSec), literal(value)];
      if (changes.length === 0) {
        inserted = (await this.core.db.query(INSERT_SQL, params)).rowCount;
      } else {
        await before;
        await this.core.db.tx(async (q) => {
          inserted = (await q.query(INSERT_SQL, params)).rowCount;
          payloads = await this.applyChanges(q, changes);
        });
      }
    } catch (err) {
      for (const p of group) forgetBatch(p.batch);
      this.core.sensors
        .reload()
        .catch((e) => this.core.log.error({ err: e }, 'could not rebuild rule state'));
      for (const p of group) p.reject(err);
      return;
    } finally {
      release?.();
    }
    this.stats.flushes++;
    this.stats.rows += rows;
    this.stats.inserted += inserted;
    this.stats.changes += changes.length;
    const now = Date.now();
    for (let i = 0; i < rows; i++) this.seen.set(sid[i]!, now);
    for (const p of payloads) {
      p.storedAtMs = now;
      this.core.bus.emit('alarm', p);
    }
    // The alarm changes enqueued notify and analyze jobs: let this process's runner take them now.
    if (payloads.length > 0) wakeJobs(this.core);
    for (let i = 0; i < group.length; i++) group[i]!.resolve({ changes: perWaiter[i]!.length });
  }

  /** Write the last-seen times gathered since the previous call. */
  async flushSeen(): Promise<void> {
    if (this.seen.size === 0) return;
    const seen = this.seen;
    this.seen = new Map();
    const sids: number[] = [];
    const ts: number[] = [];
    for (const [k, v] of seen) {
      sids.push(k);
      ts.push(v / 1000);
    }
    await this.core.db.query(
      `UPDATE sensors SET last_seen = to_timestamp(v.t)
         FROM unnest($1::int4[], $2::float8[]) AS v(sid, t)
        WHERE sensors.sid = v.sid AND (sensors.last_seen IS NULL OR sensors.last_seen < to_timestamp(v.t))`,
      [sids, ts],
    );
  }

  /** Wait for queued writes, record last-seen times and stop. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.active > 0 || this.queue.length > 0) await new Promise<void>((r) => this.idle.push(r));
    clearInterval(this.seenTimer);
    await this.flushSeen();
  }
}
