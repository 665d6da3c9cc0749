/**
 * `pnpm bench` — the ingest benchmark, on PostgreSQL (DATABASE_URL, default the local `test` database).
 *
 * 1. Sustained readings/s through `POST /api/v1/readings` (batches, thresholds evaluated, stored).
 * 2. Baseline in the same run: a bare COPY of the same rows into the same (emptied) table. Ratio.
 * 3. Reading-to-alarm latency p50/p99 at a steady 10,000 readings/s: from the moment the request with a
 *    crossing reading is sent to the moment the stored alarm is published to subscribers.
 * 4. RSS of a `fenghuo serve` process with 100,000 sensors registered.
 *
 * Options (env): BENCH_READINGS (default 3,000,000), BENCH_BATCH (5,000), BENCH_CONCURRENCY (4),
 * BENCH_SENSORS (10,000), BENCH_RATE (10,000), BENCH_SECONDS (20), BENCH_SKIP_RSS=1.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { buildServer } from '../src/api/server.js';
import { createCore } from '../src/app.js';
import { createToken } from '../src/auth/tokens.js';
import { loadConfig } from '../src/config.js';
import { ingestWriter } from '../src/ingest/http.js';

const env = process.env;
const url = env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test';
const schema = 'fenghuo_bench';
const num = (v: string | undefined, d: number) => (v ? Number(v) : d);
const READINGS = num(env.BENCH_READINGS, 3_000_000);
const BATCH = num(env.BENCH_BATCH, 5_000);
const CONCURRENCY = num(env.BENCH_CONCURRENCY, 4);
const SENSORS = num(env.BENCH_SENSORS, 10_000);
const RATE = num(env.BENCH_RATE, 10_000);
const SECONDS = num(env.BENCH_SECONDS, 20);
const CROSS_SENSORS = 2_000;
const RSS_SENSORS = 100_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A city with `n` gas sensors `B0…` and `CROSS_SENSORS` spare ones `X0…` for the latency phase. */
async function seed(sch: string, n: number, spare: number): Promise<void> {
  await admin(async (c) => {
    await c.query(`SET search_path TO ${sch}`);
    await c.query(`INSERT INTO cities (id, name_zh, name_en) VALUES ('bench', '压测市', 'Bench City')`);
    await c.query(
      `INSERT INTO units (city_id, id, kind, name_zh, name_en) VALUES ('bench', 'gasco', 'owner', '燃气公司', 'Gas company')`,
    );
    await c.query(
      `INSERT INTO objects (city_id, id, kind, role, risk_type, name_zh, name_en, owner_unit, geometry, lon, lat, attributes)
       SELECT 'bench', 'VW' || g, 'valve_well', 'monitored', 'gas-pipeline', g || '号阀门井', 'Valve well ' || g, 'gasco',
              jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(120 + g * 1e-5, 30.0)), 120 + g * 1e-5, 30.0, '{}'
         FROM generate_series(0, $1::int - 1) g`,
      [Math.ceil((n + spare) / 10)],
    );
    await c.query(
      `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat, interval_sec)
       SELECT 'bench', 'B' || g, 'VW' || (g / 10), 'gas-pipeline', '{ch4}', 120 + g * 1e-6, 30.0, 60 FROM generate_series(0, $1::int - 1) g`,
      [n],
    );
    await c.query(
      `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat, interval_sec)
       SELECT 'bench', 'X' || g, 'VW' || ((g + $1::int) / 10), 'gas-pipeline', '{ch4}', 120, 30.0, 60 FROM generate_series(0, $2::int - 1) g`,
      [n, spare],
    );
  });
}

function runWorker<T>(mode: string, port: number, token: string, params: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./load-worker.mjs', import.meta.url), {
      workerData: { mode, port, token, params },
    });
    w.once('message', (m: { ok: boolean; result: T; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(m.error)),
    );
    w.once('error', reject);
  });
}

async function main(): Promise<void> {
  console.log(
    `Fenghuo ingest benchmark — PostgreSQL at ${new URL(url).host}, ${READINGS.toLocaleString()} readings in batches of ${BATCH}`,
  );
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  const config = loadConfig(env, { databaseUrl: url, schema, logLevel: 'warn', runJobs: false, port: 0 });
  let core = await createCore(config, { logger: pino({ level: 'warn' }) });
  await seed(schema, SENSORS, CROSS_SENSORS);
  await core.sensors.reload();
  const token = await createToken(core.db, 'bench', 'device', 'bench');
  const app = await buildServer(core);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;

  // Timestamps: within the last day, one second apart per sensor (unique rows).
  const rounds = Math.ceil(READINGS / SENSORS);
  const t0 = Date.now() - (rounds + 120) * 1000;

  // Warm-up (JIT, partitions, pool), then the measured run.
  await runWorker('throughput', port, token, {
    sensors: SENSORS,
    t0: t0 - 100_000,
    total: Math.min(200_000, READINGS),
    batch: BATCH,
    concurrency: CONCURRENCY,
    crossEvery: 0,
  });
  await admin((c) => c.query(`TRUNCATE ${schema}.readings`));
  const cpu0 = process.cpuUsage();
  const tp = await runWorker<{ ms: number; requests: number }>('throughput', port, token, {
    sensors: SENSORS,
    t0,
    total: READINGS,
    batch: BATCH,
    concurrency: CONCURRENCY,
    crossEvery: 1000,
  });
  const cpu = process.cpuUsage(cpu0);
  const stored = Number(
    (await core.db.query<{ n: string }>('SELECT count(*)::text AS n FROM readings')).rows[0]!.n,
  );
  const ingestRate = (READINGS / tp.ms) * 1000;
  const alarms = Number(
    (await core.db.query<{ n: string }>('SELECT count(*)::text AS n FROM alarms')).rows[0]!.n,
  );

  // Baseline: the same rows, COPY into the same emptied table.
  await admin((c) => c.query(`TRUNCATE ${schema}.readings`));
  const rowsText = await admin(async (c) => {
    const ids = await c.query<{ id: string; sid: number }>(`SELECT id, sid FROM ${schema}.sensors`);
    const sidOf = new Map(ids.rows.map((r) => [r.id, r.sid]));
    const metric = core.sensors.metricIds.get('ch4')!;
    const lines: string[] = [];
    for (let i = 0; i < READINGS; i++) {
      const s = i % SENSORS;
      const round = Math.floor(i / SENSORS);
      const v = s % 1000 === 0 ? Math.min(99, 2 + round * 3) : ((s * 7 + round) % 40) / 10;
      lines.push(`${sidOf.get(`B${s}`)}\t${metric}\t${new Date(t0 + round * 1000).toISOString()}\t${v}\n`);
    }
    return lines;
  });
  const copyStart = performance.now();
  await admin(async (c) => {
    await c.query(`SET search_path TO ${schema}`);
    const chunk = 50_000;
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < rowsText.length; i += chunk) yield rowsText.slice(i, i + chunk).join('');
        })(),
      ),
      c.query(copyFrom('COPY readings (sid, metric, ts, value) FROM STDIN')),
    );
  });
  const copyRate = (READINGS / (performance.now() - copyStart)) * 1000;
  rowsText.length = 0;

  // Latency at a steady rate: fresh server state (the alarms of phase 1 stay, the X sensors are new).
  const alarmAt = new Map<string, number>();
  core.bus.on('alarm', (a) => {
    if (a.previousLevel === null && !alarmAt.has(a.sensorId))
      alarmAt.set(a.sensorId, performance.timeOrigin + performance.now());
  });
  // Methane must hold 60 s before the gas plugin raises an alarm (its debounce): each X sensor reported
  // 80 %LEL 70 s before the steady phase, so the one reading each gets during it is the one that raises.
  const steadyT0 = Date.now() - 10_000;
  const arm = await fetch(`http://127.0.0.1:${port}/api/v1/readings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      readings: Array.from({ length: CROSS_SENSORS }, (_, i) => ({
        sensor: `X${i}`,
        ts: new Date(steadyT0 - 70_000).toISOString(),
        values: { ch4: 80 },
      })),
    }),
  });
  if (arm.status !== 200)
    throw new Error(`arming the latency sensors failed: ${arm.status} ${await arm.text()}`);
  const steady = await runWorker<{
    sent: number;
    ms: number;
    sendTimes: Record<string, number>;
    acks: number[];
  }>('steady', port, token, {
    sensors: SENSORS,
    rate: RATE,
    seconds: SECONDS,
    perRequest: 100,
    t0: steadyT0,
    crossSensors: Array.from({ length: CROSS_SENSORS }, (_, i) => `X${i}`),
    crossMs: 100,
  });
  const lat: number[] = [];
  for (const [id, sent] of Object.entries(steady.sendTimes)) {
    const at = alarmAt.get(id);
    if (at !== undefined) lat.push(at - sent);
  }
  const missing = Object.keys(steady.sendTimes).length - lat.length;
  const w = ingestWriter(core).stats;
  await app.close();
  await ingestWriter(core).close();
  await core.db.close();

  // RSS of a real `serve` process with 100,000 sensors registered.
  let rss = 'skipped';
  if (!env.BENCH_SKIP_RSS) {
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    core = await createCore(config, { logger: pino({ level: 'warn' }) });
    await seed(schema, RSS_SENSORS, 0);
    await core.db.close();
    rss = await serveRss(schema);
  }
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));

  const ratio = ingestRate / copyRate;
  console.log('');
  console.log('| measure | value | target |');
  console.log('|---|---|---|');
  console.log(
    `| HTTP batch ingest, thresholds evaluated, stored | ${fmt(ingestRate)} readings/s (${fmt(READINGS)} in ${(tp.ms / 1000).toFixed(1)} s, ${tp.requests} requests × ${BATCH}, ${CONCURRENCY} in flight; stored ${fmt(stored)}; alarms ${alarms}) | ≥ 150,000/s |`,
  );
  console.log(`| bare COPY of the same rows into the same table | ${fmt(copyRate)} rows/s | baseline |`);
  console.log(`| ingest / COPY | ${(ratio * 100).toFixed(0)} % | ≥ 30 % |`);
  console.log(
    `| server process CPU during ingest | ${(((cpu.user + cpu.system) / 1000 / tp.ms) * 100).toFixed(0)} % of one core | |`,
  );
  console.log(
    `| reading-to-alarm at ${fmt(RATE)} readings/s | p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${Math.max(...lat).toFixed(1)} ms (${lat.length} alarms, ${missing} missing; ${fmt((steady.sent / steady.ms) * 1000)} readings/s sent) | p99 < 50 ms |`,
  );
  console.log(
    `| HTTP ack of 100-reading requests at that rate | p50 ${pct(steady.acks, 50).toFixed(1)} ms, p99 ${pct(steady.acks, 99).toFixed(1)} ms | |`,
  );
  console.log(
    `| group commits | ${fmt(w.flushes)} flushes, ${fmt(w.rows / Math.max(1, w.flushes))} rows each on average | |`,
  );
  console.log(`| \`fenghuo serve\` RSS, ${fmt(RSS_SENSORS)} sensors registered | ${rss} | < 300 MB |`);
  const ok =
    ingestRate >= 150_000 && ratio >= 0.3 && pct(lat, 99) < 50 && missing === 0 && stored === READINGS;
  console.log(ok ? '\nall targets met' : '\nsome targets NOT met');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Start `fenghuo serve` on the bench schema, wait for /healthz, read VmRSS, stop it. */
async function serveRss(sch: string): Promise<string> {
  const cli = new URL('../src/cli.ts', import.meta.url).pathname;
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      FENGHUO_DB_SCHEMA: sch,
      PORT: String(port),
      FENGHUO_JOBS: 'off',
      MQTT_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const portFound = await new Promise<number>((resolve, reject) => {
      let buf = '';
      const t = setTimeout(() => reject(new Error('serve did not start in 60 s')), 60_000);
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        if (/listening on/.test(buf)) {
          clearTimeout(t);
          resolve(port);
        }
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const res = await fetch(`http://127.0.0.1:${portFound}/healthz`);
    const health = await res.text();
    await new Promise((r) => setTimeout(r, 1000));
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return `${(kb / 1024).toFixed(0)} MB (health: ${health.slice(0, 80)})`;
  } finally {
    child.kill('SIGTERM');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
