/** A small risk type for core's integration tests, independent of the shipped plugins. */
import { defineRiskType, Type } from '@fenghuo/sdk';
import { PluginRegistry } from '../../src/registry/plugins.js';

export const testGas = defineRiskType({
  id: 'test-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '测试燃气', en: 'Test gas' },
  objects: {
    valve_well: { name: { zh: '阀门井', en: 'Valve well' }, attributes: Type.Object({}) },
  },
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
      intervalSec: 60,
    },
    pressure: {
      schema: Type.Number({ minimum: 0, maximum: 4 }),
      unit: 'MPa',
      name: { zh: '压力', en: 'Pressure' },
    },
  },
  thresholds: {
    ch4: { direction: 'rising', levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 } },
  },
  analyze: (event) => ({
    tier: event.level === 'alarm' ? null : event.level,
    findings: [{ zh: `甲烷 ${event.value}`, en: `methane ${event.value}` }],
    actions: [{ zh: '通风', en: 'Ventilate' }],
  }),
  warning: {
    title: { zh: '{{object}}燃气泄漏{{tierZh}}', en: '{{tierEn}}: gas leak at {{objectEn}}' },
    body: { zh: '甲烷 {{value}} {{unit}}', en: 'methane {{value}} {{unit}}' },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});

export function testRegistry(): PluginRegistry {
  const reg = new PluginRegistry();
  reg.add(testGas);
  return reg;
}

/** Insert a city with one owner unit, `n` valve wells and one ch4+pressure sensor on each (`S0…`). */
export async function seedCity(
  db: { query: (sql: string, params?: unknown[]) => Promise<unknown> },
  city: string,
  n: number,
): Promise<void> {
  await db.query('INSERT INTO cities (id, name_zh, name_en) VALUES ($1, $2, $3)', [
    city,
    `${city}市`,
    `${city} city`,
  ]);
  await db.query(
    `INSERT INTO units (city_id, id, kind, name_zh, name_en) VALUES ($1, 'gasco', 'owner', '燃气公司', 'Gas company')`,
    [city],
  );
  await db.query(
    `INSERT INTO objects (city_id, id, kind, role, risk_type, name_zh, name_en, owner_unit, geometry, lon, lat)
     SELECT $1, 'VW' || g, 'valve_well', 'monitored', 'test-gas', g || '号阀门井', 'Valve well ' || g, 'gasco',
            jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(120.15 + g * 1e-4, 30.27)), 120.15 + g * 1e-4, 30.27
       FROM generate_series(0, $2::int - 1) g`,
    [city, n],
  );
  await db.query(
    `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat)
     SELECT $1, 'S' || g, 'VW' || g, 'test-gas', '{ch4,pressure}', 120.15 + g * 1e-4, 30.27 FROM generate_series(0, $2::int - 1) g`,
    [city, n],
  );
}
