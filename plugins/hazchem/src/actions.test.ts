import { describe, expect, it } from 'vitest';
import { type ActionContext, actionsFor } from './actions.js';

const base: ActionContext = {
  driver: 'storage',
  tier: 'yellow',
  area: { zh: '罐区', en: 'Tank farm' },
  radiusM: 500,
  targets: [{ zh: '小学', en: 'Primary school' }],
  toxic: false,
  flame: false,
  bypassed: [],
  faults: [],
};

describe('recommended actions', () => {
  it('puts stopping the inflow first for a storage deviation, then the escalations, cumulatively', () => {
    const red = actionsFor({ ...base, tier: 'red' });
    expect(red[0]?.en).toContain('Stop filling the abnormal tank');
    expect(red[1]?.en).toContain('Activate the enterprise emergency plan');
    expect(red.filter((a) => a.en.startsWith('Stop filling'))).toHaveLength(1);
    expect(red.length).toBeGreaterThan(actionsFor(base).length);
  });

  it('puts restoring a bypassed interlock before everything else', () => {
    const a = actionsFor({ ...base, driver: 'unit', tier: 'orange', bypassed: [{ zh: 'R-1', en: 'R-1' }] });
    expect(a[0]?.en).toContain('Restore the bypassed interlocks at once (R-1)');
  });

  it('names the protection targets from orange up only', () => {
    expect(actionsFor(base).some((a) => a.en.includes('Primary school'))).toBe(false);
    expect(
      actionsFor({ ...base, driver: 'leak', tier: 'orange' }).some((a) => a.en.includes('Primary school')),
    ).toBe(true);
  });

  it('asks for breathing apparatus for a toxic leak and ventilation for a combustible one', () => {
    expect(
      actionsFor({ ...base, driver: 'leak', toxic: true }).some((a) => a.en.includes('breathing apparatus')),
    ).toBe(true);
    expect(actionsFor({ ...base, driver: 'leak' }).some((a) => a.en.includes('emergency ventilation'))).toBe(
      true,
    );
  });
});
