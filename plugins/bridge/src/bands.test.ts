import { describe, expect, it } from 'vitest';
import { baselineLimits, beaufort, setraComfort } from './bands.js';

describe('reference bands', () => {
  it('classes vertical footbridge acceleration by the Sétra bands', () => {
    expect(setraComfort(0.3)).toBe('maximum');
    expect(setraComfort(0.5)).toBe('mean');
    expect(setraComfort(1.3)).toBe('minimum');
    expect(setraComfort(2.5)).toBe('minimum');
    expect(setraComfort(2.6)).toBe('unacceptable');
  });

  it('classes lateral acceleration by the Sétra lateral bands', () => {
    expect(setraComfort(0.2, 'lateral')).toBe('mean');
    expect(setraComfort(0.9, 'lateral')).toBe('unacceptable');
  });

  it('turns a road bridge’s baseline into 2/3/4/5 × limits', () => {
    const l = baselineLimits(0.2, { blue: 2, yellow: 3, orange: 4, red: 5 });
    expect([l.blue, l.yellow, l.orange, l.red].map((x) => Math.round(x! * 100) / 100)).toEqual([
      0.4, 0.6, 0.8, 1,
    ]);
  });

  it('gives the Beaufort level by its lower bound', () => {
    expect(beaufort(0.1)).toBe(0);
    expect(beaufort(10.8)).toBe(6);
    expect(beaufort(17.1)).toBe(7);
    expect(beaufort(17.2)).toBe(8);
    expect(beaufort(25)).toBe(10);
    expect(beaufort(62)).toBe(18);
  });
});
