/**
 * A tiny risk type and scene for the harness's own tests: methane in valve wells (spike vs sustained,
 * sensor fault above a plausible value) and a pipe pressure threshold given as a ratio of the pipe's
 * nominal pressure.
 */
import { Type } from '@sinclair/typebox';
import { defineRiskType } from '../define.js';
import type { AffectedTarget } from '../types.js';
import type { Fixture } from './fixture.js';

export const toy = defineRiskType({
  id: 'toy-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '示例燃气', en: 'Toy gas' },
  objects: {
    valve_well: {
      name: { zh: '阀门井', en: 'Valve well' },
      attributes: Type.Object({ depthM: Type.Optional(Type.Number({ minimum: 0 })) }),
    },
    pipe: {
      name: { zh: '管段', en: 'Pipe segment' },
      attributes: Type.Object({ nominalMPa: Type.Number() }),
    },
  },
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
    },
    pressure: {
      schema: Type.Number({ minimum: 0, maximum: 10 }),
      unit: 'MPa',
      name: { zh: '压力', en: 'Pressure' },
    },
  },
  thresholds: {
    ch4: { direction: 'rising', levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 } },
    pressure: { direction: 'rising', levels: { yellow: 1.1, red: 1.3 }, ratioOf: 'nominalMPa' },
  },
  config: Type.Object({
    radiusM: Type.Number({ minimum: 0 }),
    sustainedCount: Type.Integer({ minimum: 1 }),
    faultAbove: Type.Number(),
  }),
  defaults: { radiusM: 300, sustainedCount: 3, faultAbove: 90 },
  async analyze(event, ctx, config) {
    if (event.value > config.faultAbove) {
      return {
        tier: null,
        findings: [
          {
            zh: '读数超出可信范围，疑似传感器故障',
            en: 'Reading beyond the plausible range: suspected sensor fault',
          },
        ],
        actions: [],
      };
    }
    const limits = await ctx.thresholds(event.sensor.id, event.metric);
    const floor = limits.alarm ?? event.limit;
    const recent = await ctx.history(event.sensor.id, event.metric, { limit: config.sustainedCount });
    const sustained = recent.length >= config.sustainedCount && recent.every((p) => p.value >= floor);
    if (!sustained || event.level === 'alarm') {
      return { tier: null, findings: [{ zh: '短时尖峰', en: 'Transient spike' }], actions: [] };
    }
    const targets: AffectedTarget[] = (await ctx.within(config.radiusM, { roles: ['target'] })).map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
    const neighbours = await ctx.neighbours(config.radiusM, { metric: event.metric });
    return {
      tier: event.level,
      impactRadiusM: config.radiusM,
      targets,
      findings: [
        { zh: '甲烷持续超限，疑似泄漏', en: 'Methane stays above the alarm level: likely leak' },
        ...neighbours.map((n) => ({
          zh: `邻近传感器${n.id}相距${Math.round(n.distanceM ?? 0)}米`,
          en: `Neighbour ${n.id} at ${Math.round(n.distanceM ?? 0)} m`,
        })),
      ],
      actions: [{ zh: '关闭上游阀门', en: 'Close the upstream valve' }],
      data: { neighbours: neighbours.length },
    };
  },
  warning: {
    title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}}: {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}}{{value}}{{unit}}，影响{{radius}}米内{{targetsZh}}',
      en: '{{metricEn}} {{value}} {{unit}} at {{objectEn}}; within {{radius}} m: {{targetsEn}}',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});

const point = (lon: number, lat: number) => ({
  type: 'Point' as const,
  coordinates: [lon, lat] as [number, number],
});

/** The scene: two valve wells 96 m apart, a pipe, a school 111 m north, a hospital 278 m north, a far park. */
export function scene(readings: Fixture['readings'], expect: Fixture['expect'] = { alarms: [] }): Fixture {
  return {
    name: 'toy scene',
    objects: [
      {
        id: 'VW-1',
        kind: 'valve_well',
        role: 'monitored',
        name: { zh: '1号阀门井', en: 'Valve well 1' },
        geometry: point(120.15, 30.27),
        attributes: { depthM: 2 },
      },
      {
        id: 'VW-2',
        kind: 'valve_well',
        role: 'monitored',
        name: { zh: '2号阀门井', en: 'Valve well 2' },
        geometry: point(120.151, 30.27),
      },
      {
        id: 'PIPE-1',
        kind: 'pipe',
        role: 'monitored',
        name: { zh: '中压管段1', en: 'Pipe 1' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [120.149, 30.2695],
            [120.152, 30.2695],
          ],
        },
        attributes: { nominalMPa: 1 },
      },
      {
        id: 'SCH-1',
        kind: 'school',
        role: 'target',
        name: { zh: '实验小学', en: 'Primary school' },
        geometry: point(120.15, 30.271),
      },
      {
        id: 'HOS-1',
        kind: 'hospital',
        role: 'target',
        name: { zh: '人民医院', en: 'Hospital' },
        geometry: point(120.15, 30.2725),
      },
      {
        id: 'PARK-1',
        kind: 'park',
        role: 'target',
        name: { zh: '远郊公园', en: 'Far park' },
        geometry: point(120.16, 30.27),
      },
      {
        id: 'STA-1',
        kind: 'filling_station',
        role: 'hazard',
        name: { zh: '加油站', en: 'Filling station' },
        geometry: point(120.1505, 30.2701),
      },
    ],
    sensors: [
      { id: 'GAS-1', objectId: 'VW-1', metrics: ['ch4'], location: [120.15, 30.27] },
      { id: 'GAS-2', objectId: 'VW-2', metrics: ['ch4'], location: [120.151, 30.27] },
      { id: 'PRS-1', objectId: 'PIPE-1', metrics: ['pressure'], location: [120.15, 30.2695] },
    ],
    readings,
    expect,
  };
}

/** Readings of one sensor's metric, one a minute from 08:00. */
export function series(sensor: string, metric: string, values: number[], startMin = 0): Fixture['readings'] {
  return values.map((v, i) => ({ sensor, ts: minute(startMin + i), values: { [metric]: v } }));
}

/** `2026-11-29T08:MM:00Z`. */
export function minute(m: number): string {
  return new Date(Date.parse('2026-11-29T08:00:00Z') + m * 60_000).toISOString().replace('.000Z', 'Z');
}
