/**
 * Quarantine: a plugin version that fails `threshold` times in a row for one city is disabled for that
 * city until an operator releases it. A success resets the count. Other cities, and other plugins, are
 * not affected.
 */
import type { FenghuoError } from '../errors.js';

/** A plugin version disabled for one city. */
export interface QuarantineRecord {
  city: string;
  /** `id@version`. */
  key: string;
  /** Consecutive failures that led to it. */
  failures: number;
  /** When it was quarantined (ISO 8601). */
  since: string;
  /** The failure that tipped it over. */
  lastError: { code: string; message: string };
}

export type QuarantineListener = (record: QuarantineRecord) => void;

const slot = (city: string, key: string) => `${city}\u0000${key}`;

export class Quarantine {
  private readonly failures = new Map<string, number>();
  private readonly records = new Map<string, QuarantineRecord>();
  private readonly listeners = new Set<QuarantineListener>();

  constructor(
    private readonly threshold: number,
    private readonly onListenerError: (err: unknown) => void,
  ) {}

  get(city: string, key: string): QuarantineRecord | undefined {
    return this.records.get(slot(city, key));
  }

  /** Quarantined plugin versions, oldest first. */
  list(): QuarantineRecord[] {
    return [...this.records.values()].map((r) => ({ ...r, lastError: { ...r.lastError } }));
  }

  succeeded(city: string, key: string): void {
    this.failures.delete(slot(city, key));
  }

  /** Count a failure; returns the record when this one quarantined the plugin for the city. */
  failed(city: string, key: string, err: FenghuoError): QuarantineRecord | undefined {
    const s = slot(city, key);
    if (this.records.has(s)) return undefined;
    const n = (this.failures.get(s) ?? 0) + 1;
    if (n < this.threshold) {
      this.failures.set(s, n);
      return undefined;
    }
    this.failures.delete(s);
    const record: QuarantineRecord = {
      city,
      key,
      failures: n,
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
    return this.records.delete(slot(city, key));
  }

  listen(cb: QuarantineListener): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
}
