import { describe, expect, it } from 'vitest';
import { actionsFor } from './actions.js';

const c = {
  building: { zh: '18 号楼', en: 'No. 18' },
  signals: { zh: '倾斜', en: 'tilt' },
  fallZoneM: 21,
  occupants: 32,
  inZone: [{ zh: '幼儿园', en: 'the kindergarten' }],
  commercial: true,
  heritage: false,
  vibration: false,
};

describe('actions', () => {
  it('asks for inspection at blue and a JGJ 125 appraisal with restricted use at yellow', () => {
    expect(
      actionsFor('blue', c)
        .map((a) => a.en)
        .join(' '),
    ).toContain('inspect');
    expect(actionsFor('yellow', c)[0]!.en).toContain('JGJ 125');
  });

  it('stops use, moves the occupants out and cordons the fall zone at orange', () => {
    const en = actionsFor('orange', c).map((a) => a.en);
    expect(en[0]).toContain('about 32 people');
    expect(en.join(' ')).toContain('21 m');
    expect(en.join(' ')).toContain('the kindergarten');
  });

  it('halts the vibration source when vibration exceeds', () => {
    expect(actionsFor('yellow', { ...c, vibration: true })[0]!.en).toContain('Halt blasting');
    expect(
      actionsFor('yellow', c)
        .map((a) => a.en)
        .join(' '),
    ).not.toContain('Halt blasting');
  });

  it('evacuates the building and the fall zone first at red', () => {
    const red = actionsFor('red', c).map((a) => a.en);
    expect(red[0]).toMatch(/^Evacuate everyone .* within 21 m \(the kindergarten\)/);
    expect(red.join(' ')).not.toContain('ready to leave');
  });
});
