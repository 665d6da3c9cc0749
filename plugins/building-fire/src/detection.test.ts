import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { assessFire, correlated, originFloor, type Place, type Signal, seriesSignal } from './detection.js';

const T0 = Date.parse('2026-01-15T12:00:00Z');
const m = (min: number) => T0 + min * 60_000;
const at = (floor: number | null, zone: string | null = null): Place => ({ buildingId: 'B', floor, zone });
const sig = (
  id: string,
  kind: Signal['kind'],
  floor: number | null,
  min: number,
  extra: Partial<Signal> = {},
): Signal => ({
  sensorId: id,
  kind,
  place: at(floor),
  name: { zh: id, en: id },
  firstT: m(min),
  peak: kind === 'heat' ? 60 : 1,
  hot: false,
  chatter: false,
  ...extra,
});
const base = { priority: false, waterFlowing: false, impairments: 0 };

describe('seriesSignal', () => {
  it('finds the first sample at or above the limit inside the window and counts rising edges over the whole series', () => {
    const s = [0, 1, 0, 1, 0, 1].map((v, i) => ({ t: m(i * 10), v }));
    const r = seriesSignal(s, 0.5, m(25));
    expect(r).toEqual({ firstT: m(30), peak: 1, edges: 3 });
  });

  it('takes a heat rise of at least the rate limit per minute as an alarm below the static temperature', () => {
    const s = [22, 24, 30, 41].map((v, i) => ({ t: m(i), v }));
    expect(seriesSignal(s, 54, m(0), 10)?.firstT).toBe(m(3));
    expect(seriesSignal(s, 54, m(0), null)).toBeNull();
  });

  it('gives null when nothing in the window reaches the limit', () => {
    expect(
      seriesSignal(
        [
          { t: m(0), v: 1 },
          { t: m(20), v: 0 },
        ],
        0.5,
        m(10),
      ),
    ).toBeNull();
  });
});

describe('correlated', () => {
  it('joins the same alarm zone, adjacent floors and unknown floors of one building, never two buildings', () => {
    const cfg = { correlateFloors: 1 };
    expect(correlated(at(12), at(13), cfg)).toBe(true);
    expect(correlated(at(12), at(14), cfg)).toBe(false);
    expect(correlated(at(3, 'A'), at(9, 'A'), cfg)).toBe(true);
    expect(correlated(at(null), at(20), cfg)).toBe(true);
    expect(correlated(at(12), { buildingId: 'C', floor: 12, zone: null }, cfg)).toBe(false);
  });
});

describe('assessFire', () => {
  it('keeps one detector as the owner alarm (no tier)', () => {
    const a = assessFire({ ...base, at: at(12), signals: [sig('S1', 'smoke', 12, 0)] }, defaults);
    expect(a.tier).toBeNull();
    expect(a.group).toHaveLength(1);
  });

  it('warns yellow for two detectors in one zone and ignores one on a far floor for confirmation', () => {
    const a = assessFire(
      {
        ...base,
        at: at(12),
        signals: [sig('S1', 'smoke', 12, 0), sig('S2', 'smoke', 12, 2), sig('S9', 'smoke', 25, 1)],
      },
      defaults,
    );
    expect(a.twoInZone).toBe(true);
    expect(a.group.map((s) => s.sensorId)).toEqual(['S1', 'S2']);
    // Signals on two floors of the building: spread, one tier up.
    expect(a.spread).toBe(true);
    expect(a.tier).toBe('orange');
  });

  it('confirms with a flame detector (orange) and makes a confirmed fire in a priority building red', () => {
    const signals = [sig('S1', 'smoke', 3, 0), sig('F1', 'flame', 3, 1)];
    expect(assessFire({ ...base, at: at(3), signals }, defaults).tier).toBe('orange');
    expect(assessFire({ ...base, priority: true, at: at(3), signals }, defaults).tier).toBe('red');
  });

  it('confirms with heat at the sprinkler rating or with fire water flowing', () => {
    const hot = [sig('S1', 'smoke', 3, 0), sig('H1', 'heat', 3, 1, { hot: true, peak: 70 })];
    expect(assessFire({ ...base, at: at(3), signals: hot }, defaults).confirmedBy).toEqual(['heat']);
    const two = [sig('S1', 'smoke', 3, 0), sig('S2', 'smoke', 3, 1)];
    expect(assessFire({ ...base, waterFlowing: true, at: at(3), signals: two }, defaults)).toMatchObject({
      tier: 'orange',
      confirmedBy: ['water'],
    });
  });

  it('raises a single detector to blue when fire protection is impaired', () => {
    const a = assessFire(
      { ...base, impairments: 2, at: at(2), signals: [sig('S1', 'smoke', 2, 0)] },
      defaults,
    );
    expect(a.tier).toBe('blue');
  });

  it('does not count a chattering detector, nor the panel signal when detectors report', () => {
    const a = assessFire(
      {
        ...base,
        at: at(3),
        signals: [
          sig('S1', 'smoke', 3, 0, { chatter: true }),
          sig('S2', 'smoke', 3, 1),
          sig('P', 'panel', null, 0),
        ],
      },
      defaults,
    );
    expect(a.tier).toBeNull();
    expect(a.chattering.map((s) => s.sensorId)).toEqual(['S1']);
    expect(a.group.map((s) => s.sensorId)).toEqual(['S2']);
  });

  it('judges smoke that climbed floor by floor with the detectors where it started', () => {
    const signals = [
      sig('S8', 'smoke', 8, 0),
      sig('H8', 'heat', 8, 1, { hot: true, peak: 75 }),
      sig('S9', 'smoke', 9, 2),
      sig('S10', 'smoke', 10, 4),
      sig('S20', 'smoke', 20, 3),
    ];
    const a = assessFire({ ...base, priority: true, at: at(10), signals }, defaults);
    // Floor 10 reaches floor 8 through floor 9; floor 20 has no chain of alarmed floors to it.
    expect(a.group.map((s) => s.sensorId)).toEqual(['S8', 'H8', 'S9', 'S10']);
    expect(a.confirmedBy).toEqual(['heat']);
    expect(a.tier).toBe('red');
    expect(originFloor(a.group, 10)).toBe(8);
    // A detector with no floor correlates with every floor but does not bridge them.
    const bridged = assessFire(
      {
        ...base,
        at: at(20),
        signals: [sig('S8', 'smoke', 8, 0), sig('X', 'smoke', null, 1), sig('S20', 'smoke', 20, 2)],
      },
      defaults,
    );
    expect(bridged.group.map((s) => s.sensorId)).toEqual(['X', 'S20']);
  });

  it('caps escalation at maxEscalation', () => {
    const signals = [sig('S1', 'smoke', 3, 0), sig('S2', 'smoke', 3, 1), sig('S3', 'smoke', 9, 1)];
    const a = assessFire({ ...base, impairments: 1, at: at(3), signals }, { ...defaults, maxEscalation: 1 });
    expect(a.tier).toBe('orange');
  });
});

describe('originFloor', () => {
  it('is the floor of the earliest signal, the lowest on a tie', () => {
    expect(originFloor([sig('A', 'smoke', 13, 1), sig('B', 'smoke', 12, 2)], null)).toBe(13);
    expect(originFloor([sig('A', 'smoke', 13, 1), sig('B', 'smoke', 12, 1)], null)).toBe(12);
    expect(originFloor([], 5)).toBe(5);
  });
});
