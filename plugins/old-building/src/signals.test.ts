import type { AnalysisContext } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { explainAway } from './analysis.js';
import { defaults } from './definition.js';
import { type Gauge, knocked, levelOf, readGauges, tiltDrift } from './signals.js';

const limits = { blue: 4, yellow: 7, orange: 10, red: 20 };
const g = (over: Partial<Gauge>): Gauge => ({
  sensorId: 'T1',
  metric: 'tilt',
  name: { zh: '倾斜', en: 'Tilt' },
  unit: '‰',
  value: 4.2,
  raw: 4.2,
  limits,
  level: 'blue',
  note: null,
  discounted: null,
  change: 2,
  lastT: 0,
  ...over,
});

describe('false-alarm patterns', () => {
  it('judges one tilt gauge drifting when the other gauge on the building stays still', () => {
    const a = g({});
    const b = g({ sensorId: 'T2', value: 2, raw: 2, level: null, change: 0.1 });
    expect(tiltDrift(a, [a, b], 0.3)?.sensorId).toBe('T2');
  });

  it('does not call it drift when the other gauge moves too, or a crack grows', () => {
    const a = g({});
    const b = g({ sensorId: 'T2', value: 3.5, raw: 3.5, level: null, change: 1.5 });
    expect(tiltDrift(a, [a, b], 0.3)).toBeNull();
    const calm = g({ sensorId: 'T2', value: 2, raw: 2, level: null, change: 0.1 });
    const crack = g({ sensorId: 'C1', metric: 'crack_rate', level: 'yellow', change: null });
    expect(tiltDrift(a, [a, calm, crack], 0.3)).toBeNull();
    expect(tiltDrift(a, [a], 0.3)).toBeNull();
  });

  it('judges a vibration gauge knocked when the other vibration gauge saw little, but counts a lone gauge', () => {
    const v = (id: string, value: number) =>
      g({ sensorId: id, metric: 'vibration_ppv', value, raw: value, level: null, change: null });
    const a = v('V1', 0.5);
    expect(knocked(a, [a, v('V2', 0.02)], 0.3)?.sensorId).toBe('V2');
    // V2 has not reported since V1's peak: it cannot deny it.
    expect(knocked({ ...a, lastT: 10 }, [a, { ...v('V2', 0.02), lastT: 5 }], 0.3)).toBeNull();
    expect(knocked(a, [a, v('V2', 0.3)], 0.3)).toBeNull();
    expect(knocked(a, [a], 0.3)).toBeNull();
  });

  it('discounts a lone spike whose median is below the limits', () => {
    const spike = g({ value: 3, raw: 9, level: levelOf(3, limits) });
    explainAway([spike], undefined, defaults);
    expect(spike.discounted?.en).toContain('a lone spike');
  });

  it('discounts a crack that exceeds only through temperature', () => {
    const crack = g({
      metric: 'crack_width',
      limits: { blue: 0.5, yellow: 2, orange: 5, red: 10 },
      value: 0.43,
      raw: 0.56,
      level: null,
      note: { zh: '呼吸', en: 'breathes' },
      change: null,
    });
    explainAway([crack], crack, defaults);
    expect(crack.discounted?.en).toContain('temperature breathing');
  });
});

describe('settlement rate from the cumulative curve', () => {
  const DAY = 86_400_000;
  const end = Date.UTC(2026, 10, 29);
  const sensor = {
    id: 'S1',
    objectId: 'OB',
    riskType: 'old-building',
    metrics: ['settlement'],
    location: [0, 0] as [number, number],
  };
  const ctxFor = (mmPerDay: (d: number) => number) =>
    ({
      history: async (_id: string, _m: string, o?: { from?: string }) => {
        const from = Date.parse(o?.from ?? '1970-01-01T00:00:00Z');
        const out = [];
        let v = 0;
        for (let d = 0; d <= 60; d++) {
          const t = end - (60 - d) * DAY;
          if (t >= from) out.push({ ts: new Date(t).toISOString(), value: v });
          v += mmPerDay(d);
        }
        return out;
      },
      thresholds: async () => ({}),
    }) as unknown as AnalysisContext;
  const input = {
    event: { sensorId: 'X', metric: 'tilt', t: end, value: 0 },
    attributes: {},
    kind: 'masonry_house',
  };

  it('turns red when two 30-day periods run at the orange rate without slowing (JGJ 125)', async () => {
    const [s] = await readGauges(
      ctxFor(() => 5 / 30.44),
      [sensor],
      defaults,
      input,
    );
    expect(s!.metric).toBe('settlement_rate');
    expect(s!.value).toBeCloseTo(5, 6);
    expect(s!.level).toBe('red');
  });

  it('stays at the rate’s own level when the settlement is converging', async () => {
    const [s] = await readGauges(
      ctxFor((d) => (d < 30 ? 8 / 30.44 : 4.5 / 30.44)),
      [sensor],
      defaults,
      input,
    );
    expect(s!.value).toBeCloseTo(4.5, 6);
    expect(s!.level).toBe('orange');
  });
});
