import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestWriter } from '../src/ingest/http.js';
import { type MqttIngest, startMqttIngest } from '../src/ingest/mqtt.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testRegistry } from './support/plugin.js';

// Needs a broker: CI sets MQTT_URL (Mosquitto); the embedded run has none.
const url = process.env.MQTT_URL;

describe.runIf(url)('MQTT ingest', () => {
  let core: TestCore;
  let ingest: MqttIngest;
  let pub: mqtt.MqttClient;
  const city = `m${process.pid}${Date.now() % 100000}`;
  const group = `test-${city}`;
  const count = async (sensor: string) =>
    Number(
      (
        await core.db.query<{ n: string }>(
          'SELECT count(*)::text AS n FROM readings r JOIN sensors s ON s.sid = r.sid WHERE s.id = $1 AND s.city_id = $2',
          [sensor, city],
        )
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    core = await makeTestCore('mqtt', { plugins: testRegistry(), config: { runJobs: false } });
    await seedCity(core.db, city, 5);
    await core.sensors.reload();
    ingest = await startMqttIngest(core, { url: url!, group, connections: 2, cities: [city] });
    pub = await mqtt.connectAsync(url!, { protocolVersion: 5 });
  });
  afterAll(async () => {
    await pub?.endAsync();
    await ingest?.stop();
    await ingestWriter(core).close();
    await core.dispose();
  });

  it('stores a QoS 1 reading published on the readings topic', async () => {
    const ts = new Date(Date.now() - 5000).toISOString();
    // publishAsync at QoS 1 resolves when the broker acknowledged; the broker forwards to us and waits
    // for our PUBACK, so poll for the row.
    await pub.publishAsync(
      `fenghuo/${city}/readings/S1`,
      JSON.stringify({ ts, values: { ch4: 3.5, pressure: 0.2 } }),
      { qos: 1 },
    );
    await expect.poll(() => count('S1'), { timeout: 5000 }).toBe(2);
  });

  it('takes a list of readings in one message and stores a redelivery once', async () => {
    const base = Date.now() - 60_000;
    const body = JSON.stringify(
      Array.from({ length: 10 }, (_, i) => ({
        ts: new Date(base + i * 1000).toISOString(),
        values: { ch4: i },
      })),
    );
    await pub.publishAsync(`fenghuo/${city}/readings/S2`, body, { qos: 1 });
    await pub.publishAsync(`fenghuo/${city}/readings/S2`, body, { qos: 1 });
    await expect.poll(() => count('S2'), { timeout: 5000 }).toBe(10);
    await new Promise((r) => setTimeout(r, 300));
    expect(await count('S2')).toBe(10);
  });

  it('reports rejected readings on the rejected topic and stores none of them', async () => {
    const sub = await mqtt.connectAsync(url!, { protocolVersion: 5 });
    try {
      const got = new Promise<{ accepted: number; rejected: { code: string }[] }>((resolve) => {
        sub.on('message', (_t, m) => resolve(JSON.parse(m.toString())));
      });
      await sub.subscribeAsync(`fenghuo/${city}/rejected/S3`, { qos: 0 });
      await pub.publishAsync(
        `fenghuo/${city}/readings/S3`,
        JSON.stringify({ ts: 'soon', values: { ch4: 1 } }),
        { qos: 1 },
      );
      const report = await got;
      expect(report.accepted).toBe(0);
      expect(report.rejected[0]!.code).toBe('FH_INGEST_TS_INVALID');
      expect(await count('S3')).toBe(0);
    } finally {
      await sub.endAsync();
    }
  });

  it('raises an alarm from an MQTT reading', async () => {
    await pub.publishAsync(
      `fenghuo/${city}/readings/S4`,
      JSON.stringify({ ts: new Date(Date.now() - 1000).toISOString(), values: { ch4: 55 } }),
      { qos: 1 },
    );
    await expect
      .poll(
        async () =>
          (
            await core.db.query<{ level: string }>(
              'SELECT level FROM alarms WHERE sensor_id = $1 AND city_id = $2',
              ['S4', city],
            )
          ).rows[0]?.level,
        {
          timeout: 5000,
        },
      )
      .toBe('red');
  });

  it('does not acknowledge a reading it could not store, and stores it once storage is back', async () => {
    // Break storage: the readings table is gone for a moment.
    await core.db.query('ALTER TABLE readings RENAME TO readings_away');
    try {
      await pub.publishAsync(
        `fenghuo/${city}/readings/S0`,
        JSON.stringify({ ts: new Date(Date.now() - 2000).toISOString(), values: { ch4: 1.5 } }),
        { qos: 1 },
      );
      await new Promise((r) => setTimeout(r, 700));
      expect(ingest.received).toBeGreaterThan(0);
    } finally {
      await core.db.query('ALTER TABLE readings_away RENAME TO readings');
    }
    // The handler keeps the message unacknowledged and retries; nothing is lost.
    await expect.poll(() => count('S0'), { timeout: 15_000, interval: 200 }).toBe(1);
  });
});
