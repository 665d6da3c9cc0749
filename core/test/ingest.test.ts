import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import type { AlarmEventPayload } from '../src/events.js';
import { ingestWriter } from '../src/ingest/http.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testRegistry } from './support/plugin.js';

describe('HTTP ingest', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let device: string;
  let viewer: string;
  let otherCity: string;
  const iso = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
  const count = async (sensor: string) =>
    Number(
      (
        await core.db.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM readings r JOIN sensors s ON s.sid = r.sid WHERE s.id = $1',
          [sensor],
        )
      ).rows[0]!.n,
    );
  const post = (body: unknown, token: string | null = device, raw?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/readings',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: raw ?? JSON.stringify(body),
    });

  beforeAll(async () => {
    core = await makeTestCore('ingest', {
      plugins: testRegistry(),
      config: { maxBatch: 1000, runJobs: false },
    });
    await seedCity(core.db, 'c1', 20);
    await seedCity(core.db, 'c2', 2);
    await core.sensors.reload();
    device = await createToken(core.db, 'c1', 'device', 'gateway');
    viewer = await createToken(core.db, 'c1', 'viewer', 'viewer');
    otherCity = await createToken(core.db, 'c2', 'device', 'other gateway');
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app.close();
    await ingestWriter(core).close();
    await core.dispose();
  });

  it('stores a batch and acknowledges it with the count accepted', async () => {
    const readings = Array.from({ length: 10 }, (_, i) => ({
      sensor: 'S1',
      ts: iso(600 - i),
      values: { ch4: 1 + i / 10, pressure: 0.3 },
    }));
    const res = await post({ readings });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 20, rejected: [] });
    expect(await count('S1')).toBe(20);
  });

  it('stores a resent batch only once', async () => {
    const readings = Array.from({ length: 5 }, (_, i) => ({
      sensor: 'S2',
      ts: iso(500 - i),
      values: { ch4: 2 },
    }));
    expect((await post({ readings })).statusCode).toBe(200);
    expect((await post({ readings })).statusCode).toBe(200);
    expect(await count('S2')).toBe(5);
  });

  it('accepts the single-reading form', async () => {
    const res = await post({ sensor: 'S3', ts: iso(100), values: { ch4: 0.5 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('lists each rejected reading by index and stores the valid ones beside them', async () => {
    const res = await post({
      readings: [
        { sensor: 'S4', ts: iso(50), values: { ch4: 1 } },
        { sensor: 'NOPE', ts: iso(50), values: { ch4: 1 } },
        { sensor: 'S4', ts: iso(49), values: { ch5: 1 } },
        { sensor: 'S4', ts: iso(48), values: { ch4: 'high' } },
        { sensor: 'S4', ts: iso(47), values: { ch4: 250 } },
        { sensor: 'S4', values: { ch4: 1 } },
        { sensor: 'S4', ts: new Date(Date.now() + 3_600_000).toISOString(), values: { ch4: 1 } },
        { sensor: 'S4', ts: iso(46), values: { ch4: 1.5 } },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accepted: number; rejected: { index: number; code: string }[] };
    expect(body.accepted).toBe(2);
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'FH_INGEST_UNKNOWN_SENSOR'],
      [2, 'FH_INGEST_UNKNOWN_METRIC'],
      [3, 'FH_INGEST_VALUE_TYPE'],
      [4, 'FH_INGEST_VALUE_OUT_OF_RANGE'],
      [5, 'FH_INGEST_TS_MISSING'],
      [6, 'FH_INGEST_TS_FUTURE'],
    ]);
    expect(await count('S4')).toBe(2);
  });

  it('answers 422 with every reason when no reading was accepted', async () => {
    const res = await post({
      readings: [
        { sensor: 'NOPE', ts: iso(1), values: { ch4: 1 } },
        { sensor: 'S5', ts: 'now', values: { ch4: 1 } },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: 'FH_INGEST_NOTHING_ACCEPTED' },
      accepted: 0,
      rejected: [
        { index: 0, code: 'FH_INGEST_UNKNOWN_SENSOR' },
        { index: 1, code: 'FH_INGEST_TS_INVALID' },
      ],
    });
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await post(null, device, '{"readings": [ {"sensor": "S1", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('FH_INGEST_MALFORMED_JSON');
  });

  it('refuses an oversized batch whole with 413', async () => {
    const readings = Array.from({ length: 1001 }, (_, i) => ({
      sensor: 'S6',
      ts: iso(2000 - i),
      values: { ch4: 1 },
    }));
    const res = await post({ readings });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FH_INGEST_BATCH_TOO_LARGE');
    expect(await count('S6')).toBe(0);
  });

  it('requires a device or admin token and keeps cities apart', async () => {
    const r = { sensor: 'S7', ts: iso(10), values: { ch4: 1 } };
    expect((await post(r, null)).statusCode).toBe(401);
    expect((await post(r, 'fh_not_a_token')).statusCode).toBe(401);
    const forbidden = await post(r, viewer);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FH_AUTH_FORBIDDEN');
    // City c2 has its own S0 and S1 but not S7: its token cannot write c1's sensors.
    const other = await post(r, otherCity);
    expect(other.statusCode).toBe(422);
    expect(other.json().rejected[0].code).toBe('FH_INGEST_UNKNOWN_SENSOR');
    expect(await count('S7')).toBe(0);
  });

  it('raises the alarm in the same commit as the reading that crosses a tier and publishes it', async () => {
    const seen: AlarmEventPayload[] = [];
    const on = (a: AlarmEventPayload) => seen.push(a);
    core.bus.on('alarm', on);
    try {
      const res = await post({
        readings: [
          { sensor: 'S8', ts: iso(30), values: { ch4: 2 } },
          { sensor: 'S8', ts: iso(29), values: { ch4: 27 } },
        ],
      });
      expect(res.statusCode).toBe(200);
      const { rows } = await core.db.query<{ level: string; status: string; value: number }>(
        "SELECT level, status, value FROM alarms WHERE sensor_id = 'S8' AND city_id = 'c1'",
      );
      expect(rows).toEqual([{ level: 'orange', status: 'raised', value: 27 }]);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ sensorId: 'S8', level: 'orange', previousLevel: null, city: 'c1' });
      // A resend of the same reading changes nothing.
      await post({ readings: [{ sensor: 'S8', ts: iso(29), values: { ch4: 27 } }] });
      const again = await core.db.query("SELECT 1 FROM alarms WHERE sensor_id = 'S8'");
      expect(again.rows).toHaveLength(1);
      expect(seen).toHaveLength(1);
      // Back to normal: the alarm clears.
      await post({ readings: [{ sensor: 'S8', ts: iso(20), values: { ch4: 1 } }] });
      const cleared = await core.db.query<{ status: string }>(
        "SELECT status FROM alarms WHERE sensor_id = 'S8'",
      );
      expect(cleared.rows[0]!.status).toBe('cleared');
    } finally {
      core.bus.off('alarm', on);
    }
  });

  it('keeps concurrent requests apart in one group commit', async () => {
    const reqs = Array.from({ length: 8 }, (_, k) =>
      post({
        readings: Array.from({ length: 50 }, (_, i) => ({
          sensor: `S${10 + k}`,
          ts: iso(3000 - i),
          values: { ch4: 1 },
        })),
      }),
    );
    const res = await Promise.all(reqs);
    expect(res.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    for (let k = 0; k < 8; k++) expect(await count(`S${10 + k}`)).toBe(50);
  });
});
