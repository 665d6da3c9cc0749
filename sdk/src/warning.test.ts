import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import type { AlarmEvent, AnalysisResult, RiskTypeDef } from './types.js';
import { composeWarning, LEVEL_NAMES, TIER_INFO, templateData } from './warning.js';

const event: AlarmEvent = {
  alarmId: 'A1',
  city: 'demo',
  sensor: {
    id: 'GAS-0003',
    objectId: 'VW-3',
    riskType: 'gas-pipeline',
    metrics: ['ch4'],
    location: [120.15, 30.27],
  },
  object: {
    id: 'VW-3',
    kind: 'valve_well',
    role: 'monitored',
    name: { zh: '3号阀门井', en: 'Valve well 3' },
    geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    attributes: {},
  },
  metric: 'ch4',
  level: 'orange',
  previousLevel: 'yellow',
  value: 31.456,
  limit: 25,
  ts: '2026-11-29T08:05:00Z',
  cause: 'value',
};

const result: AnalysisResult = {
  tier: 'orange',
  impactRadiusM: 149.6,
  targets: [
    {
      id: 'SCH-1',
      kind: 'school',
      role: 'target',
      name: { zh: '实验小学', en: 'Experimental Primary School' },
      distanceM: 80,
    },
    {
      id: 'HOS-1',
      kind: 'hospital',
      role: 'target',
      name: { zh: '人民医院', en: "People's Hospital" },
      distanceM: 140,
    },
  ],
  findings: [
    { zh: '甲烷浓度持续上升', en: 'Methane keeps rising' },
    { zh: '疑似泄漏源位于3号阀门井', en: 'Likely leak at valve well 3' },
  ],
  actions: [{ zh: '疏散周边人员', en: 'Evacuate the surroundings' }],
  data: { source: 'VW-3', radius: 150 },
};

describe('tier table', () => {
  it('names and colours the four tiers as the guideline does', () => {
    expect(TIER_INFO.blue).toEqual({
      zh: '蓝色预警',
      en: 'Blue warning',
      level: 'IV',
      gradeZh: '四级',
      colour: '#1E66F5',
    });
    expect(TIER_INFO.yellow.colour).toBe('#F5C211');
    expect(TIER_INFO.orange).toMatchObject({ zh: '橙色预警', level: 'II', colour: '#FF7800' });
    expect(TIER_INFO.red).toMatchObject({
      zh: '红色预警',
      en: 'Red warning',
      level: 'I',
      gradeZh: '一级',
      colour: '#E01B24',
    });
    expect(LEVEL_NAMES.alarm).toEqual({ zh: '报警', en: 'Alarm' });
  });
});

describe('templateData', () => {
  it('gives the standard keys from the event, the names and the analysis', () => {
    const data = templateData(event, result, { metricZh: '甲烷', metricEn: 'Methane', unit: '%LEL' });
    expect(data).toMatchObject({
      object: '3号阀门井',
      objectEn: 'Valve well 3',
      objectId: 'VW-3',
      sensor: 'GAS-0003',
      metric: '甲烷',
      metricEn: 'Methane',
      metricKey: 'ch4',
      unit: '%LEL',
      value: 31.456,
      limit: 25,
      level: 'orange',
      levelZh: '橙色预警',
      tier: 'orange',
      tierZh: '橙色预警',
      tierEn: 'Orange warning',
      tierLevel: 'II',
      ts: '2026-11-29T08:05:00Z',
      targetsCount: 2,
      targetsZh: '实验小学、人民医院',
      targetsEn: "Experimental Primary School, People's Hospital",
      findingsZh: '1. 甲烷浓度持续上升\n2. 疑似泄漏源位于3号阀门井',
      findingsEn: '1. Methane keeps rising\n2. Likely leak at valve well 3',
      actionsZh: '1. 疏散周边人员',
      actionsEn: '1. Evacuate the surroundings',
      source: 'VW-3',
    });
  });

  it('lets result.data win over a standard key of the same name', () => {
    expect(templateData(event, result).radius).toBe(150);
    expect(templateData(event, { ...result, data: {} }).radius).toBe(150);
    expect(templateData(event, { ...result, impactRadiusM: 123.4, data: {} }).radius).toBe(123);
  });

  it('falls back to the metric key, and says none for empty lists and a null tier', () => {
    const data = templateData(event, { tier: null, findings: [], actions: [] });
    expect(data).toMatchObject({
      metric: 'ch4',
      metricEn: 'ch4',
      unit: '',
      targetsCount: 0,
      targetsZh: '无',
      targetsEn: 'none',
    });
    expect(data.findingsEn).toBe('none');
    expect(data).not.toHaveProperty('tier');
    expect(data).not.toHaveProperty('radius');
  });
});

describe('composeWarning', () => {
  const def = {
    metrics: { ch4: { schema: Type.Number(), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
    warning: {
      title: { zh: '{{object}}{{tierZh}}：燃气泄漏', en: '{{tierEn}}: gas leak at {{objectEn}}' },
      body: {
        zh: '{{ts}} {{object}}{{metric}}浓度{{value}}{{unit}}（限值{{limit}}），影响半径{{radius}}米，涉及{{targetsZh}}。',
        en: '{{metricEn}} at {{objectEn}} reached {{value}} {{unit}} (limit {{limit}}); {{targetsCount}} targets within {{radius}} m: {{targetsEn}}.',
      },
      instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}} {{missing}}' },
    },
  } as unknown as RiskTypeDef;

  it('renders title, body and instructions in zh and en from the templates', () => {
    expect(composeWarning(def, event, result)).toEqual({
      title: { zh: '3号阀门井橙色预警：燃气泄漏', en: 'Orange warning: gas leak at Valve well 3' },
      body: {
        zh: '2026-11-29T08:05:00Z 3号阀门井甲烷浓度31.46%LEL（限值25），影响半径150米，涉及实验小学、人民医院。',
        en: "Methane at Valve well 3 reached 31.46 %LEL (limit 25); 2 targets within 150 m: Experimental Primary School, People's Hospital.",
      },
      instructions: { zh: '1. 疏散周边人员', en: '1. Evacuate the surroundings —' },
    });
  });
});
