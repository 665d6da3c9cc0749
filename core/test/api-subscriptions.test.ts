import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { isoAgo, ok, send } from './api-helpers.js';
import { testInventory, testPlugins, tokenOf } from './catalog-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

interface Message {
  type: string;
  id?: string;
  payload?: { data?: Record<string, { id: string; status: string; sensor: { id: string } }> } & {
    message?: string;
  } & Record<string, unknown>;
}

/** A graphql-transport-ws client that records every message it receives. */
class Client {
  readonly messages: Message[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => this.messages.push(JSON.parse(String(raw)) as Message));
  }

  static async connect(url: string, authorization?: string): Promise<Client> {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const c = new Client(ws);
    ws.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} }));
    await c.waitFor((m) => m.type === 'connection_ack' || m.type === 'connection_error');
    return c;
  }

  subscribe(id: string, query: string): void {
    this.ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
  }

  async waitFor(pred: (m: Message) => boolean, timeoutMs = 5_000): Promise<Message> {
    const t0 = Date.now();
    for (;;) {
      const m = this.messages.find(pred);
      if (m) return m;
      if (Date.now() - t0 > timeoutMs)
        throw new Error(`no such message; got ${JSON.stringify(this.messages)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.ws.close();
  }
}

describe('GraphQL subscriptions over websocket', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let url: string;
  const clients: Client[] = [];
  const connect = async (auth?: string) => {
    const c = await Client.connect(url, auth);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    core = await makeTestCore('api_ws', { plugins: testPlugins() });
    await loadInventory(core, testInventory('alpha'));
    await loadInventory(core, testInventory('beta', 120.19));
    app = await buildServer(core);
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await app.close();
    await core.dispose();
  });

  it('pushes a raised alarm to its city, and only to its city', async () => {
    const alpha = await connect(`Bearer ${tokenOf('alpha', 'viewer')}`);
    const beta = await connect(`Bearer ${tokenOf('beta', 'viewer')}`);
    expect(alpha.messages[0]!.type).toBe('connection_ack');
    const q = 'subscription { alarmRaised { id status level sensor { id object { id } } } }';
    alpha.subscribe('a1', q);
    beta.subscribe('b1', q);
    // Let the subscriptions register before the alarm.
    await new Promise((r) => setTimeout(r, 300));
    // The ingest path stores the alarm and emits it on core.bus after the commit.
    await send(app, tokenOf('alpha', 'device'), [
      { sensor: 'CH4-1', ts: isoAgo(1_000), values: { ch4: 30 } },
    ]);
    const m = await alpha.waitFor((x) => x.type === 'next' && x.id === 'a1');
    const alarm = m.payload!.data!['alarmRaised']!;
    expect(alarm).toMatchObject({
      status: 'raised',
      level: 'orange',
      sensor: { id: 'CH4-1', object: { id: 'VW-1' } },
    });
    const { rows } = await core.db.query<{ id: string }>(
      "SELECT id::text FROM alarms WHERE city_id = 'alpha'",
    );
    expect(alarm.id).toBe(rows[0]!.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(beta.messages.filter((x) => x.type === 'next')).toEqual([]);
  });

  it('pushes every change of an alarm to alarmChanged, but an acknowledgement is no new raise', async () => {
    const c = await connect(`Bearer ${tokenOf('alpha', 'operator')}`);
    c.subscribe('ch', 'subscription { alarmChanged { id status acknowledgedBy } }');
    c.subscribe('rs', 'subscription { alarmRaised { id } }');
    await new Promise((r) => setTimeout(r, 300));
    const { rows } = await core.db.query<{ id: string }>(
      "SELECT id::text FROM alarms WHERE city_id = 'alpha'",
    );
    await ok(app, tokenOf('alpha', 'operator'), 'mutation($id: ID!) { acknowledgeAlarm(id: $id) { id } }', {
      id: rows[0]!.id,
    });
    const m = await c.waitFor((x) => x.type === 'next' && x.id === 'ch');
    expect(m.payload!.data!['alarmChanged']).toMatchObject({
      id: rows[0]!.id,
      status: 'acknowledged',
      acknowledgedBy: 'alpha operator',
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(c.messages.filter((x) => x.id === 'rs')).toEqual([]);
  });

  it('pushes an issued warning to its city', async () => {
    const c = await connect(`Bearer ${tokenOf('alpha', 'viewer')}`);
    const other = await connect(`Bearer ${tokenOf('beta', 'viewer')}`);
    const q =
      'subscription { warningIssued { id tier revision title { zh en } alarm { id sensor { id } } } }';
    c.subscribe('w', q);
    other.subscribe('w', q);
    await new Promise((r) => setTimeout(r, 300));
    // What the analysis stage does once a warning is stored: emit it on the bus.
    const { rows } = await core.db.query<{ id: string }>(
      `INSERT INTO warnings (city_id, alarm_id, risk_type, object_id, tier, title_zh, title_en, body_zh, body_en,
                             instructions_zh, instructions_en)
       SELECT city_id, id, risk_type, object_id, 'orange', '橙色预警', 'Orange warning', '正文', 'Body', '指引', 'Do this'
         FROM alarms WHERE city_id = 'alpha' AND sensor_id = 'CH4-1'
       RETURNING id::text, alarm_id::text`,
    );
    const w = rows[0]! as { id: string; alarm_id: string };
    core.bus.emit('warning', { id: w.id, city: 'alpha', alarmId: w.alarm_id, tier: 'orange', revision: 1 });
    const m = await c.waitFor((x) => x.type === 'next' && x.id === 'w');
    expect(m.payload!.data!['warningIssued']).toEqual({
      id: w.id,
      tier: 'orange',
      revision: 1,
      title: { zh: '橙色预警', en: 'Orange warning' },
      alarm: { id: w.alarm_id, sensor: { id: 'CH4-1' } },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(other.messages.filter((x) => x.type === 'next')).toEqual([]);
  });

  it('refuses a subscription without a valid token with FH_AUTH_UNAUTHENTICATED', async () => {
    const c = await connect();
    c.subscribe('x', 'subscription { alarmRaised { id } }');
    const m = await c.waitFor((x) => x.id === 'x');
    expect(m.type).toBe('error');
    expect(JSON.stringify(m.payload)).toContain('FH_AUTH_UNAUTHENTICATED');
    const d = await connect(`Bearer ${tokenOf('alpha', 'device')}`);
    d.subscribe('y', 'subscription { alarmRaised { id } }');
    const n = await d.waitFor((x) => x.id === 'y');
    expect(JSON.stringify(n.payload)).toContain('FH_AUTH_FORBIDDEN');
  });
});
