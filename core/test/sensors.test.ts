import { defineRiskType } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import { ingestWriter } from '../src/ingest/http.js';
import { PluginRegistry } from '../src/registry/plugins.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testGas } from './support/plugin.js';

// The test risk type with a debounce: methane must hold 60 s before a level is entered.
const slowGas = defineRiskType({
  ...testGas,
  thresholds: {
    ch4: {
      direction: 'rising',
      levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 },
      durationSec: 60,
    },
  },
});

describe('the sensor cache', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let token: string;
  const post = (readings: unknown[]) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/readings',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: { readings },
    });
  const level = async (sensor: string) =>
    (await core.db.query<{ level: string }>('SELECT level FROM alarms WHERE sensor_id = $1', [sensor]))
      .rows[0]?.level;

  beforeAll(async () => {
    const reg = new PluginRegistry();
    reg.add(slowGas);
    core = await makeTestCore('sensors', { plugins: reg, config: { runJobs: false } });
    await seedCity(core.db, 'c1', 4);
    await core.sensors.reload();
    token = await createToken(core.db, 'c1', 'device', 'gateway');
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app.close();
    await ingestWriter(core).close();
    await core.dispose();
  });

  it('keeps a duration under way across a reload that leaves the thresholds unchanged', async () => {
    const t0 = Date.now() - 120_000;
    await post([{ sensor: 'S1', ts: new Date(t0).toISOString(), values: { ch4: 30 } }]);
    expect(await level('S1')).toBeUndefined();
    await core.sensors.reload();
    await post([{ sensor: 'S1', ts: new Date(t0 + 61_000).toISOString(), values: { ch4: 30 } }]);
    expect(await level('S1')).toBe('orange');
  });

  it('starts the duration again when the thresholds of the sensor change', async () => {
    const t0 = Date.now() - 120_000;
    await post([{ sensor: 'S2', ts: new Date(t0).toISOString(), values: { ch4: 30 } }]);
    await core.db.query(
      `INSERT INTO threshold_overrides (city_id, risk_type, metric, sensor_id, levels) VALUES ('c1', 'test-gas', 'ch4', 'S2', '{"orange": 28}')`,
    );
    await core.sensors.reload();
    await post([{ sensor: 'S2', ts: new Date(t0 + 61_000).toISOString(), values: { ch4: 30 } }]);
    expect(await level('S2')).toBeUndefined();
    await post([{ sensor: 'S2', ts: new Date(t0 + 122_000).toISOString(), values: { ch4: 30 } }]);
    expect(await level('S2')).toBe('orange');
  });

  it('restores the level of an open alarm at load, so a restart does not raise it again', async () => {
    const t0 = Date.now() - 100_000;
    await post([
      { sensor: 'S3', ts: new Date(t0).toISOString(), values: { ch4: 55 } },
      { sensor: 'S3', ts: new Date(t0 + 61_000).toISOString(), values: { ch4: 55 } },
    ]);
    expect(await level('S3')).toBe('red');
    // A fresh cache, as after a restart: the red alarm is read back, and a reading still at red is no change.
    for (const e of core.sensors.all()) for (const m of e.metrics.values()) m.state = null;
    await core.sensors.reload();
    await post([{ sensor: 'S3', ts: new Date(t0 + 70_000).toISOString(), values: { ch4: 56 } }]);
    const { rows } = await core.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM alarms WHERE sensor_id = 'S3'",
    );
    expect(rows[0]!.n).toBe('1');
    const events = await core.db.query<{ kind: string }>(
      "SELECT kind FROM archive_events WHERE alarm_id = (SELECT id FROM alarms WHERE sensor_id = 'S3') ORDER BY id",
    );
    expect(events.rows.map((r) => r.kind)).toEqual(['alarm.raised']);
  });
});
