import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PluginRegistry } from '../src/registry/plugins.js';
import { listMigrations } from '../src/store/migrate.js';
import { ensurePartitions } from '../src/store/partitions.js';
import { makeTestCore, type TestCore } from './helpers.js';

describe('store', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await makeTestCore('store', { plugins: new PluginRegistry() });
  });
  afterAll(async () => {
    await core.dispose();
  });

  it('applies the migrations once and records their versions', async () => {
    const { rows } = await core.db.query<{ version: number }>('SELECT version FROM schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(listMigrations().map((m) => m.version));
    expect(rows.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps readings idempotent on sensor, metric and instant across monthly partitions', async () => {
    await core.db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('c1', '测试市', 'Test City')");
    await core.db.query(
      `INSERT INTO objects (city_id, id, kind, role, name_zh, name_en, geometry, lon, lat)
       VALUES ('c1', 'o1', 'valve_well', 'monitored', '阀门井', 'Valve well', '{"type":"Point","coordinates":[120,30]}', 120, 30)`,
    );
    const { rows } = await core.db.query<{ sid: number }>(
      `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat) VALUES ('c1', 's1', 'o1', 'gas-pipeline', '{ch4}', 120, 30) RETURNING sid`,
    );
    const sid = rows[0]!.sid;
    const a = Date.parse('2026-10-31T23:59:59Z');
    const b = Date.parse('2026-11-01T00:00:01Z');
    await ensurePartitions(core.db, a, b);
    const insert = () =>
      core.db.query(
        `INSERT INTO readings (sid, metric, ts, value)
         SELECT * FROM unnest($1::int[], $2::int2[], $3::timestamptz[], $4::float8[]) ON CONFLICT DO NOTHING`,
        [
          [sid, sid],
          [1, 1],
          [new Date(a).toISOString(), new Date(b).toISOString()],
          [1.5, 2.5],
        ],
      );
    expect((await insert()).rowCount).toBe(2);
    expect((await insert()).rowCount).toBe(0);
    const parts = await core.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relname LIKE 'readings_p2026%'",
    );
    expect(Number(parts.rows[0]!.n)).toBeGreaterThanOrEqual(2);
  });
});
