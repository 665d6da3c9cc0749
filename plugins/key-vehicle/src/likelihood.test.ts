import { describe, expect, it } from 'vitest';
import { combine, type Factor, levelOf } from './likelihood.js';

const f = (key: Factor['key'], level: Factor['level']): Factor => ({
  key,
  level,
  text: { zh: key, en: key },
});
const day = { night: false, raining: false, hazmatNearTarget: false };

describe('levelOf', () => {
  it('maps a value onto [alarm, blue, yellow, orange, red] limits, skipping absent levels', () => {
    expect(levelOf(0.25, [0.01, 0.1, 0.2, 0.5, null])).toBe(3);
    expect(levelOf(0.005, [0.01, 0.1, 0.2, 0.5, null])).toBe(0);
    expect(levelOf(6, [3.75, 4, 4.5, 5, 6])).toBe(5);
  });
});

describe('combine', () => {
  it('issues no warning for an alarm-level factor alone', () => {
    expect(combine([f('overspeed', 1)], day).tier).toBeNull();
  });
  it('takes the highest factor as the tier', () => {
    expect(combine([f('overspeed', 3)], day).tier).toBe('yellow');
  });
  it('raises one tier for co-occurring factors and one more at night', () => {
    expect(combine([f('overspeed', 2), f('fatigue', 2)], day).tier).toBe('yellow');
    expect(combine([f('overspeed', 2), f('fatigue', 2)], { ...day, night: true }).tier).toBe('orange');
  });
  it('raises a hazmat truck beside a protection target one tier', () => {
    expect(combine([f('overspeed', 3)], { ...day, hazmatNearTarget: true }).tier).toBe('orange');
  });
  it('makes a DSM fatigue event while over the driving limit red', () => {
    expect(combine([f('dsm', 1), f('fatigue', 2)], day).tier).toBe('red');
  });
  it('never goes above red', () => {
    const r = combine([f('overspeed', 5), f('fatigue', 5)], {
      night: true,
      raining: true,
      hazmatNearTarget: true,
    });
    expect(r.tier).toBe('red');
    expect(r.level).toBe(5);
  });
});
