import type { CityObject } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { circlePolygon, headCount, levelOf, maxTier, slopePerMin, sumPopulation, tierAt } from './common.js';
import { defaults } from './definition.js';

const target = (kind: string, attributes: Record<string, unknown> = {}): CityObject => ({
  id: kind,
  kind,
  role: 'target',
  name: { zh: kind, en: kind },
  geometry: { type: 'Point', coordinates: [120, 30] },
  attributes,
});

describe('common helpers', () => {
  it('takes the highest level a value reaches, skipping levels that are not defined', () => {
    const limits = { alarm: 5, blue: 15, yellow: 25, orange: 40, red: 50 };
    expect(levelOf(4, limits)).toBeNull();
    expect(levelOf(26, limits)).toBe('yellow');
    expect(levelOf(80, { blue: 50 })).toBe('blue');
  });

  it('gives no warning at the owner-only alarm level and caps escalation at red', () => {
    expect(tierAt(0)).toBeNull();
    expect(tierAt(2)).toBe('yellow');
    expect(tierAt(7)).toBe('red');
    expect(maxTier(null, 'blue', 'orange')).toBe('orange');
    expect(maxTier(null, null)).toBeNull();
  });

  it('counts heads from the attribute first, then the per-kind estimate, and tells the unknown apart', () => {
    expect(headCount(target('school', { population: 640 }), defaults)).toBe(640);
    expect(headCount(target('school'), defaults)).toBe(1000);
    expect(headCount(target('warehouse'), defaults)).toBeNull();
    expect(
      sumPopulation(
        [target('school', { population: 640 }), target('hospital'), target('warehouse')],
        defaults,
      ),
    ).toEqual({
      population: 1440,
      unknown: 1,
    });
  });

  it('fits a least-squares slope per minute and draws a closed 65-point circle', () => {
    const t0 = Date.parse('2026-07-15T08:00:00Z');
    expect(slopePerMin([0, 1, 2, 3].map((k) => ({ t: t0 + k * 60_000, v: 2 * k })))).toBeCloseTo(2, 9);
    const c = circlePolygon([120.17, 30.27], 200).coordinates[0]!;
    expect(c).toHaveLength(65);
    expect(c[0]).toEqual(c[64]);
  });
});
