/**
 * MQTT ingest: readings published on `fenghuo/<city>/readings/<sensor>` (QoS 1) are validated and
 * stored through the same writer as HTTP. The PUBACK is sent only after the reading is durably stored,
 * so a broker redelivers whatever the platform did not keep. Invalid readings are acknowledged (a
 * redelivery would not make them valid) and reported on `fenghuo/<city>/rejected/<sensor>`.
 *
 * MQTT.js handles one incoming QoS 1 message at a time per connection; several connections share one
 * subscription (`$share/…`) so that their messages still meet in the writer's group commit.
 */

import { FenghuoError } from '@fenghuo/sdk';
import mqtt, { type MqttClient } from 'mqtt';
import type { Core } from '../core.js';
import { emptyBatch, type Rejection, validateReadings } from './batch.js';
import { ingestWriter } from './http.js';
import { decodeRaw } from './raw.js';

export interface MqttIngestOptions {
  url: string;
  /** Parallel connections on the shared subscription. */
  connections?: number;
  /** Share group name (processes with the same group split the messages). */
  group?: string;
  /** Topic prefix; default `fenghuo`. */
  prefix?: string;
  /** Only these cities' topics (default: every city, `+`): to split cities between process groups. */
  cities?: string[];
}

export interface MqttIngest {
  stop(): Promise<void>;
  readonly received: number;
}

const SEGMENT = /^[A-Za-z0-9_.:-]{1,128}$/;

export async function startMqttIngest(core: Core, opts: MqttIngestOptions): Promise<MqttIngest> {
  const writer = ingestWriter(core);
  const prefix = opts.prefix ?? 'fenghuo';
  const group = opts.group ?? 'fenghuo-core';
  const n = Math.max(1, opts.connections ?? 4);
  const clients: MqttClient[] = [];
  let received = 0;

  const handle = async (client: MqttClient, topic: string, payload: Buffer): Promise<void> => {
    received++;
    const parts = topic.split('/');
    // prefix / city / readings|raw / sensor
    if (parts.length !== 4 || parts[0] !== prefix || (parts[2] !== 'readings' && parts[2] !== 'raw')) return;
    const city = parts[1]!;
    const sensor = parts[3]!;
    if (!SEGMENT.test(city) || !SEGMENT.test(sensor)) return;
    const rejected: Rejection[] = [];
    let items: unknown[];
    if (parts[2] === 'raw') {
      // The vendor's own bytes go to the sensor's decoder in the sandbox (a copy: an MQTT.js Buffer may be
      // a window into a shared pool). A payload that cannot be decoded is reported and acknowledged:
      // redelivering it would not make it decodable.
      try {
        items = await decodeRaw(core, city, sensor, new Uint8Array(payload), new Date().toISOString());
      } catch (err) {
        if (!(err instanceof FenghuoError) || err.status >= 500) throw err;
        core.log.warn({ city, sensor, code: err.code }, 'mqtt raw payload not decoded');
        client.publish(
          `${prefix}/${city}/rejected/${sensor}`,
          JSON.stringify({
            accepted: 0,
            error: { code: err.code, message: err.message, details: err.details },
          }),
          { qos: 0 },
        );
        return;
      }
    } else {
      try {
        const body = JSON.parse(payload.toString('utf8')) as unknown;
        items = Array.isArray(body)
          ? body
          : body &&
              typeof body === 'object' &&
              'readings' in body &&
              Array.isArray((body as { readings: unknown }).readings)
            ? (body as { readings: unknown[] }).readings
            : [body];
      } catch (err) {
        rejected.push({
          index: 0,
          sensor,
          code: 'FH_INGEST_READING_INVALID',
          message: `malformed JSON: ${(err as Error).message}`,
        });
        items = [];
      }
    }
    const batch = emptyBatch(Math.max(1, items.length * 2));
    validateReadings(
      core.sensors,
      items.slice(0, core.config.maxBatch),
      {
        city,
        nowMs: Date.now(),
        futureToleranceMs: core.config.futureToleranceSec * 1000,
        maxAgeMs: core.config.maxAgeDays * 86_400_000,
        sensorFromTopic: sensor,
      },
      batch,
      rejected,
    );
    // Storage failures propagate: the message is not acknowledged and the broker will redeliver it.
    await writer.write(batch);
    if (rejected.length > 0) {
      core.log.warn({ city, sensor, rejected: rejected.length }, 'mqtt readings rejected');
      client.publish(
        `${prefix}/${city}/rejected/${sensor}`,
        JSON.stringify({ accepted: batch.length, rejected }),
        { qos: 0 },
      );
    }
  };

  for (let i = 0; i < n; i++) {
    const client = mqtt.connect(opts.url, {
      clientId: `${group}-${process.pid}-${i}-${Math.random().toString(36).slice(2, 8)}`,
      clean: true,
      reconnectPeriod: 1000,
      protocolVersion: 5,
    });
    // Acknowledge only after the handler stored the message (MQTT.js sends PUBACK when we call back).
    client.handleMessage = (packet, callback) => {
      if (packet.cmd !== 'publish') return callback();
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      const attempt = (delay: number): void => {
        handle(client, packet.topic, payload).then(
          () => callback(),
          (err) => {
            core.log.error({ err }, 'mqtt reading not stored; retrying before acknowledging');
            setTimeout(() => attempt(Math.min(delay * 2, 10_000)), delay);
          },
        );
      };
      attempt(200);
    };
    clients.push(client);
  }
  await Promise.all(
    clients.map(
      (c) =>
        new Promise<void>((resolve, reject) => {
          const fail = (err: Error) => reject(err);
          c.once('error', fail);
          c.once('connect', () => {
            c.off('error', fail);
            c.subscribe(
              (opts.cities ?? ['+']).flatMap((c) => [
                `$share/${group}/${prefix}/${c}/readings/+`,
                `$share/${group}/${prefix}/${c}/raw/+`,
              ]),
              { qos: 1 },
              (err) => (err ? reject(err) : resolve()),
            );
          });
        }),
    ),
  );
  for (const c of clients)
    c.on('error', (err) => core.log.warn({ err: err.message }, 'mqtt ingest connection error'));
  return {
    get received() {
      return received;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.endAsync()));
    },
  };
}
