/**
 * Fixtures shared by the alarm, job, dispatch and analysis tests: a small inline risk type and a city
 * inserted with SQL (two cities, so that scoping can be checked).
 *
 * Geometry around (120.000, 30.000): 0.001° of longitude ≈ 96 m, 0.001° of latitude ≈ 111 m.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  defineRiskType,
  type Level,
  Type,
} from '@fenghuo/sdk';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { applyLevelChanges } from '../src/alarms/apply.js';
import type { LevelChange } from '../src/alarms/types.js';
import type { Core } from '../src/core.js';
import type { AlarmEventPayload } from '../src/events.js';
import { PluginRegistry } from '../src/registry/plugins.js';

export type Analyze = (event: AlarmEvent, ctx: AnalysisContext) => Promise<AnalysisResult> | AnalysisResult;

/** What the test plugin's `analyze` does; tests swap it. */
export const analysis: { impl: Analyze; calls: AlarmEvent[] } = {
  impl: defaultAnalyze,
  calls: [],
};

/** Lists protection targets and hazards within 200 m; the tier follows the alarm level. */
export async function defaultAnalyze(event: AlarmEvent, ctx: AnalysisContext): Promise<AnalysisResult> {
  const near = await ctx.within(200, { roles: ['target', 'hazard'] });
  const tier = event.level === 'alarm' ? null : event.level;
  return {
    tier,
    impactRadiusM: 200,
    impact: { type: 'Point', coordinates: event.sensor.location },
    targets: near.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: o.distanceM ?? 0,
    })),
    findings: [{ zh: `甲烷 ${event.value} %LEL`, en: `methane ${event.value} %LEL` }],
    actions: [{ zh: '疏散周边人员', en: 'Evacuate the surroundings' }],
    data: { near: near.length },
  };
}

export const testGas = defineRiskType({
  id: 'test-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '测试燃气', en: 'Test gas' },
  objects: {
    valve_well: {
      name: { zh: '阀门井', en: 'Valve well' },
      attributes: Type.Object({ depthM: Type.Optional(Type.Number()) }),
    },
  },
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
      intervalSec: 10,
    },
  },
  thresholds: {
    ch4: { direction: 'rising', levels: { alarm: 5, blue: 10, yellow: 20, orange: 30, red: 50 } },
  },
  analyze: (event, ctx) => {
    analysis.calls.push(event);
    return analysis.impl(event, ctx);
  },
  warning: {
    title: { zh: '{{object}}燃气泄漏{{tierZh}}', en: '{{tierEn}}: gas leak at {{objectEn}}' },
    body: {
      zh: '{{object}}{{metric}} {{value}} {{unit}}，影响范围内：{{targetsZh}}（{{near}} 处）',
      en: '{{metricEn}} at {{objectEn}}: {{value}} {{unit}}; inside the impact area: {{targetsEn}} ({{near}})',
    },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});

export function testPlugins(): PluginRegistry {
  const reg = new PluginRegistry();
  reg.add(testGas);
  return reg;
}

export interface Seeded {
  sid: Record<'s1' | 's2' | 's3' | 'x1', number>;
}

/** Insert the test cities, units, objects and sensors, then reload the sensor cache. */
export async function seed(core: Core, opts: { webhookUrl?: string } = {}): Promise<Seeded> {
  const q = core.db;
  await q.query(
    `INSERT INTO cities (id, name_zh, name_en) VALUES ('c1', '测试市', 'Test City'), ('c2', '邻市', 'Next City')`,
  );
  await q.query(
    `INSERT INTO units (city_id, id, kind, name_zh, name_en, webhook_url) VALUES
       ('c1', 'gasco', 'owner', '燃气公司', 'Gas company', $1),
       ('c1', 'emergency', 'department', '应急管理局', 'Emergency management bureau', NULL),
       ('c1', 'gov', 'government', '市政府', 'City government', NULL),
       ('c1', 'school-owner', 'owner', '教育局', 'Education bureau', NULL),
       ('c2', 'gasco2', 'owner', '邻市燃气', 'Next gas', NULL)`,
    [opts.webhookUrl ?? null],
  );
  const pt = (lon: number, lat: number) => JSON.stringify({ type: 'Point', coordinates: [lon, lat] });
  const objects: [string, string, string, string, string | null, string, string, string, number, number][] = [
    ['c1', 'well-1', 'valve_well', 'monitored', 'gasco', '1号阀门井', 'Valve well 1', pt(120, 30), 120, 30],
    [
      'c1',
      'well-2',
      'valve_well',
      'monitored',
      'gasco',
      '2号阀门井',
      'Valve well 2',
      pt(120.0015, 30),
      120.0015,
      30,
    ],
    [
      'c1',
      'well-3',
      'valve_well',
      'monitored',
      'gasco',
      '3号阀门井',
      'Valve well 3',
      pt(120.01, 30),
      120.01,
      30,
    ],
    [
      'c1',
      'school-1',
      'school',
      'target',
      'school-owner',
      '实验小学',
      'Experimental school',
      pt(120.001, 30),
      120.001,
      30,
    ],
    [
      'c1',
      'hospital-1',
      'hospital',
      'target',
      null,
      '人民医院',
      "People's hospital",
      pt(120, 30.004),
      120,
      30.004,
    ],
    [
      'c1',
      'station-1',
      'filling_station',
      'hazard',
      null,
      '加油站',
      'Filling station',
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [120.0005, 30],
            [120.0008, 30],
            [120.0008, 30.0003],
            [120.0005, 30.0003],
            [120.0005, 30],
          ],
        ],
      }),
      120.00065,
      30.00015,
    ],
    [
      'c1',
      'main-1',
      'pipeline',
      'monitored',
      'gasco',
      '中压干管',
      'Medium-pressure main',
      JSON.stringify({
        type: 'LineString',
        coordinates: [
          [119.999, 30.0002],
          [120.001, 30.0002],
        ],
      }),
      120,
      30.0002,
    ],
    ['c1', 'school-far', 'school', 'target', null, '远郊小学', 'Far school', pt(120.02, 30), 120.02, 30],
    [
      'c2',
      'well-x',
      'valve_well',
      'monitored',
      'gasco2',
      '邻市阀门井',
      'Next valve well',
      pt(120.0001, 30),
      120.0001,
      30,
    ],
    ['c2', 'school-x', 'school', 'target', null, '邻市小学', 'Next school', pt(120.0005, 30), 120.0005, 30],
  ];
  for (const o of objects) {
    await q.query(
      `INSERT INTO objects (city_id, id, kind, role, owner_unit, name_zh, name_en, geometry, lon, lat, risk_type)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, CASE WHEN $4 = 'monitored' THEN 'test-gas' END)`,
      o,
    );
  }
  const sensor = async (city: string, id: string, object: string, lon: number, lat: number) => {
    const { rows } = await q.query<{ sid: number }>(
      `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat)
       VALUES ($1, $2, $3, 'test-gas', '{ch4}', $4, $5) RETURNING sid`,
      [city, id, object, lon, lat],
    );
    return rows[0]!.sid;
  };
  const sid = {
    s1: await sensor('c1', 'S1', 'well-1', 120, 30),
    s2: await sensor('c1', 'S2', 'well-2', 120.0015, 30),
    s3: await sensor('c1', 'S3', 'well-3', 120.01, 30),
    x1: await sensor('c2', 'X1', 'well-x', 120.0001, 30),
  };
  await core.sensors.reload();
  return { sid };
}

/** A level change of sensor S1's methane (or another sensor's, by sid). */
export function change(
  seeded: Seeded,
  from: Level | null,
  to: Level | null,
  value: number,
  limit: number,
  ts: string,
  which: keyof Seeded['sid'] = 's1',
): LevelChange {
  const names = {
    s1: ['c1', 'S1', 'well-1'],
    s2: ['c1', 'S2', 'well-2'],
    s3: ['c1', 'S3', 'well-3'],
    x1: ['c2', 'X1', 'well-x'],
  };
  const [city, sensorId, objectId] = names[which];
  return {
    city: city!,
    sid: seeded.sid[which],
    sensorId: sensorId!,
    objectId: objectId!,
    riskType: 'test-gas',
    metric: 'ch4',
    from,
    to,
    cause: 'value',
    value,
    limit,
    // As the rules stage writes it.
    ts: new Date(ts).toISOString(),
  };
}

/** Apply changes the way the ingest writer does: in one transaction, payloads emitted after commit. */
export async function applyAndEmit(core: Core, changes: LevelChange[]): Promise<AlarmEventPayload[]> {
  const payloads = await core.db.tx((q) => applyLevelChanges(core, q, changes));
  for (const p of payloads) core.bus.emit('alarm', p);
  return payloads;
}

export interface Received {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  url: string;
}

/** A loopback HTTP server that records what it receives and answers with the next scripted status. */
export async function webhookServer(statuses: number[] = []): Promise<{
  url: string;
  received: Received[];
  server: Server;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        url: req.url ?? '',
      });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Wait until `check` returns a truthy value (polling), or fail after `ms`. */
export async function until<T>(
  check: () => Promise<T> | T,
  ms = 10_000,
  what = 'condition',
): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Remove every BullMQ key of a prefix (tests use one prefix per schema). */
export async function obliterateQueues(redisUrl: string, prefix: string, names: string[]): Promise<void> {
  const conn = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    for (const name of names) {
      const q = new Queue(name, { connection: conn, prefix });
      await q.obliterate({ force: true }).catch(() => undefined);
      await q.close();
    }
  } finally {
    await conn.quit();
  }
}
