import { describe, expect, it } from 'vitest';
import { type ActionContext, actionsFor, ownerCheck } from './actions.js';

const c: ActionContext = {
  radiusM: 230,
  source: { zh: '3号阀门井', en: 'Valve well 3' },
  main: { zh: '解放路中压燃气管', en: 'Jiefang Road MP gas main' },
  targets: [{ zh: '解放路小学', en: 'Jiefang Road Primary School' }],
  hazards: [{ zh: '解放路加油站', en: 'Jiefang Road filling station' }],
  rupture: false,
};

describe('recommended actions', () => {
  it('grow with the tier, each tier carrying the lower tiers’ actions', () => {
    const n = (['blue', 'yellow', 'orange', 'red'] as const).map((t) => actionsFor(t, c).length);
    expect(n[0]).toBeLessThan(n[1]!);
    expect(n[1]).toBeLessThan(n[2]!);
    expect(n[2]).toBeLessThan(n[3]!);
    expect(actionsFor('red', c).some((a) => a.en.includes('re-measure'))).toBe(true);
  });

  it('close the valves of the named main and evacuate the radius from orange', () => {
    const en = actionsFor('orange', c).map((a) => a.en);
    expect(en.some((a) => a.includes('Jiefang Road MP gas main'))).toBe(true);
    expect(en.some((a) => a.includes('within 230 m'))).toBe(true);
    expect(en.some((a) => a.includes('Jiefang Road Primary School'))).toBe(true);
    expect(actionsFor('yellow', c).some((a) => a.en.includes('Close the valves'))).toBe(false);
  });

  it('order the hazards to stop work at red, and evacuate once', () => {
    const en = actionsFor('red', c).map((a) => a.en);
    expect(en.some((a) => a.includes('Tell Jiefang Road filling station to stop work'))).toBe(true);
    expect(en.filter((a) => a.includes('within 230 m'))).toHaveLength(1);
  });

  it('add the remote block valve for a rupture', () => {
    expect(actionsFor('red', { ...c, rupture: true }).some((a) => a.en.startsWith('Rupture signature'))).toBe(
      true,
    );
    expect(actionsFor('red', c).some((a) => a.en.startsWith('Rupture signature'))).toBe(false);
  });

  it('recommend calibration for a drifting sensor', () => {
    expect(ownerCheck('GAS-0031', 'drift')[0]!.zh).toContain('标定');
  });
});
