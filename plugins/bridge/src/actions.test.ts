import { describe, expect, it } from 'vitest';
import { type ActionContext, actionsFor, transientCheck } from './actions.js';

const c: ActionContext = {
  bridge: { zh: '庆春路跨河桥', en: 'Qingchun Road River Bridge' },
  metrics: { zh: '挠度、应变', en: 'deflection, strain' },
  cause: 'load',
  targets: [{ zh: '滨河小学', en: 'Binhe Primary School' }],
  footbridge: false,
};
const en = (xs: { en: string }[]) => xs.map((x) => x.en).join(' | ');

describe('bridge actions', () => {
  it('recommend a routine inspection at blue and a special inspection from yellow', () => {
    expect(en(actionsFor('blue', c))).toContain('routine inspection');
    expect(en(actionsFor('blue', c))).not.toContain('special inspection');
    expect(en(actionsFor('yellow', c))).toContain('special inspection');
  });

  it('recommend expert review and load restriction at orange, but no closure', () => {
    const text = en(actionsFor('orange', c));
    expect(text).toContain('Convene bridge experts');
    expect(text).toContain('Traffic control: load and speed limits');
    expect(text).toContain('Warn Binhe Primary School');
    expect(text).not.toContain('Close Qingchun Road River Bridge now');
  });

  it('close the bridge at red', () => {
    expect(actionsFor('red', c)[0]!.en).toContain('Close Qingchun Road River Bridge now');
  });

  it('restrict high-sided vehicles in wind and control crowds on a footbridge', () => {
    expect(en(actionsFor('yellow', { ...c, cause: 'wind' }))).toContain('high-sided vehicles');
    expect(en(actionsFor('orange', { ...c, cause: 'pedestrian', footbridge: true }))).toContain(
      'Limit the number of people',
    );
  });

  it('point the owner at weigh-in-motion records after a single heavy vehicle', () => {
    expect(transientCheck({ bridge: c.bridge, heavyVehicle: true })[0]!.en).toContain('weigh-in-motion');
  });
});
