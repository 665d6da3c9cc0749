import { rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import { loadInventory } from '../src/catalog/load.js';
import { ingestWriter } from '../src/ingest/http.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { rawPluginsDir } from './support/raw-plugins.js';

const inventory = (decoder: string) => ({
  city: { id: 'r', name: { zh: '原始市', en: 'Raw City' } },
  units: [{ id: 'gasco', kind: 'owner', name: { zh: '燃气公司', en: 'Gas company' } }],
  objects: [
    {
      id: 'W1',
      kind: 'well',
      role: 'monitored',
      riskType: 'raw-gas',
      name: { zh: '1号井', en: 'Well 1' },
      ownerUnit: 'gasco',
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    },
  ],
  sensors: [
    { id: 'DEV-1', objectId: 'W1', riskType: 'raw-gas', metrics: ['ch4', 'battery'], decoder },
    { id: 'PLAIN-1', objectId: 'W1', riskType: 'raw-gas', metrics: ['ch4'] },
  ],
});

describe('raw vendor payloads', () => {
  const root = rawPluginsDir();
  let core: TestCore;
  let app: FastifyInstance;
  let token: string;
  const raw = (sensor: string, payload: Buffer | string, type: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/raw/${sensor}`,
      headers: { 'content-type': type, authorization: `Bearer ${token}` },
      payload,
    });
  const stored = async (metric: string) =>
    (
      await core.db.query<{ value: number }>(
        `SELECT r.value FROM readings r JOIN sensors s ON s.sid = r.sid JOIN metrics m ON m.id = r.metric
          WHERE s.id = 'DEV-1' AND m.key = $1 ORDER BY r.ts`,
        [metric],
      )
    ).rows.map((r) => r.value);

  beforeAll(async () => {
    core = await makeTestCore('raw', { config: { pluginsDir: root, runJobs: false } });
    await loadInventory(core, inventory('acme-ch4'));
    token = await createToken(core.db, 'r', 'device', 'lns');
    app = await buildServer(core);
  });
  afterAll(async () => {
    await app.close();
    await ingestWriter(core).close();
    await core.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('loads the sensor plugin into the sandbox beside the risk type', () => {
    expect(core.plugins.sensors.get('acme-ch4')?.sandboxKey).toBe('acme-ch4@1.0.0');
    expect(core.sensors.get('r', 'DEV-1')?.decoder).toBe('acme-ch4');
  });

  it('decodes a binary frame in the sandbox and stores its readings', async () => {
    const res = await raw('DEV-1', Buffer.from([1, 0x00, 0x7b, 87]), 'application/octet-stream');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 2, rejected: [], decoded: 1 });
    expect(await stored('ch4')).toEqual([12.3]);
    expect(await stored('battery')).toEqual([87]);
  });

  it('decodes a JSON payload with its own timestamp', async () => {
    const ts = new Date(Date.now() + 1000).toISOString();
    const res = await raw('DEV-1', JSON.stringify({ ch4: 55, bat: 80, ts }), 'application/json');
    expect(res.statusCode).toBe(200);
    expect(await stored('ch4')).toEqual([12.3, 55]);
    // 55 %LEL crossed red: the alarm comes from a decoded reading like from any other.
    const { rows } = await core.db.query<{ level: string }>(
      "SELECT level FROM alarms WHERE sensor_id = 'DEV-1'",
    );
    expect(rows[0]?.level).toBe('red');
  });

  it('answers FH_INGEST_DECODE_FAILED for garbage bytes, with the sandbox code as the cause', async () => {
    const res = await raw('DEV-1', Buffer.from([9, 9]), 'application/octet-stream');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'FH_INGEST_DECODE_FAILED',
      details: { cause: 'FH_SANDBOX_THREW', decoder: 'acme-ch4@1.0.0' },
    });
    expect(res.json().error.message).toContain('not an ACME M1 frame');
  });

  it('refuses raw payloads for a sensor without a decoder, and for an unknown sensor', async () => {
    const plain = await raw('PLAIN-1', Buffer.from([1, 0, 1, 1]), 'application/octet-stream');
    expect(plain.statusCode).toBe(422);
    expect(plain.json().error.code).toBe('FH_INGEST_NO_DECODER');
    const unknown = await raw('NOPE', Buffer.from([1, 0, 1, 1]), 'application/octet-stream');
    expect(unknown.json().error.code).toBe('FH_INGEST_UNKNOWN_SENSOR');
  });

  it('refuses an inventory whose sensor names a decoder that is not loaded, with its path', async () => {
    await expect(loadInventory(core, inventory('no-such-decoder'))).rejects.toMatchObject({
      code: 'FH_CATALOG_INVALID',
      details: { problems: [expect.objectContaining({ path: 'sensors[0].decoder' })] },
    });
  });
});
