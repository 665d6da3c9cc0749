import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeContext } from '../src/analysis/context.js';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import { ingestWriter } from '../src/ingest/http.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testRegistry } from './support/plugin.js';

describe('weather observations', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let device: string;
  let other: string;
  const post = (body: unknown, token = device) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/weather',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify(body),
    });
  const ctxOf = (city: string) =>
    makeContext(core, {
      city,
      sensor: {
        id: 'S0',
        objectId: 'VW0',
        riskType: 'test-gas',
        metrics: ['ch4'],
        location: [120.15, 30.27],
      },
      tsMs: Date.now(),
    });

  beforeAll(async () => {
    core = await makeTestCore('weather', { plugins: testRegistry(), config: { runJobs: false } });
    await seedCity(core.db, 'w1', 1);
    await seedCity(core.db, 'w2', 1);
    await core.sensors.reload();
    device = await createToken(core.db, 'w1', 'device', 'weather station');
    other = await createToken(core.db, 'w2', 'device', 'other station');
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app.close();
    await ingestWriter(core).close();
    await core.dispose();
  });

  it('gives an analysis of the city the latest observation, and none to another city', async () => {
    expect(await ctxOf('w1').weather()).toBeNull();
    const t = Date.now();
    const res = await post({
      observations: [
        { ts: new Date(t - 120_000).toISOString(), windFromDeg: 90, windSpeedMs: 2 },
        { ts: new Date(t - 60_000).toISOString(), windFromDeg: 45, windSpeedMs: 6.5, rainMmH: 12 },
      ],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, rejected: [] });
    expect(await ctxOf('w1').weather()).toEqual({
      ts: new Date(t - 60_000).toISOString(),
      windFromDeg: 45,
      windSpeedMs: 6.5,
      rainMmH: 12,
    });
    expect(await ctxOf('w2').weather()).toBeNull();
  });

  it('rejects each bad observation by index and field and keeps the good ones', async () => {
    const t = Date.now();
    const res = await post({
      observations: [
        { ts: new Date(t - 30_000).toISOString(), windSpeedMs: -3 },
        { ts: 'noon', humidityPct: 50 },
        { ts: new Date(t + 3_600_000).toISOString(), temperatureC: 10 },
        { ts: new Date(t - 10_000).toISOString(), temperatureC: 11, smell: 'gas' },
        { ts: new Date(t - 5_000).toISOString(), temperatureC: 12.5 },
      ],
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { accepted: number; rejected: { index: number; path: string }[] };
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((r) => [r.index, r.path])).toEqual([
      [0, '/windSpeedMs'],
      [1, '/ts'],
      [2, '/ts'],
      [3, '/smell'],
    ]);
    expect((await ctxOf('w1').weather())?.temperatureC).toBe(12.5);
  });

  it('answers 422 when nothing was accepted and 403 to a viewer', async () => {
    const none = await post({ ts: 'later' });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('FH_INGEST_NOTHING_ACCEPTED');
    const viewer = await createToken(core.db, 'w1', 'viewer', 'viewer');
    expect((await post({ ts: new Date().toISOString() }, viewer)).statusCode).toBe(403);
    // A station of city w2 writes w2's weather only.
    expect(
      (await post({ ts: new Date(Date.now() - 1000).toISOString(), windSpeedMs: 1 }, other)).statusCode,
    ).toBe(200);
    expect((await ctxOf('w2').weather())?.windSpeedMs).toBe(1);
  });
});
