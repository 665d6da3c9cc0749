import type { Point } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { drivingTime, inWindow, localHour } from './driving.js';

/** One sample every `stepMin` minutes from `start`, with the given speeds. */
function series(start: string, stepMin: number, speeds: number[]): Point[] {
  const t0 = Date.parse(start);
  return speeds.map((value, i) => ({ ts: new Date(t0 + i * stepMin * 60_000).toISOString(), value }));
}

describe('localHour and inWindow', () => {
  it('turns 18:30 UTC into 02:30 in China (UTC+8)', () => {
    expect(localHour('2026-11-29T18:30:00Z', 480)).toBeCloseTo(2.5);
  });
  it('treats 22:00–06:00 as a window across midnight', () => {
    expect(inWindow(23, 22, 6)).toBe(true);
    expect(inWindow(3, 22, 6)).toBe(true);
    expect(inWindow(12, 22, 6)).toBe(false);
    expect(inWindow(3, 2, 5)).toBe(true);
    expect(inWindow(5, 2, 5)).toBe(false);
  });
});

describe('drivingTime', () => {
  it('counts driving from the end of the last stop of at least 20 minutes', () => {
    // 30 min parked, then 3 h driving at 10-min samples.
    const s = series('2026-11-29T00:00:00Z', 10, [0, 0, 0, ...Array(18).fill(80)]);
    const d = drivingTime(s, '2026-11-29T03:30:00Z', 5, 20);
    expect(d.continuousH).toBeCloseTo(3);
    expect(d.lowerBound).toBe(false);
    expect(d.since).toBe('2026-11-29T00:30:00.000Z');
  });
  it('does not reset the timer for a stop shorter than 20 minutes', () => {
    const s = series('2026-11-29T00:00:00Z', 10, [0, 0, 0, 80, 80, 80, 0, 80, 80, 80]);
    const d = drivingTime(s, '2026-11-29T01:40:00Z', 5, 20);
    expect(d.continuousH).toBeCloseTo(70 / 60);
  });
  it('resets the timer after a reporting gap of at least 20 minutes (ignition off)', () => {
    const s: Point[] = [
      { ts: '2026-11-29T00:00:00Z', value: 80 },
      { ts: '2026-11-29T01:00:00Z', value: 80 },
      { ts: '2026-11-29T01:10:00Z', value: 80 },
    ];
    const d = drivingTime(s, '2026-11-29T01:20:00Z', 5, 20);
    expect(d.continuousH).toBeCloseTo(20 / 60);
  });
  it('says the continuous time is a lower bound when no rest is in the series', () => {
    const d = drivingTime(series('2026-11-29T00:00:00Z', 10, [80, 80, 80]), '2026-11-29T00:30:00Z', 5, 20);
    expect(d.lowerBound).toBe(true);
    expect(d.continuousH).toBeCloseTo(0.5);
    expect(d.movingH).toBeCloseTo(0.5);
  });
  it('is zero while the vehicle has been resting for 20 minutes or more', () => {
    const d = drivingTime(
      series('2026-11-29T00:00:00Z', 10, [80, 80, 0, 0, 0]),
      '2026-11-29T00:50:00Z',
      5,
      20,
    );
    expect(d.continuousH).toBe(0);
  });
});
