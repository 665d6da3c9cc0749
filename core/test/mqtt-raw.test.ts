import { rmSync } from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInventory } from '../src/catalog/load.js';
import { ingestWriter } from '../src/ingest/http.js';
import { type MqttIngest, startMqttIngest } from '../src/ingest/mqtt.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { rawPluginsDir } from './support/raw-plugins.js';

// Needs a broker: CI sets MQTT_URL (Mosquitto); the embedded pass leaves this file out.
const url = process.env.MQTT_URL;

describe.runIf(url)('raw payloads over MQTT', () => {
  const root = rawPluginsDir();
  const city = `raw${process.pid}${Date.now() % 100000}`;
  let core: TestCore;
  let ingest: MqttIngest;
  let pub: mqtt.MqttClient;

  beforeAll(async () => {
    core = await makeTestCore('mqttraw', { config: { pluginsDir: root, runJobs: false } });
    await loadInventory(core, {
      city: { id: city, name: { zh: '原始市', en: 'Raw City' } },
      units: [],
      objects: [
        {
          id: 'W1',
          kind: 'well',
          role: 'monitored',
          riskType: 'raw-gas',
          name: { zh: '1号井', en: 'Well 1' },
          geometry: { type: 'Point', coordinates: [120.15, 30.27] },
        },
      ],
      sensors: [
        {
          id: 'DEV-1',
          objectId: 'W1',
          riskType: 'raw-gas',
          metrics: ['ch4', 'battery'],
          decoder: 'acme-ch4',
        },
      ],
    });
    ingest = await startMqttIngest(core, {
      url: url!,
      group: `test-${city}`,
      connections: 1,
      cities: [city],
    });
    pub = await mqtt.connectAsync(url!, { protocolVersion: 5 });
  });
  afterAll(async () => {
    await pub?.endAsync();
    await ingest?.stop();
    await ingestWriter(core).close();
    await core.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('decodes a frame published on the raw topic and stores its readings', async () => {
    await pub.publishAsync(`fenghuo/${city}/raw/DEV-1`, Buffer.from([1, 0x01, 0xf4, 66]), { qos: 1 });
    await expect
      .poll(
        async () =>
          (
            await core.db.query<{ value: number }>(
              `SELECT r.value FROM readings r JOIN sensors s ON s.sid = r.sid JOIN metrics m ON m.id = r.metric
                WHERE s.city_id = $1 AND m.key = 'ch4'`,
              [city],
            )
          ).rows.map((r) => r.value),
        { timeout: 5000 },
      )
      .toEqual([50]);
  });

  it('reports a payload it cannot decode on the rejected topic', async () => {
    const sub = await mqtt.connectAsync(url!, { protocolVersion: 5 });
    try {
      const got = new Promise<{ error: { code: string } }>((resolve) => {
        sub.on('message', (_t, m) => resolve(JSON.parse(m.toString())));
      });
      await sub.subscribeAsync(`fenghuo/${city}/rejected/DEV-1`, { qos: 0 });
      await pub.publishAsync(`fenghuo/${city}/raw/DEV-1`, Buffer.from('hello'), { qos: 1 });
      expect((await got).error.code).toBe('FH_INGEST_DECODE_FAILED');
    } finally {
      await sub.endAsync();
    }
  });
});
