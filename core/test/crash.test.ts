/**
 * The platform killed with SIGKILL in the middle of ingest and started again: every acknowledged
 * reading is stored, and a device that resends everything (acknowledged or not) stores nothing twice.
 * Runs `fenghuo-core serve` as a real child process, on PostgreSQL (DATABASE_URL) or PGlite.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { REPO_ROOT } from '../src/config.js';
import { openDb } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { testSchema } from './helpers.js';

const url = process.env.DATABASE_URL || undefined;
const SENSORS = 50;
const PER_BATCH = SENSORS * 4; // 4 instants × 50 sensors
const BATCHES = 400;

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

function serve(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'core/src/cli.ts'), 'serve'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, FENGHUO_JOBS: 'off', MQTT_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (/listening on/.test(out)) {
        clearTimeout(t);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`serve exited with ${code}: ${out}`));
    });
  });
}

const base = Date.now() - 3 * 3600_000;
function body(k: number): string {
  const readings = [];
  for (let t = 0; t < 4; t++) {
    const ts = new Date(base + (k * 4 + t) * 1000).toISOString();
    for (let s = 0; s < SENSORS; s++) readings.push({ sensor: `K${s}`, ts, values: { ch4: (s + k) % 5 } });
  }
  return JSON.stringify({ readings });
}

describe('a crash during ingest', () => {
  const schema = testSchema('crash');
  const dataDir = mkdtempSync(join(tmpdir(), 'fenghuo-crash-'));
  const dbOpts = { url, schema, dataDir: url ? undefined : dataDir };
  let child: ChildProcess | undefined;

  afterAll(async () => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      const db = await openDb({ url, schema: 'public' });
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.close();
    }
  });

  it('keeps every acknowledged reading and stores none twice after SIGKILL and a full resend', async () => {
    // Seed with the real gas-pipeline plugin's metric (the child loads plugins/).
    let db = await openDb(dbOpts);
    await migrate(db);
    await db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('k', '崩溃市', 'Crash City')");
    await db.query(
      `INSERT INTO objects (city_id, id, kind, role, risk_type, name_zh, name_en, geometry, lon, lat)
       VALUES ('k', 'W', 'valve_well', 'monitored', 'gas-pipeline', '井', 'Well', '{"type":"Point","coordinates":[120.15,30.27]}', 120.15, 30.27)`,
    );
    await db.query(
      `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat)
       SELECT 'k', 'K' || g, 'W', 'gas-pipeline', '{ch4}', 120.15, 30.27 FROM generate_series(0, ${SENSORS - 1}) g`,
    );
    const token = await createToken(db, 'k', 'device', 'crash test');
    await db.close();

    const port = await freePort();
    const env = {
      PORT: String(port),
      FENGHUO_DB_SCHEMA: schema,
      ...(url ? { DATABASE_URL: url } : { FENGHUO_DATA_DIR: dataDir, DATABASE_URL: '' }),
    };
    child = await serve(env);

    const acked = new Set<number>();
    let next = 0;
    let killed = false;
    const send = async (k: number) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/readings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: body(k),
      });
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
    };
    const worker = async () => {
      while (!killed && next < BATCHES) {
        const k = next++;
        try {
          await send(k);
          acked.add(k);
        } catch {
          // The server died under this request: not acknowledged.
        }
      }
    };
    const workers = Promise.all([worker(), worker(), worker(), worker()]);
    // Kill mid-stream, once some batches are acknowledged and others are in flight.
    await expect.poll(() => acked.size, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(40);
    const victim = child;
    child = undefined;
    const died = new Promise((r) => victim.once('exit', r));
    victim.kill('SIGKILL');
    killed = true;
    await workers;
    await died;
    expect(acked.size).toBeGreaterThanOrEqual(40);
    expect(acked.size).toBeLessThan(BATCHES);

    // Every acknowledged batch is there, whole.
    db = await openDb(dbOpts);
    const perBatch = async () => {
      const { rows } = await db.query<{ k: number; n: string }>(
        `SELECT floor((extract(epoch FROM ts) * 1000 - $1) / 4000)::int AS k, count(*)::text AS n FROM readings GROUP BY 1`,
        [base],
      );
      return new Map(rows.map((r) => [r.k, Number(r.n)]));
    };
    const stored = await perBatch();
    for (const k of acked) expect(stored.get(k), `batch ${k}`).toBe(PER_BATCH);
    await db.close();

    // Restart and resend everything, as a device that lost track would.
    child = await serve(env);
    for (let k = 0; k < BATCHES; k += 4)
      await Promise.all([k, k + 1, k + 2, k + 3].filter((x) => x < BATCHES).map(send));
    const stopped = child;
    child = undefined;
    const exited = new Promise((r) => stopped.once('exit', r));
    stopped.kill('SIGTERM');
    await exited;

    db = await openDb(dbOpts);
    const total = Number(
      (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM readings')).rows[0]!.n,
    );
    expect(total).toBe(BATCHES * PER_BATCH);
    const after = await perBatch();
    expect([...after.values()].every((n) => n === PER_BATCH)).toBe(true);
    await db.close();
  }, 120_000);
});
