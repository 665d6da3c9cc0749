import { describe, expect, it } from 'vitest';
import { levelOf, rateDanger, stepScore, tierOfLevel } from './danger.js';
import { defaults } from './definition.js';

const cfg = defaults.danger;

describe('fire-danger rating', () => {
  it('scores a value by the last step it reaches', () => {
    expect(stepScore(cfg.tempScores, 4.9)).toBe(0);
    expect(stepScore(cfg.tempScores, 5)).toBe(5);
    expect(stepScore(cfg.tempScores, 31)).toBe(25);
    expect(stepScore(cfg.windScores, 10.7)).toBe(20);
    expect(stepScore(cfg.windScores, 10.8)).toBe(25);
  });

  it('rates hot, dry, windy weather after 20 days without rain as level 5', () => {
    const r = rateDanger({ tempC: 28, rhPct: 18, windMs: 8, dryDays: 20 }, cfg);
    expect(r.scores).toEqual({ temp: 25, dryness: 25, dryDays: 25, wind: 20 });
    expect(r.index).toBe(95);
    expect(r.level).toBe(5);
  });

  it('rates cool, humid weather the day after rain as level 1', () => {
    const r = rateDanger({ tempC: 12, rhPct: 85, windMs: 2, dryDays: 0 }, cfg);
    expect(r.index).toBe(15);
    expect(r.level).toBe(1);
  });

  it('cuts the index into levels at 26, 51, 73 and 91', () => {
    expect([25, 26, 50, 51, 72, 73, 90, 91].map((i) => levelOf(i, cfg.levelFrom))).toEqual([
      1, 2, 2, 3, 3, 4, 4, 5,
    ]);
  });

  it('maps levels to tiers: 1 none, 2 blue, 3 yellow, 4 orange, 5 red', () => {
    expect([1, 2, 3, 4, 5].map(tierOfLevel)).toEqual([null, 'blue', 'yellow', 'orange', 'red']);
  });
});
