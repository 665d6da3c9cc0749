/**
 * Counting events in a metric's history. Controllers report an event state (a fault code, the trapped
 * flag) and may repeat it while it lasts, so an event is a *change to a non-zero value*: a reading > 0
 * that differs from the reading before it. The first reading of the series counts when it is > 0.
 */
import type { Point } from '@fenghuo/sdk';

export interface EventHit {
  ts: string;
  value: number;
}

/**
 * The onsets of non-zero states in a series (oldest first).
 *
 * @example onsets([{ts:'a',value:0},{ts:'b',value:2},{ts:'c',value:2},{ts:'d',value:0},{ts:'e',value:2}]).length // 2
 */
export function onsets(points: readonly Point[]): EventHit[] {
  const out: EventHit[] = [];
  let prev = 0;
  for (const p of points) {
    const v = Math.round(p.value);
    if (v > 0 && v !== prev) out.push({ ts: p.ts, value: v });
    prev = v;
  }
  return out;
}

/** Hits at or after `fromMs`. */
export function since(hits: readonly EventHit[], fromMs: number): EventHit[] {
  return hits.filter((h) => Date.parse(h.ts) >= fromMs);
}

/**
 * Appends the event's own reading when the history does not end with it yet (the host stores the reading
 * before the analysis runs, but a caller may pass a history fetched up to just before it).
 */
export function withReading(points: readonly Point[], ts: string, value: number): Point[] {
  const last = points[points.length - 1];
  if (last && Date.parse(last.ts) >= Date.parse(ts)) return [...points];
  return [...points, { ts, value }];
}

/** Merges several sensors' series of one object into one, oldest first. */
export function mergeSeries(series: readonly (readonly Point[])[]): Point[] {
  return series.flat().sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
}
