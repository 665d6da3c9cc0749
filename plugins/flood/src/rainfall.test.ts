import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import {
  accumulations,
  HOUR_MS,
  hourlyTotals,
  isolatedGauge,
  projected,
  rainstormSignal,
  signalWindows,
  sumHours,
} from './rainfall.js';

const end = Date.parse('2026-07-15T08:40:00Z');
/** A rolling 1-hour series every 15 min whose hourly totals, newest first, are `hours`. */
function rolling(hours: number[]) {
  return hours.map((v, k) => ({ t: end - k * HOUR_MS, v }));
}

describe('rainfall', () => {
  it('reads non-overlapping hourly totals from a rolling 1-hour series, unknown where a reading is missing', () => {
    const h = hourlyTotals(rolling([48, 30, 10]), end, 4, 10 * 60_000);
    expect(h).toEqual([48, 30, 10, null]);
    expect(sumHours(h, 3)).toBe(88);
    expect(sumHours(h, 4)).toBeNull();
  });

  it('prefers a window total the gauge reports over the sum of hourly totals', () => {
    const acc = accumulations([1, 3, 6], { 6: 120 }, [48, 30, 10, null]);
    expect(acc).toEqual({ 1: 48, 3: 88, 6: 120 });
  });

  it('projects each window one hour ahead as the nowcast plus the last h − 1 hours', () => {
    const p = projected([1, 3], { 1: 48, 3: 88 }, [48, 30, 10], 60);
    expect(p[1]).toBe(60);
    expect(p[3]).toBe(138);
  });

  it('falls back to the current total plus the nowcast (an upper bound) when the hours are unknown', () => {
    expect(projected([3], { 3: 70 }, [null, null], 20)[3]).toBe(90);
  });

  it('meets the CMA ladder: 12 h ≥ 50 blue, 6 h ≥ 50 yellow, 3 h ≥ 50 orange, 3 h ≥ 100 red', () => {
    expect(signalWindows(defaults)).toEqual([3, 6, 12]);
    expect(rainstormSignal({ 3: 20, 6: 40, 12: 55 }, defaults)?.tier).toBe('blue');
    expect(rainstormSignal({ 3: 45, 6: 52, 12: 60 }, defaults)?.tier).toBe('yellow');
    expect(rainstormSignal({ 3: 50, 6: 52, 12: 60 }, defaults)?.tier).toBe('orange');
    expect(rainstormSignal({ 3: 100, 6: 120, 12: 130 }, defaults)).toEqual({
      tier: 'red',
      hours: 3,
      mm: 100,
    });
    expect(rainstormSignal({ 3: 49, 6: 49, 12: 49 }, defaults)).toBeNull();
    expect(rainstormSignal({ 3: null, 6: null, 12: null }, defaults)).toBeNull();
  });

  it('calls a gauge isolated only when neighbours answered, all stayed dry, and the weather shows no rain', () => {
    expect(isolatedGauge(35, [0, 0.2], 0, defaults)).toBe(true);
    expect(isolatedGauge(35, [0, 0.2], null, defaults)).toBe(true);
    expect(isolatedGauge(35, [], null, defaults)).toBe(false);
    expect(isolatedGauge(35, [0, 9], null, defaults)).toBe(false);
    expect(isolatedGauge(35, [0, 0], 12, defaults)).toBe(false);
  });
});
