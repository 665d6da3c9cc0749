import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO_ROOT } from '../src/config.js';
import { testSchema } from './helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('fenghuo-core CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fh-cli-'));
  const schema = testSchema('cli');
  const env = {
    ...process.env,
    FENGHUO_DATA_DIR: join(dir, 'data'),
    FENGHUO_DB_SCHEMA: schema,
    LOG_LEVEL: 'warn',
  };

  const cli = (...args: string[]): Promise<Run> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        [join(REPO_ROOT, 'core/node_modules/tsx/dist/cli.mjs'), join(REPO_ROOT, 'core/src/cli.ts'), ...args],
        { env, cwd: REPO_ROOT, timeout: 60_000 },
        (err, stdout, stderr) => {
          resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
        },
      );
    });

  const goodCity = {
    city: { id: 'cli-town', name: { zh: '命令行镇', en: 'CLI Town' } },
    units: [{ id: 'gas', kind: 'owner', name: { zh: '燃气公司', en: 'Gas company' } }],
    objects: [
      {
        id: 'VW-1',
        kind: 'valve_well',
        role: 'monitored',
        riskType: 'gas-pipeline',
        name: { zh: '1号阀门井', en: 'Valve well 1' },
        ownerUnit: 'gas',
        geometry: { type: 'Point', coordinates: [120.16, 30.27] },
        attributes: { depthM: 1.8 },
      },
    ],
    sensors: [{ id: 'CH4-1', objectId: 'VW-1', riskType: 'gas-pipeline', metrics: ['ch4'] }],
  };

  beforeAll(() => {
    writeFileSync(join(dir, 'good.yaml'), stringify(goodCity));
    const bad = structuredClone(goodCity) as typeof goodCity & { sensors: Record<string, unknown>[] };
    bad.objects.push({ ...bad.objects[0]!, id: 'VW-2', kind: 'tank' });
    bad.sensors.push({ id: 'CH4-2', objectId: 'VW-9', riskType: 'gas-pipeline', metrics: ['ch4', 'ch5'] });
    writeFileSync(join(dir, 'bad.yaml'), stringify(bad));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (process.env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  });

  it('load of a file with bad rows exits 1 and lists every bad row with its path, importing nothing', async () => {
    const r = await cli('load', join(dir, 'bad.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('FH_CATALOG_INVALID');
    expect(r.stderr).toContain('objects[1].kind: unknown object kind "tank" for risk type gas-pipeline');
    expect(r.stderr).toContain('sensors[1].objectId: unknown object "VW-9"');
    expect(r.stderr).toContain('sensors[1].metrics[1]: unknown metric "ch5" for risk type gas-pipeline');
    // The good rows beside them were not imported either: loading the good file inserts them all.
    const ok = await cli('load', join(dir, 'good.yaml'));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/objects\s+1\s+\(1 new/);
    expect(ok.stdout).toMatch(/sensors\s+1\s+\(1 new/);
  }, 60_000);

  it('token create makes a token for a loaded city, and refuses an unknown city', async () => {
    const r = await cli(
      'token',
      'create',
      '--city',
      'cli-town',
      '--role',
      'operator',
      '--name',
      'duty officer',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^fh_[A-Za-z0-9_-]{32}$/);
    const no = await cli('token', 'create', '--city', 'nowhere', '--role', 'viewer', '--name', 'x');
    expect(no.code).toBe(1);
  }, 60_000);

  it('serve starts, answers health, and on SIGTERM stops taking requests and exits 0', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => resolve(p));
      });
    });
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'core/node_modules/tsx/dist/cli.mjs'), join(REPO_ROOT, 'core/src/cli.ts'), 'serve'],
      { env: { ...env, PORT: String(port), LOG_LEVEL: 'info' }, cwd: REPO_ROOT },
    );
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 200 && !stdout.includes('listening on'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(stdout).toContain(`listening on http://127.0.0.1:${port}`);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('"msg":"shutting down"');
    expect(stdout).toContain('"msg":"stopped"');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  }, 60_000);

  it('answers a usage error with exit code 2 and the usage', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command');
    expect(r.stderr).toContain('load <file>');
  }, 60_000);

  it('demo refuses an incident its script does not have, naming the ones it has, before starting anything', async () => {
    const r = await cli('demo', '--incident', 'gas-leak-wensan-vw02,no-such-drill');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('catalog/demo-incidents.yaml');
    expect(r.stderr).toContain('no incident "no-such-drill"');
    expect(r.stderr).toContain('flood-chain-xueyuan-underpass');
    expect(r.stderr).not.toContain('"gas-leak-wensan-vw02"');
    expect(r.stdout).not.toContain('http://');
  }, 60_000);
});
