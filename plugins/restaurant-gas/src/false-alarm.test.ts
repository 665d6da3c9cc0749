import { describe, expect, it } from 'vitest';
import { episodesOf, falseAlarmRecord } from './false-alarm.js';
import type { Sample } from './series.js';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const m = (min: number) => T0 + min * 60_000;
const P = { nuisanceMaxMin: 5, mergeGapMin: 2 };
const R = { lookbackDays: 14, nuisanceMaxMin: 5, mergeGapMin: 2, highPer30d: 4, minEpisodes: 3 };

function spike(atMin: number, peak = 15): Sample[] {
  return [
    { t: m(atMin), v: 0 },
    { t: m(atMin + 1), v: peak },
    { t: m(atMin + 2), v: 0 },
  ];
}

describe('episodesOf', () => {
  it('counts a two-minute unconfirmed spike as a nuisance', () => {
    const e = episodesOf(spike(10), 10, [], 10, P, m(100));
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ durationMin: 1, corroborated: false, nuisance: true, peak: 15 });
  });

  it('does not count a spike that another detector saw', () => {
    const other = [{ t: m(12), v: 11 }];
    const e = episodesOf(spike(10), 10, [other], 10, P, m(100));
    expect(e[0]).toMatchObject({ corroborated: true, nuisance: false });
  });

  it('does not count an exceedance that lasted longer than the nuisance time', () => {
    const own = [0, 12, 14, 15, 15, 14, 13, 12, 0].map((v, i) => ({ t: m(i), v }));
    const e = episodesOf(own, 10, [], 10, P, m(100));
    expect(e[0]!.durationMin).toBe(7);
    expect(e[0]!.nuisance).toBe(false);
  });

  it('merges exceedances less than the merge gap apart into one episode', () => {
    const own = [0, 12, 0, 13, 0].map((v, i) => ({ t: m(i), v }));
    const e = episodesOf(own, 10, [], 10, P, m(100));
    expect(e).toHaveLength(1);
    expect(e[0]!.durationMin).toBe(3);
  });

  it('leaves out the episode still open at the current alarm', () => {
    const own = [...spike(10), { t: m(50), v: 0 }, { t: m(51), v: 20 }];
    expect(episodesOf(own, 10, [], 10, P, m(51))).toHaveLength(1);
  });
});

describe('falseAlarmRecord', () => {
  it('rates four nuisances in ten days as 12 per 30 days, a high rate', () => {
    const eps = [1, 3, 5, 8].flatMap((d) => episodesOf(spike(d * 1440), 10, [], 10, P, m(20_000)));
    const r = falseAlarmRecord(eps, T0, m(10 * 1440), R);
    expect(r.nuisance).toBe(4);
    expect(r.days).toBe(10);
    expect(r.ratePer30d).toBeCloseTo(12, 6);
    expect(r.share).toBe(1);
    expect(r.high).toBe(true);
  });

  it('needs at least minEpisodes nuisances before it calls a detector a frequent false alarmer', () => {
    const eps = episodesOf([...spike(10), ...spike(100)], 10, [], 10, P, m(200));
    const r = falseAlarmRecord(eps, T0, m(1440), R);
    expect(r.ratePer30d).toBe(60);
    expect(r.high).toBe(false);
  });

  it('caps the history at the look-back and floors it at one day', () => {
    expect(falseAlarmRecord([], T0, m(100 * 1440), R).days).toBe(14);
    expect(falseAlarmRecord([], T0, m(60), R).days).toBe(1);
    expect(falseAlarmRecord([], null, m(60), R).days).toBe(1);
  });
});
