import { describe, expect, it } from 'vitest';
import { panelImpairment, pressureState, readWater, tankImpairment } from './capacity.js';

const H = 3_600_000;
const T0 = Date.parse('2026-02-01T00:00:00Z');
const name = { zh: '消火栓系统', en: 'Hydrant system' };

describe('pressureState and readWater', () => {
  const s = [0.2, 0.2, 0.05, 0.05, 0.05].map((v, i) => ({ t: T0 + i * H, v }));
  const p = pressureState(s, 0.07)!;

  it('finds the start of the trailing run below the GB 50974 minimum', () => {
    expect(p.belowSinceT).toBe(T0 + 2 * H);
    expect(p.ratio).toBeCloseTo(0.714, 3);
  });

  it('reads a drop that began before the fire as an impairment and one after the first alarm as water flowing', () => {
    const now = T0 + 4 * H;
    expect(readWater(p, now, null, 0.5, 600_000)).toEqual({ state: 'impaired', hours: 2, severe: false });
    expect(readWater(p, now, T0 + 4 * H, 0.5, 600_000)).toMatchObject({ state: 'impaired' });
    expect(readWater(p, now, T0 + 2 * H + 5 * 60_000, 0.5, 600_000)).toMatchObject({ state: 'flowing' });
  });

  it('calls a pressure at or below half the minimum severe, and a pressure above it fine', () => {
    const severe = pressureState([{ t: T0, v: 0.03 }], 0.07)!;
    expect(readWater(severe, T0, null, 0.5, 0)).toMatchObject({ state: 'impaired', severe: true });
    expect(readWater(pressureState([{ t: T0, v: 0.3 }], 0.07)!, T0, null, 0.5, 0)).toEqual({ state: 'ok' });
  });
});

describe('tankImpairment', () => {
  it('reports a level at or below the fire reserve, not one above it', () => {
    expect(tankImpairment('T', name, [{ t: T0, v: 1.5 }], 2)?.kind).toBe('water_tank');
    expect(tankImpairment('T', name, [{ t: T0, v: 2.5 }], 2)).toBeNull();
  });
});

describe('panelImpairment', () => {
  it('reads isolate, fault and offline as impairments, and normal or fire as none', () => {
    const at = (v: number) => [
      { t: T0, v: 0 },
      { t: T0 + H, v },
    ];
    expect(panelImpairment('P', name, at(2))).toMatchObject({
      kind: 'panel_fault',
      sinceT: T0 + H,
      severe: true,
    });
    expect(panelImpairment('P', name, at(3))?.kind).toBe('panel_offline');
    expect(panelImpairment('P', name, at(1))).toMatchObject({ kind: 'panel_isolate', severe: false });
    expect(panelImpairment('P', name, at(0))).toBeNull();
    expect(panelImpairment('P', name, at(4))).toBeNull();
  });
});
