import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import type { MetricKey } from './definition.js';
import { scoreParam, vesselIndex } from './vessel.js';
import type { Item, SeriesView } from './view.js';

const END = 60 * 60_000;
/** A series whose last sample is at END, one a minute. */
const series = (metric: MetricKey, vals: number[], objectId = 'T-1'): SeriesView => ({
  sensorId: `${objectId}-${metric}`,
  objectId,
  metric,
  samples: vals.map((v, i) => ({ t: END - (vals.length - 1 - i) * 60_000, v })),
  stale: false,
});
const tank = (id: string, s: SeriesView[]): Item => ({
  id,
  kind: 'storage_tank',
  name: { zh: `${id}罐`, en: `Tank ${id}` },
  attributes: {
    areaId: 'TF',
    levelHighM: 16,
    levelHighHighM: 16.8,
    levelDesignM: 17.5,
    pressureHighHighMpa: 0.3,
    pressureDesignMpa: 0.4,
  },
  series: s,
});
const input = (items: Item[], over: Partial<Parameters<typeof vesselIndex>[0]> = {}) => ({
  items,
  areaStatus: [],
  areaName: { zh: '罐区', en: 'Tank farm' },
  endT: END,
  kind: 'storage' as const,
  weight: 1,
  cfg: defaults,
  ...over,
});
const rise = defaults.plausibility.maxLevelRiseMPerMin;

describe('vessel parameter scoring (notes §5.2 items 1–2)', () => {
  it('scores H at 20, and 30 once H has held more than 10 minutes', () => {
    const t = tank('T-1', []);
    const short = scoreParam(t, series('level', [15.9, 16.1, 16.2]), defaults.vessel, rise);
    const long = scoreParam(t, series('level', [15.9, ...Array(12).fill(16.2)]), defaults.vessel, rise);
    expect(short).toMatchObject({ state: 'high', limit: 16, score: 20 });
    expect(long).toMatchObject({ state: 'high', heldMin: 11, score: 30 });
  });

  it('scores HH at 50 and 65 once held more than 5 minutes, and beyond design at 90', () => {
    const t = tank('T-1', []);
    expect(scoreParam(t, series('level', [16.5, 16.9]), defaults.vessel, rise)).toMatchObject({
      state: 'highHigh',
      score: 50,
    });
    expect(
      scoreParam(t, series('level', [16.5, ...Array(7).fill(16.9)]), defaults.vessel, rise),
    ).toMatchObject({ score: 65 });
    expect(scoreParam(t, series('pressure', [0.35, 0.41]), defaults.vessel, null)).toMatchObject({
      state: 'beyondDesign',
      limit: 0.4,
      score: 90,
    });
  });

  it('reads a level jump faster than the credible fill rate as an instrument fault and does not score it', () => {
    const p = scoreParam(tank('T-1', []), series('level', [9.2, 9.2, 17.2, 17.2]), defaults.vessel, rise);
    expect(p?.faultRisePerMin).toBeCloseTo(8, 9);
    expect(p?.score).toBe(0);
  });

  it('cannot score a stale series or a parameter without limits', () => {
    expect(
      scoreParam(tank('T-1', []), { ...series('level', [17]), stale: true }, defaults.vessel, rise),
    ).toBeNull();
    const bare: Item = { ...tank('T-1', []), attributes: { areaId: 'TF' } };
    expect(scoreParam(bare, series('level', [17]), defaults.vessel, rise)).toMatchObject({
      state: 'normal',
      score: 0,
    });
  });
});

describe('storage and unit indices', () => {
  it('adds 10 when two tanks are abnormal at once and multiplies by the hazard weight, capped at 100', () => {
    const items = [
      tank('T-1', [series('level', [16.5, 16.9], 'T-1')]),
      tank('T-2', [series('level', [16.1], 'T-2')]),
    ];
    expect(vesselIndex(input(items)).score).toBe(60);
    expect(vesselIndex(input(items, { weight: 1.2 })).score).toBe(72);
    expect(vesselIndex(input(items, { weight: 2 })).score).toBe(100);
  });

  it('scores a tank at high-high with its interlock bypassed as 90', () => {
    const t = tank('T-1', [series('level', [16.5, 16.9]), series('sis_bypass', [1, 1])]);
    const idx = vesselIndex(input([t]));
    expect(idx.score).toBe(90);
    expect(idx.reasons[0]?.en).toContain('while its interlock is bypassed');
    expect(idx.bypassed).toEqual([t.name]);
  });

  it('scores a recent relief lift or trip in a tank farm as 90 but only adds 20 in a process unit', () => {
    const trip = (kind: 'storage' | 'unit') =>
      vesselIndex(
        input([tank('T-1', [series('level', [10, 10]), series('interlock_trip', [0, 1, 0, 0])])], { kind }),
      ).score;
    expect(trip('storage')).toBe(90);
    expect(trip('unit')).toBe(20);
  });

  it('adds 30 to a process unit whose safety function is bypassed even with every parameter normal', () => {
    const r: Item = { ...tank('R-1', [series('level', [10]), series('sis_bypass', [1])]), kind: 'reactor' };
    expect(vesselIndex(input([r], { kind: 'unit', weight: 1.1 })).score).toBe(33);
    expect(vesselIndex(input([r], { kind: 'storage' })).score).toBe(0);
  });
});
