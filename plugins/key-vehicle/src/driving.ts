/**
 * Driving time from the speed series: continuous driving since the last valid rest, 24-h total, and
 * local clock helpers for the night and curfew rules (pure functions).
 */
import type { Point } from '@fenghuo/sdk';

/** Local hour of day (0–24, fractional) of an ISO timestamp at a fixed UTC offset. */
export function localHour(ts: string, utcOffsetMin: number): number {
  const min = Math.floor(Date.parse(ts) / 60_000) + utcOffsetMin;
  return (((min % 1440) + 1440) % 1440) / 60;
}

/** Whether `hour` lies in `[start, end)`, the window possibly wrapping midnight (22 → 6). */
export function inWindow(hour: number, start: number, end: number): boolean {
  return start <= end ? hour >= start && hour < end : hour >= start || hour < end;
}

export interface DrivingTime {
  /** Hours driven since the end of the last rest of at least `restMin` (short stops included). */
  continuousH: number;
  /** Hours moving within the series (up to 24 h before the end). */
  movingH: number;
  /** True when no rest was found in the series, so `continuousH` is a lower bound. */
  lowerBound: boolean;
  /** ISO time the current driving spell started. */
  since: string | null;
}

/**
 * 实施条例 第62条: continuous driving ends only with a stop of ≥ 20 min. A sample interval is moving
 * when its starting speed is at or above `stopKmh`; a gap between samples of ≥ `restMin` counts as a
 * rest (terminals stop reporting with the ignition off). Stopped intervals are summed into runs; the
 * latest run of ≥ `restMin` resets the timer.
 */
export function drivingTime(speed: Point[], endTs: string, stopKmh: number, restMin: number): DrivingTime {
  const end = Date.parse(endTs);
  const restMs = restMin * 60_000;
  let movingMs = 0;
  let lastRestEnd: number | null = null;
  let stoppedSince: number | null = null;
  for (let i = 0; i < speed.length; i++) {
    const p = speed[i] as Point;
    const t0 = Date.parse(p.ts);
    const t1 = i + 1 < speed.length ? Date.parse((speed[i + 1] as Point).ts) : end;
    if (t1 <= t0) continue;
    const gap = t1 - t0 >= restMs;
    const moving = !gap && p.value >= stopKmh;
    if (moving) {
      if (stoppedSince !== null && t0 - stoppedSince >= restMs) lastRestEnd = t0;
      stoppedSince = null;
      if (end - t0 <= 24 * 3_600_000) movingMs += t1 - t0;
    } else {
      if (stoppedSince === null) stoppedSince = t0;
    }
  }
  if (stoppedSince !== null && end - stoppedSince >= restMs) lastRestEnd = end;
  const first = speed[0];
  const start = lastRestEnd ?? (first ? Date.parse(first.ts) : end);
  return {
    continuousH: Math.max(0, end - start) / 3_600_000,
    movingH: movingMs / 3_600_000,
    lowerBound: lastRestEnd === null,
    since: first ? new Date(start).toISOString() : null,
  };
}
