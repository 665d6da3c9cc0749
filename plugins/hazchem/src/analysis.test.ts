/**
 * The analysis on small scenes built in code, looking at what `analyze` returned (the fixtures in
 * `test/fixtures` check the same pipeline end to end through alarms and warnings).
 */
import { type AnalysisResult, checkAnalysisResult } from '@fenghuo/sdk';
import { type Fixture, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.js';

type Obj = Fixture['objects'][number];
type Reading = Fixture['readings'][number];
const T0 = Date.parse('2026-11-29T08:00:00Z');
const ts = (min: number) => new Date(T0 + min * 60_000).toISOString();
const pt = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});
const at = (dLon: number): [number, number] => [120.3 + dLon, 30.3];

const farm = (attributes: Record<string, unknown> = {}): Obj => ({
  id: 'TF',
  kind: 'tank_farm',
  role: 'monitored',
  name: { zh: '罐区', en: 'Tank farm' },
  geometry: pt(...at(0)),
  attributes: {
    exposedPeople: 10,
    inventory: [{ substance: '甲醇', category: 'W5.2', quantityT: 1000, thresholdT: 500 }],
    ...attributes,
  },
});
const tank = (id: string, dLon: number, attributes: Record<string, unknown> = {}): Obj => ({
  id,
  kind: 'storage_tank',
  role: 'monitored',
  name: { zh: `${id}罐`, en: `Tank ${id}` },
  geometry: pt(...at(dLon)),
  attributes: { areaId: 'TF', levelHighM: 16, levelHighHighM: 16.8, levelDesignM: 17.5, ...attributes },
});
const detector = (id: string, dLon: number, attributes: Record<string, unknown> = { areaId: 'TF' }): Obj => ({
  id,
  kind: 'gas_detector',
  role: 'monitored',
  name: { zh: `${id}检测点`, en: `Detector ${id}` },
  geometry: pt(...at(dLon)),
  attributes,
});
const series = (sensor: string, metric: string, vals: number[], every = 1): Reading[] =>
  vals.map((v, i) => ({ sensor, ts: ts(i * every), values: { [metric]: v } }));

async function analyses(f: Omit<Fixture, 'expect' | 'name'>): Promise<AnalysisResult[]> {
  const r = await runScenario(plugin, { name: 'scene', expect: { alarms: [] }, ...f });
  for (const a of r.analyses) if (a.error) throw new Error(a.error);
  return r.analyses.map((a) => checkAnalysisResult(a.result));
}
const en = (r: AnalysisResult | undefined) => (r?.findings ?? []).map((f) => f.en).join(' | ');

describe('hazchem analysis', () => {
  it('gives no warning for a gauge fault and tells the enterprise to check the gauge by manual gauging', async () => {
    const res = await analyses({
      objects: [farm(), tank('T-1', 0)],
      sensors: [{ id: 'LT-1', objectId: 'T-1', metrics: ['level'], location: at(0) }],
      readings: series('LT-1', 'level', [9, 9, 9, 17, 17]),
    });
    expect(res).toHaveLength(1);
    expect(res[0]?.tier).toBeNull();
    expect(en(res[0])).toContain('instrument fault');
    expect(res[0]?.actions[0]?.en).toContain('manual gauging');
  });

  it('scores a warehouse over its storage humidity limit in the storage index', async () => {
    const wh: Obj = {
      id: 'WH',
      kind: 'warehouse',
      role: 'monitored',
      name: { zh: '甲类仓库', en: 'Class A warehouse' },
      geometry: pt(...at(0)),
      attributes: { humidityHighPct: 75, humidityHighHighPct: 80 },
    };
    const res = await analyses({
      objects: [wh],
      sensors: [{ id: 'WH-H', objectId: 'WH', metrics: ['humidity'], location: at(0) }],
      readings: series('WH-H', 'humidity', [70, 78, 81, 82, 82], 5),
    });
    const last = res.at(-1);
    // HH scores 50 (orange band) and 65 once held more than 5 min.
    expect(last?.tier).toBe('orange');
    expect(last?.data?.['driverEn']).toBe('storage-area risk index');
    expect(last?.data?.['iStorage']).toBe(65);
    expect(en(last)).toContain('humidity 82 %RH ≥ high-high HH 80 %RH');
    expect(en(last)).toContain('No inventory on record');
  });

  it('counts a silent sensor of the area in the alarm-management index', async () => {
    const res = await analyses({
      objects: [farm(), tank('T-1', 0), tank('T-2', 0.001), tank('T-3', 0.002)],
      sensors: [
        { id: 'LT-1', objectId: 'T-1', metrics: ['level'], location: at(0) },
        { id: 'LT-2', objectId: 'T-2', metrics: ['level'], location: at(0.001) },
        { id: 'LT-3', objectId: 'T-3', metrics: ['level'], location: at(0.002) },
      ],
      readings: [
        ...series('LT-2', 'level', [8]),
        ...series('LT-3', 'level', [8]),
        ...series('LT-1', 'level', [15.5, 15.7, 15.9, 16.1, 16.3, 16.5, 16.7, 16.9, 17.0, 17.1]),
      ],
    });
    const last = res.at(-1);
    expect(en(last)).toContain('2 of 3 sensors offline or stale');
    expect(last?.data?.['iAlarm']).toBe(20);
  });

  it('raises a level-2 gas reading confirmed by a flame detector to red and calls 119 first', async () => {
    const res = await analyses({
      objects: [farm(), detector('GD-1', 0), detector('FD-1', 0.0005)],
      sensors: [
        { id: 'GD-1-EX', objectId: 'GD-1', metrics: ['combustible_gas'], location: at(0) },
        { id: 'FD-1-F', objectId: 'FD-1', metrics: ['flame'], location: at(0.0005) },
      ],
      readings: [
        ...series('FD-1-F', 'flame', [0, 0, 1, 1]),
        ...series('GD-1-EX', 'combustible_gas', [2, 30, 55, 60]),
      ],
    });
    const last = res.at(-1);
    expect(last?.tier).toBe('red');
    expect(en(last)).toContain('flame detector or video confirming fire');
    expect(last?.actions[0]?.zh).toContain('119');
  });

  it('computes the object alone and says so when its areaId names no object', async () => {
    const res = await analyses({
      objects: [tank('T-9', 0, { areaId: 'NOPE' })],
      sensors: [{ id: 'LT-9', objectId: 'T-9', metrics: ['level'], location: at(0) }],
      readings: series('LT-9', 'level', [15.9, 16.2, 16.5, 16.85, 16.9]),
    });
    expect(res.at(-1)?.tier).toBe('orange');
    expect(en(res.at(-1))).toContain('has no areaId on record');
  });

  it('notes a toxic detector without an OEL when another alarm of its area is analysed', async () => {
    const res = await analyses({
      objects: [farm(), detector('GD-1', 0), detector('TX-1', 0.0003)],
      sensors: [
        { id: 'GD-1-EX', objectId: 'GD-1', metrics: ['combustible_gas'], location: at(0) },
        { id: 'TX-1-T', objectId: 'TX-1', metrics: ['toxic_gas'], location: at(0.0003) },
      ],
      readings: [
        ...series('TX-1-T', 'toxic_gas', [5, 40, 40]),
        ...series('GD-1-EX', 'combustible_gas', [2, 30, 30]),
      ],
    });
    expect(res.at(-1)?.tier).toBe('yellow');
    expect(en(res.at(-1))).toContain('has no OEL (oelMgM3) on record');
  });

  it('fills every template key it uses with a value when a warning is issued', async () => {
    const res = await analyses({
      objects: [farm(), tank('T-1', 0)],
      sensors: [{ id: 'LT-1', objectId: 'T-1', metrics: ['level'], location: at(0) }],
      readings: series('LT-1', 'level', [15.9, 16.2, 16.4]),
    });
    const data = res.at(-1)?.data ?? {};
    for (const k of [
      'areaZh',
      'areaEn',
      'rValue',
      'gradeZh',
      'gradeEn',
      'stateScore',
      'driverZh',
      'driverEn',
      'topZh',
      'topEn',
      'iStorage',
      'iUnit',
      'iLeak',
      'iAlarm',
    ])
      expect(data[k], k).not.toBe('—');
    expect(data['gradeZh']).toBe('四级');
  });
});
