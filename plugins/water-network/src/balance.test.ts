import { describe, expect, it } from 'vitest';
import {
  cityOffsetHours,
  dmaBalance,
  excessShape,
  legitimateNightUse,
  mnfBaseline,
  nightsAbove,
  nightWindow,
} from './balance.js';

const H = 3_600_000;
const D = 24 * H;

describe('night window', () => {
  it('takes 02:00–04:00 Beijing time of the same night for an event at 04:00', () => {
    const t = Date.parse('2026-07-14T20:00:00Z'); // 04:00 on the 15th, UTC+8
    const w = nightWindow(t, 2, 4, 8);
    expect(new Date(w.from).toISOString()).toBe('2026-07-14T18:00:00.000Z');
    expect(w.to).toBe(t);
  });
  it('takes the previous night for an event in the afternoon', () => {
    const w = nightWindow(Date.parse('2026-07-15T07:00:00Z'), 2, 4, 8);
    expect(new Date(w.from).toISOString()).toBe('2026-07-14T18:00:00.000Z');
    expect(new Date(w.to).toISOString()).toBe('2026-07-14T20:00:00.000Z');
  });
});

describe('the city offset of the night window', () => {
  it('is the event’s, the configured hours only when the event carries none', () => {
    expect(cityOffsetHours({ utcOffsetMin: 480 }, { utcOffsetHours: 0 })).toBe(8);
    expect(cityOffsetHours({ utcOffsetMin: -210 }, { utcOffsetHours: 8 })).toBe(-3.5);
    expect(cityOffsetHours({}, { utcOffsetHours: 8 })).toBe(8);
  });
  it('places 02:00–04:00 in a city at UTC−03:30 at 05:30–07:30 UTC', () => {
    const w = nightWindow(
      Date.parse('2026-07-15T12:00:00Z'),
      2,
      4,
      cityOffsetHours({ utcOffsetMin: -210 }, { utcOffsetHours: 8 }),
    );
    expect(new Date(w.from).toISOString()).toBe('2026-07-15T05:30:00.000Z');
    expect(new Date(w.to).toISOString()).toBe('2026-07-15T07:30:00.000Z');
  });
});

describe('legitimate night use', () => {
  it('uses the DMA figure when recorded, else connections × per-connection use plus non-household', () => {
    expect(legitimateNightUse({ legitNightUseM3h: 7 }, 1.7)).toEqual({ m3h: 7, basis: 'attribute' });
    expect(legitimateNightUse({ connections: 2000, nonHouseholdNightUseM3h: 1.6 }, 1.7)).toEqual({
      m3h: 5,
      basis: 'connections',
    });
    expect(legitimateNightUse({}, 1.7).basis).toBe('none');
  });
});

describe('MNF baseline and shape', () => {
  const t = Date.parse('2026-07-14T20:00:00Z');
  const nights = (vals: number[]) => vals.map((v, i) => ({ t: t - (vals.length - 1 - i) * D, v }));
  it('takes the median of past nights when there are enough, the recorded value otherwise', () => {
    expect(mnfBaseline(nights([38, 40, 42, 41, 39, 40, 40, 90]), t, 50, 7)).toEqual({
      m3h: 40,
      nights: 7,
      own: true,
    });
    expect(mnfBaseline(nights([38, 40, 90]), t, 50, 7).m3h).toBe(50);
  });
  it('tells a one-night step from a gradual rise and counts the nights above a limit', () => {
    expect(excessShape(nights([40, 40, 70]), 40)).toBe('step');
    expect(excessShape(nights([50, 58, 64, 70]), 40)).toBe('gradual');
    expect(nightsAbove(nights([40, 60, 62, 65]), 48)).toBe(3);
  });
});

describe('district-meter balance', () => {
  it('subtracts outflow from inflow over the night window, tonight and before', () => {
    const t0 = Date.parse('2026-07-14T18:00:00Z');
    const series = (v: (k: number) => number) =>
      Array.from({ length: 8 }, (_, k) => [0, 1, 2].map((h) => ({ t: t0 - k * D + h * H, v: v(k) }))).flat();
    const b = dmaBalance(
      [
        { sensorId: 'in', role: 'in', samples: series((k) => (k === 0 ? 80 : 50)) },
        { sensorId: 'out', role: 'out', samples: series(() => 10) },
      ],
      { from: t0, to: t0 + 2 * H },
      7,
    );
    expect(b.netNow).toBe(70);
    expect(b.netBefore).toBe(40);
    expect(b.outNow - (b.outBefore ?? 0)).toBe(0);
  });
  it('has no net flow when an inlet has no reading tonight', () => {
    const b = dmaBalance([{ sensorId: 'in', role: 'in', samples: [] }], { from: 0, to: H }, 7);
    expect(b.netNow).toBeNull();
  });
});
