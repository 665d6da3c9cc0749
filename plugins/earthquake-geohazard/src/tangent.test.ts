import { describe, expect, it } from 'vitest';
import { defaults } from './definition.js';
import { judgeSlope } from './slope.js';
import { movingMedian, stageOf, tangentAngle, tangentAngleDeg } from './tangent.js';

const creep = (days: number, v: number) =>
  Array.from({ length: days }, (_, i) => ({ t: i - days + 1, value: v * i }));

describe('improved tangent angle', () => {
  it('reads 45° for uniform creep and the 许强 stage bounds 45/80/85°', () => {
    expect(tangentAngleDeg(2, 1, 2)).toBeCloseTo(45, 6);
    const a = defaults.tangent.angles;
    expect(stageOf(45, a)).toBe('uniform');
    expect(stageOf(60, a)).toBe('initial_acceleration');
    expect(stageOf(82, a)).toBe('medium_acceleration');
    expect(stageOf(86, a)).toBe('imminent');
    expect(stageOf(20, a)).toBe('decelerating');
  });
  it('finds uniform creep on a steady series and acceleration when the last days speed up', () => {
    const s = creep(30, 0.5);
    expect(tangentAngle(s, defaults.tangent)?.stage).toBe('uniform');
    const acc = s.map((p, i) => (i >= 27 ? { ...p, value: p.value + 3 * (i - 26) ** 2 } : p));
    const r = tangentAngle(acc, defaults.tangent);
    expect(r?.vFitted).toBeCloseTo(0.5, 3);
    expect(r?.alphaDeg).toBeGreaterThan(80);
  });
  it('lets a moving median drop a lone spike', () => {
    const s = creep(10, 1);
    s[9] = { t: 0, value: 40 };
    expect(movingMedian(s, 3)[9]!.value).toBe(8);
  });
  it('does not claim to raise the tier for rain when the series is too short for a tangent angle', () => {
    const short = [
      { t: -0.002, value: 86 },
      { t: -0.001, value: 86.5 },
      { t: 0, value: 87 },
    ];
    const v = judgeSlope(short, 112, defaults);
    expect(v.tangent).toBeNull();
    const text = v.findings.map((f) => f.en).join(' ');
    expect(text).toContain('no tangent angle to raise');
    expect(text).not.toContain('raised by one');
  });
  it('rejects a lone GNSS jump and raises an accelerating slope one tier for heavy rain', () => {
    const s = creep(30, 0.5);
    const spike = s.map((p, i) => (i === 29 ? { ...p, value: p.value + 25 } : p));
    expect(judgeSlope(spike, 0, defaults).tier).toBeNull();
    const acc = s.map((p, i) => (i >= 28 ? { ...p, value: p.value + 0.6 * (i - 27) } : p));
    const dry = judgeSlope(acc, 0, defaults);
    expect(dry.tangent?.stage).toBe('initial_acceleration');
    expect(dry.tier).toBe('yellow');
    expect(judgeSlope(acc, 80, defaults).tier).toBe('orange');
  });
});
