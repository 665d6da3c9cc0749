/**
 * Quarantine: a plugin version that keeps failing for one city is disabled for that city until an
 * operator releases it. Two rules, whichever trips first:
 *
 * - **in a row:** `threshold` failures with no success between them (a plain hostile or broken plugin is
 *   caught within seconds);
 * - **by rate:** over its last `window` calls for the city, at least `rate` of them failed — a plugin that
 *   fails only every other time never fails five times in a row, yet its endless loops cost the platform
 *   as much CPU (measured in core/bench/attack.ts: 30 % of the ingest throughput before this rule).
 *
 * Other cities, and other plugins, are not affected.
 */
import type { FenghuoError } from '../errors.js';

/** A plugin version disabled for one city. */
export interface QuarantineRecord {
  city: string;
  /** `id@version`. */
  key: string;
  /** Failures that led to it: in a row (`consecutive`), or within the last `window` calls (`rate`). */
  failures: number;
  rule: 'consecutive' | 'rate';
  /** Calls the rate was judged over (the consecutive rule: the failures themselves). */
  calls: number;
  /** When it was quarantined (ISO 8601). */
  since: string;
  /** The failure that tipped it over. */
  lastError: { code: string; message: string };
}

export type QuarantineListener = (record: QuarantineRecord) => void;

const slot = (city: string, key: string) => `${city}\u0000${key}`;

/** The rate rule: over the last `window` calls, at least `rate` (0–1] failed. `window` 0 turns it off. */
export interface QuarantineRate {
  window: number;
  rate: number;
}

export class Quarantine {
  private readonly failures = new Map<string, number>();
  /** The last calls' outcomes per city and plugin, oldest first (true = failed). */
  private readonly recent = new Map<string, boolean[]>();
  private readonly records = new Map<string, QuarantineRecord>();
  private readonly listeners = new Set<QuarantineListener>();

  constructor(
    private readonly threshold: number,
    private readonly onListenerError: (err: unknown) => void,
    private readonly byRate: QuarantineRate = { window: 0, rate: 1 },
  ) {}

  /** Note an outcome in the window; returns the failures in it when the window is full. */
  private note(s: string, failed: boolean): number | null {
    const { window } = this.byRate;
    if (window <= 0) return null;
    let list = this.recent.get(s);
    if (!list) {
      list = [];
      this.recent.set(s, list);
    }
    list.push(failed);
    if (list.length > window) list.shift();
    return list.length === window ? list.filter(Boolean).length : null;
  }

  get(city: string, key: string): QuarantineRecord | undefined {
    return this.records.get(slot(city, key));
  }

  /** Quarantined plugin versions, oldest first. */
  list(): QuarantineRecord[] {
    return [...this.records.values()].map((r) => ({ ...r, lastError: { ...r.lastError } }));
  }

  succeeded(city: string, key: string): void {
    const s = slot(city, key);
    this.failures.delete(s);
    this.note(s, false);
  }

  /** Count a failure; returns the record when this one quarantined the plugin for the city. */
  failed(city: string, key: string, err: FenghuoError): QuarantineRecord | undefined {
    const s = slot(city, key);
    if (this.records.has(s)) return undefined;
    const n = (this.failures.get(s) ?? 0) + 1;
    const inWindow = this.note(s, true);
    const byRate = inWindow !== null && inWindow >= Math.ceil(this.byRate.rate * this.byRate.window);
    if (n < this.threshold && !byRate) {
      this.failures.set(s, n);
      return undefined;
    }
    this.failures.delete(s);
    this.recent.delete(s);
    const consecutive = n >= this.threshold;
    const record: QuarantineRecord = {
      city,
      key,
      failures: consecutive ? n : inWindow!,
      rule: consecutive ? 'consecutive' : 'rate',
      calls: consecutive ? n : this.byRate.window,
      since: new Date().toISOString(),
      lastError: { code: err.code, message: err.message },
    };
    this.records.set(s, record);
    for (const cb of this.listeners) {
      try {
        cb({ ...record, lastError: { ...record.lastError } });
      } catch (listenerErr) {
        this.onListenerError(listenerErr);
      }
    }
    return record;
  }

  /** Lift a quarantine (and forget the count); `false` when the plugin was not quarantined there. */
  release(city: string, key: string): boolean {
    this.failures.delete(slot(city, key));
    this.recent.delete(slot(city, key));
    return this.records.delete(slot(city, key));
  }

  listen(cb: QuarantineListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
