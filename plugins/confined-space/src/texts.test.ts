import { describe, expect, it } from 'vitest';
import { assess } from './assess.js';
import { defaults } from './definition.js';
import type { GasReading, SiteState } from './site.js';
import { actionsFor, conclusion, describeGas, workUnitName } from './texts.js';

const site = (over: Partial<SiteState>): SiteState => ({
  people_inside: null,
  work_in_progress: null,
  door_open: null,
  permit_approved: null,
  guard_off_post: null,
  ppe_missing: null,
  work_elapsed_min: null,
  ...over,
});
const h2s = (value: number, levelIdx: number): GasReading => ({
  metric: 'h2s',
  sensorId: 'G1',
  value,
  ts: '2026-07-14T09:00:00Z',
  levelIdx,
  limits: {},
});
const unit = { zh: '养护公司', en: 'Maintenance Co.' };
const en = (list: { en: string }[]) => list.map((s) => s.en).join(' | ');

describe('actionsFor', () => {
  it('orders evacuation and forbids unprotected rescue when people are inside a gas at blue or above', () => {
    const a = assess(
      {
        trigger: 'h2s',
        site: site({ people_inside: 2, permit_approved: 1, guard_off_post: 0 }),
        gases: [h2s(25, 2)],
        overtimeIdx: -1,
      },
      defaults,
    );
    const text = en(actionsFor({ a, workUnit: unit, surfaceHazard: false, radiusM: 10 }));
    expect(text).toMatch(/^stop work at once/);
    expect(text).toContain('no unprotected rescue');
    expect(text).toContain('stop dredging');
    expect(text).toContain('Maintenance Co.');
  });
  it('only forbids entry until tested for a gas at alarm level in an empty space', () => {
    const a = assess(
      { trigger: 'h2s', site: site({ people_inside: 0 }), gases: [h2s(6, 0)], overtimeIdx: -1 },
      defaults,
    );
    const text = en(actionsFor({ a, workUnit: unit, surfaceHazard: false, radiusM: 10 }));
    expect(text).toContain('no entry; ventilate, test, then work');
    expect(text).not.toContain('stop dredging');
    expect(text).not.toContain('stop work at once');
  });
  it('cordons off the surface radius when the gas may reach passers-by', () => {
    const a = assess(
      { trigger: 'h2s', site: site({ people_inside: 0 }), gases: [h2s(90, 3)], overtimeIdx: -1 },
      defaults,
    );
    expect(en(actionsFor({ a, workUnit: unit, surfaceHazard: true, radiusM: 30 }))).toContain(
      'cordon off 30 m',
    );
  });
});

describe('texts', () => {
  it('gives H2S in mg/m³, ppm and multiples of the MAC', () => {
    expect(describeGas(h2s(20, 2), defaults).en).toBe(
      'hydrogen sulphide 20 mg/m³ (about 14.3 ppm), 2 × the MAC of 10 mg/m³, at yellow level',
    );
  });
  it('states the tier, the hazard and the raises in the conclusion', () => {
    const a = assess(
      {
        trigger: 'h2s',
        site: site({ people_inside: 1, permit_approved: 1, guard_off_post: 0 }),
        gases: [h2s(12, 1)],
        overtimeIdx: -1,
      },
      defaults,
    );
    expect(conclusion(a)).toEqual({
      zh: '结论：黄色预警（硫化氢超限，基础级别 蓝色 + 1 级）',
      en: 'Conclusion: yellow warning (hydrogen sulphide, base level blue + 1)',
    });
  });
});

describe('workUnitName', () => {
  it('splits a bilingual "中文 / English" name so that no Chinese reaches the English texts', () => {
    expect(workUnitName('市排水养护公司 / City Drainage Maintenance Co.')).toEqual({
      zh: '市排水养护公司',
      en: 'City Drainage Maintenance Co.',
    });
  });
  it('keeps a Chinese-only name for Chinese and says "the registered work unit" in English', () => {
    expect(workUnitName('市排水养护公司')).toEqual({ zh: '市排水养护公司', en: 'the registered work unit' });
  });
  it('uses an English-only name in both and falls back when there is none', () => {
    expect(workUnitName('Drainage Co.')).toEqual({ zh: 'Drainage Co.', en: 'Drainage Co.' });
    expect(workUnitName(undefined)).toEqual({ zh: '当班作业单位', en: 'the unit on site' });
  });
});
