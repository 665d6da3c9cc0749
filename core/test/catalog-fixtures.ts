/**
 * Fixtures of the API, catalogue, CLI and simulator tests: a small risk type of their own (so that they
 * do not depend on the real plugins' numbers) and a small city inventory in the catalogue format.
 */
import { defineRiskType, Type } from '@fenghuo/sdk';
import { PluginRegistry } from '../src/registry/plugins.js';

export const testGas = defineRiskType({
  id: 'test-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '测试燃气', en: 'Test gas' },
  objects: {
    valve_well: {
      name: { zh: '阀门井', en: 'Valve well' },
      attributes: Type.Object({
        depthM: Type.Number({ minimum: 0, maximum: 20 }),
        normalPressureMpa: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      }),
    },
  },
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
    },
    pressure: {
      schema: Type.Number({ minimum: 0, maximum: 4 }),
      unit: 'MPa',
      name: { zh: '压力', en: 'Pressure' },
    },
  },
  thresholds: {
    ch4: {
      direction: 'rising',
      levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 },
      source: {
        alarm: { basis: 'engineering default', assumed: true },
        orange: { basis: 'GB/T 50493-2019', assumed: false },
      },
    },
    pressure: {
      direction: 'falling',
      ratioOf: 'normalPressureMpa',
      levels: { blue: 0.9, yellow: 0.8, orange: 0.7, red: 0.5 },
      source: { basis: 'engineering default', assumed: true },
    },
  },
  analyze: () => ({ tier: null, findings: [], actions: [] }),
  warning: {
    title: { zh: '测试预警', en: 'Test warning' },
    body: { zh: '测试', en: 'Test' },
    instructions: { zh: '无', en: 'None' },
  },
});

export function testPlugins(): PluginRegistry {
  const reg = new PluginRegistry();
  reg.add(testGas);
  return reg;
}

/** Fixed tokens of a test city: `<city>-<role>-token`. */
export const tokenOf = (city: string, role: 'admin' | 'operator' | 'viewer' | 'device') =>
  `${city}-${role}-token-0001`;

/** A small city: one owner unit, three valve wells in a row ~100 m apart, a school, four sensors. */
export function testInventory(city: string, lon0 = 120.17) {
  return {
    city: { id: city, name: { zh: `${city} 区`, en: `${city} district` }, timezone: 'Asia/Shanghai' },
    units: [
      {
        id: 'gas-co',
        kind: 'owner',
        name: { zh: '燃气公司', en: 'Gas company' },
        contact: { phone: '0571-0000' },
      },
      { id: 'ecb', kind: 'department', name: { zh: '应急管理局', en: 'Emergency bureau' } },
    ],
    objects: [
      ...[0, 1, 2].map((i) => ({
        id: `VW-${i + 1}`,
        kind: 'valve_well',
        role: 'monitored',
        riskType: 'test-gas',
        name: { zh: `阀门井${i + 1}`, en: `Valve well ${i + 1}` },
        ownerUnit: 'gas-co',
        geometry: { type: 'Point', coordinates: [lon0 + i * 0.001, 30.27] },
        attributes: { depthM: 2.5, normalPressureMpa: 0.3 },
      })),
      {
        id: 'SCH-1',
        kind: 'school',
        role: 'target',
        name: { zh: '实验小学', en: 'Experimental primary school' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [lon0, 30.271],
              [lon0 + 0.001, 30.271],
              [lon0 + 0.001, 30.272],
              [lon0, 30.272],
              [lon0, 30.271],
            ],
          ],
        },
        attributes: { pupils: 900 },
      },
    ],
    sensors: [
      { id: 'CH4-1', objectId: 'VW-1', riskType: 'test-gas', metrics: ['ch4'], intervalSec: 60 },
      { id: 'CH4-2', objectId: 'VW-2', riskType: 'test-gas', metrics: ['ch4'], intervalSec: 60 },
      { id: 'CH4-3', objectId: 'VW-3', riskType: 'test-gas', metrics: ['ch4'], intervalSec: 60 },
      {
        id: 'P-1',
        objectId: 'VW-1',
        riskType: 'test-gas',
        metrics: ['pressure', 'ch4'],
        location: [lon0 + 0.0002, 30.2702],
      },
    ],
    thresholds: [{ riskType: 'test-gas', metric: 'ch4', objectId: 'VW-3', levels: { alarm: 4 } }],
    tokens: (['admin', 'operator', 'viewer', 'device'] as const).map((role) => ({
      name: `${city} ${role}`,
      role,
      token: tokenOf(city, role),
    })),
  };
}
