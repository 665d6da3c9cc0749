import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { assessCircuit, type CircuitState, episodes } from './electrical.js';

const T0 = Date.parse('2026-07-20T00:00:00Z');
const none: CircuitState = {
  leakTier: null,
  leakmA: null,
  leak: null,
  cableTier: null,
  cableRatio: null,
  arcs: 0,
};

describe('episodes', () => {
  it('counts separate runs at or above the limit and the length of the trailing one', () => {
    const s = [100, 320, 330, 100, 310, 100, 350, 360, 370].map((v, i) => ({ t: T0 + i * 60_000, v }));
    expect(episodes(s, 300)).toEqual({ count: 3, heldMin: 2 });
    expect(episodes(s.slice(0, 4), 300)).toEqual({ count: 1, heldMin: 0 });
  });
});

describe('assessCircuit', () => {
  const leak = (count: number, heldMin: number): CircuitState => ({
    ...none,
    leakTier: 'blue',
    leakmA: 340,
    leak: { count, heldMin },
  });

  it('keeps a short, first residual-current exceedance with the owner', () => {
    const a = assessCircuit(leak(1, 2), defaults);
    expect(a.tier).toBeNull();
    expect(a.shortExceedance).toBe(true);
  });

  it('warns blue when the residual current recurs 3 times in 24 h or holds 10 min', () => {
    expect(assessCircuit(leak(3, 1), defaults).tier).toBe('blue');
    expect(assessCircuit(leak(1, 12), defaults).tier).toBe('blue');
  });

  it('takes the residual-current level as it is from yellow up', () => {
    expect(
      assessCircuit({ ...none, leakTier: 'orange', leakmA: 850, leak: { count: 1, heldMin: 1 } }, defaults)
        .tier,
    ).toBe('orange');
  });

  it('raises residual current and cable temperature together on one circuit to the coincidence tier (red)', () => {
    const a = assessCircuit({ ...leak(1, 1), cableTier: 'blue', cableRatio: 0.72 }, defaults);
    expect(a).toMatchObject({ tier: 'red', coincidence: true });
    expect(
      assessCircuit(
        { ...leak(1, 1), cableTier: 'blue' },
        { ...defaults, electricalCoincidenceTier: 'yellow' },
      ).tier,
    ).toBe('yellow');
  });

  it('adds a tier for an arc fault with another sign, and warns blue on recurring arcs alone', () => {
    expect(assessCircuit({ ...none, cableTier: 'yellow', cableRatio: 0.82, arcs: 1 }, defaults).tier).toBe(
      'orange',
    );
    expect(assessCircuit({ ...none, arcs: 1 }, defaults).tier).toBeNull();
    expect(assessCircuit({ ...none, arcs: 3 }, defaults).tier).toBe('blue');
  });
});
