import { describe, expect, it } from 'vitest';
import { assess, occupancy } from './assess.js';
import { defaults, type GasMetric, type MetricKey } from './definition.js';
import type { GasReading, SiteState } from './site.js';

const site = (over: Partial<SiteState> = {}): SiteState => ({
  people_inside: null,
  work_in_progress: null,
  door_open: null,
  permit_approved: null,
  guard_off_post: null,
  ppe_missing: null,
  work_elapsed_min: null,
  ...over,
});
const gas = (metric: GasMetric, value: number, levelIdx: number): GasReading => ({
  metric,
  sensorId: 'G1',
  value,
  ts: '2026-07-14T09:00:00Z',
  levelIdx,
  limits: {},
});
const approvedWork = { permit_approved: 1, guard_off_post: 0, door_open: 1, work_in_progress: 1 };
const run = (trigger: MetricKey, s: SiteState, gases: GasReading[] = [], overtimeIdx = -1, cfg = defaults) =>
  assess({ trigger, site: s, gases, overtimeIdx }, cfg);

describe('occupancy', () => {
  it('trusts a headcount over the work flag and the door', () => {
    expect(occupancy(site({ people_inside: 0, work_in_progress: 1, door_open: 1 }), defaults)).toEqual({
      occupied: false,
      count: 0,
      basis: 'headcount',
    });
  });
  it('counts work in progress as people inside when no headcount is reported', () => {
    expect(occupancy(site({ work_in_progress: 1 }), defaults).basis).toBe('work');
  });
  it('presumes people inside an open door only when configured to', () => {
    expect(occupancy(site({ door_open: 1 }), defaults).occupied).toBe(true);
    expect(occupancy(site({ door_open: 1 }), { openDoorMeansOccupied: false }).occupied).toBe(false);
  });
});

describe('assess: gases and people', () => {
  it('raises H2S at the MAC (blue) to yellow while two people are inside an approved, attended entry', () => {
    const a = run('h2s', site({ ...approvedWork, people_inside: 2 }), [gas('h2s', 12, 1)]);
    expect(a.tier).toBe('yellow');
    expect(a.raises).toEqual(['people']);
    expect(a.main).toBe('h2s');
  });
  it('keeps the same H2S at blue when nobody is inside', () => {
    expect(run('h2s', site({ people_inside: 0, permit_approved: 0 }), [gas('h2s', 12, 1)]).tier).toBe('blue');
  });
  it('gives no warning for a gas at the owner-only alarm level in an empty space', () => {
    const a = run('co', site({ people_inside: 0 }), [gas('co', 16, 0)]);
    expect(a.tier).toBeNull();
    expect(a.index).toBe(0);
  });
  it('turns an alarm-level gas into a blue warning when someone is inside', () => {
    expect(run('co', site({ ...approvedWork, people_inside: 1 }), [gas('co', 16, 0)]).tier).toBe('blue');
  });
  it('adds a tier for people inside a gas exceedance without an attendant', () => {
    const a = run('o2', site({ ...approvedWork, people_inside: 1, guard_off_post: 1 }), [gas('o2', 17.5, 2)]);
    expect(a.raises).toEqual(['people', 'unsafe']);
    expect(a.tier).toBe('red');
  });
  it('caps at red', () => {
    expect(run('h2s', site({ people_inside: 3, permit_approved: 0 }), [gas('h2s', 200, 4)]).tier).toBe('red');
  });
  it('counts CO and H2S each below their limits but together past Σ C/L = 1 as blue (GBZ 2.1 additive rule)', () => {
    const gases = [gas('co', 20, 0), gas('h2s', 4, -1)];
    const a = run('co', site({ people_inside: 0 }), gases);
    expect(a.additive).toBeCloseTo(20 / 30 + 4 / 10, 6);
    expect(a.additiveExceeded).toBe(true);
    expect(a.tier).toBe('blue');
    expect(
      run('co', site({ people_inside: 0 }), gases, -1, { ...defaults, additiveToxics: false }).tier,
    ).toBeNull();
  });
  it('does not call a single gas past its own limit a combined exceedance', () => {
    expect(run('h2s', site({ people_inside: 0 }), [gas('h2s', 16, 0)]).additiveExceeded).toBe(false);
  });
  it('adds a tier when two gases are at blue or above at once', () => {
    const a = run('o2', site({ people_inside: 0 }), [gas('o2', 19, 1), gas('h2s', 11, 1)]);
    expect(a.raises).toEqual(['multi']);
    expect(a.tier).toBe('yellow');
  });
});

describe('assess: entry events', () => {
  it('gives no warning for an approved, attended entry in clean air', () => {
    const a = run('door_open', site({ ...approvedWork, people_inside: 2 }), [gas('h2s', 1, -1)]);
    expect(a.tier).toBeNull();
    expect(a.unauthorised).toBe(false);
  });
  it('warns blue for a door opened without a permit with nobody inside, yellow with someone inside', () => {
    expect(run('door_open', site({ door_open: 1, permit_approved: 0, people_inside: 0 })).tier).toBe('blue');
    const a = run('people_inside', site({ door_open: 1, permit_approved: 0, people_inside: 1 }));
    expect(a.tier).toBe('yellow');
    expect(a.main).toBe('unauthorised');
  });
  it('treats an unreported permit as not approved unless configured otherwise', () => {
    const s = site({ door_open: 1, people_inside: 0 });
    expect(run('door_open', s).unauthorised).toBe(true);
    expect(run('door_open', s, [], -1, { ...defaults, unknownPermitIsUnapproved: false }).tier).toBeNull();
  });
  it('gives no warning for an empty attendant post after everyone is out', () => {
    expect(
      run('guard_off_post', site({ guard_off_post: 1, people_inside: 0, work_in_progress: 0 })).tier,
    ).toBeNull();
  });
  it('warns blue for an attendant off post with people inside', () => {
    const a = run('guard_off_post', site({ ...approvedWork, guard_off_post: 1, people_inside: 2 }));
    expect(a.tier).toBe('blue');
    expect(a.main).toBe('guard');
  });
  it('warns blue for people inside without protective equipment, and ignores the camera once they are out', () => {
    expect(run('ppe_missing', site({ ...approvedWork, people_inside: 2, ppe_missing: 1 })).main).toBe('ppe');
    expect(run('ppe_missing', site({ ...approvedWork, people_inside: 2, ppe_missing: 1 })).tier).toBe('blue');
    expect(run('ppe_missing', site({ people_inside: 0, ppe_missing: 1 })).tier).toBeNull();
  });
  it('takes the overtime level while work goes on, and ignores a clock left running after work ended', () => {
    expect(run('work_elapsed_min', site({ ...approvedWork, people_inside: 2 }), [], 2).tier).toBe('yellow');
    expect(run('work_elapsed_min', site({ people_inside: 0, work_in_progress: 0 }), [], 2).tier).toBeNull();
  });
  it('gives the same tier to one situation whichever alarm asks', () => {
    const s = site({ door_open: 1, permit_approved: 0, people_inside: 1, guard_off_post: 1 });
    const gases = [gas('h2s', 6, 0)];
    const tiers = (['h2s', 'door_open', 'people_inside', 'guard_off_post'] as const).map(
      (t) => run(t, s, gases).tier,
    );
    expect(new Set(tiers)).toEqual(new Set(['orange']));
  });
});
