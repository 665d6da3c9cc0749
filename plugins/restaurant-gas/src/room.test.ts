import { describe, expect, it } from 'vitest';
import { projectRoom } from './room.js';

describe('projectRoom (well-mixed box model)', () => {
  it('derives the leak rate, the steady state and the time to LEL from the rise', () => {
    // 60 m³, 6 ACH (λ = 0.1 /min), 20 %LEL rising 12 %LEL/min, methane LEL 5 %vol.
    const p = projectRoom(20, 12, 60, 6, 5);
    // G = V (dC/dt + λC) = 60 × (12 + 2) %LEL/min = 840 %LEL·m³/min → × 5/10 000 → 0.42 m³/min = 25.2 m³/h.
    expect(p.leakM3h).toBeCloseTo(25.2, 6);
    expect(p.steadyLel).toBeCloseTo(140, 6);
    // t = ln((140 − 20)/(140 − 100)) / 0.1 = 10·ln 3.
    expect(p.minutesToLel!).toBeCloseTo(10 * Math.log(3), 6);
  });

  it('never reaches the LEL when ventilation balances the leak below it', () => {
    const p = projectRoom(12, 2, 60, 6, 5);
    expect(p.steadyLel).toBeCloseTo(32, 6);
    expect(p.minutesToLel).toBeNull();
  });

  it('extrapolates linearly in an unventilated room', () => {
    const p = projectRoom(20, 4, 30, 0, 2.1);
    expect(p.steadyLel).toBe(Infinity);
    expect(p.minutesToLel).toBe(20);
  });

  it('gives no time to LEL for a curve that is not rising', () => {
    expect(projectRoom(15, 0, 60, 6, 5).minutesToLel).toBeNull();
  });
});
