/**
 * Issue 3's "done when", as a vendor and a city would do it, against the running demo platform
 * (`fenghuo-core demo` in its own process): from an empty folder, `fenghuo plugin init`, edit, `plugin
 * test`, `keys generate`, `plugin pack`; the platform operator trusts the key; `plugin publish`; the
 * city's administrator enables it and binds a sensor to it; raw payloads arrive and become readings, an
 * alarm and a warning. Then a hostile plugin published the same way is contained (coded errors,
 * quarantine, operator alarm) while the demo keeps ingesting and the good plugin keeps decoding.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import { testSchema } from './helpers.js';

const SDK_BIN = join(REPO_ROOT, 'sdk', 'bin', 'fenghuo.js');
const TSX = join(REPO_ROOT, 'core', 'node_modules', 'tsx', 'dist', 'cli.mjs');
const ADMIN = 'demo-admin-token';
const DEVICE = 'demo-device-token';
const PUBLISHER = 'demo-publisher-token';
const PLATFORM = 'demo-platform-token';

const pgUrl = process.env.DATABASE_URL || undefined;
// Inside the workspace, so that the vendor's package resolves `@fenghuo/sdk` as an installed one would.
const work = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-vendor-'));
const schema = testSchema('vendor_flow');
let demo: ChildProcess;
let base = '';
let demoOut = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Run the SDK's `fenghuo` command in a folder. */
function fenghuo(cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SDK_BIN, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

/** A JSON answer, read loosely: the assertions say what it must hold. */
// biome-ignore lint/suspicious/noExplicitAny: test answers are walked by path and checked by the assertions
type Json = Record<string, any>;

async function api(method: string, path: string, token: string, body?: unknown, type = 'application/json') {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': type }),
    },
    ...(body === undefined
      ? {}
      : { body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Json };
}

const gql = async (query: string) => {
  const r = await api('POST', '/graphql', ADMIN, { query });
  expect(r.body['errors'], JSON.stringify(r.body['errors'])).toBeUndefined();
  return r.body['data'] as Json;
};

async function until<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  ms = 60_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}\n--- demo output ---\n${demoOut.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The vendor's edit of the scaffold: an 8-byte LoRaWAN-style frame with the device's own clock (devices
 * buffer and resend, so each frame carries the time it was measured).
 *   byte 0     0x02 = timestamped methane measurement
 *   bytes 1–4  measurement time, unix seconds, unsigned 32-bit big-endian
 *   bytes 5–6  methane, 0.1 %LEL, unsigned 16-bit big-endian
 *   byte 7     battery, percent (not a catalogue metric: kept out of the readings)
 */
const VENDOR_SOURCE = `import { defineSensor, Type } from '@fenghuo/sdk';

export default defineSensor({
  id: 'acme-ch4',
  version: '1.0.0',
  vendor: 'ACME',
  model: 'CH4-LW8',
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
      intervalSec: 60,
    },
  },
  decode(payload) {
    if (!ArrayBuffer.isView(payload)) throw new Error('expected a binary frame');
    const b = new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength);
    if (b.length !== 8) throw new Error('expected 8 bytes, got ' + b.length);
    if (b[0] !== 0x02) throw new Error('unknown frame type ' + b[0]);
    const secs = ((b[1] << 24) >>> 0) + (b[2] << 16) + (b[3] << 8) + b[4];
    const lel = ((b[5] << 8) | b[6]) / 10;
    return [{ ts: new Date(secs * 1000).toISOString(), values: { ch4: lel } }];
  },
});
`;

function frame(tsSec: number, lel: number, battery = 88): Uint8Array {
  const b = new Uint8Array(8);
  const v = new DataView(b.buffer);
  v.setUint8(0, 0x02);
  v.setUint32(1, tsSec);
  v.setUint16(5, Math.round(lel * 10));
  v.setUint8(7, battery);
  return b;
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env['REDIS_URL'];
  delete env['MQTT_URL'];
  if (pgUrl) env['FENGHUO_DB_SCHEMA'] = schema;
  else env['FENGHUO_DATA_DIR'] = join(work, 'data');
  demo = spawn(process.execPath, [TSX, join(REPO_ROOT, 'core', 'src', 'cli.ts'), 'demo'], {
    env,
    cwd: REPO_ROOT,
  });
  demo.stdout!.on('data', (d) => {
    demoOut += String(d);
  });
  demo.stderr!.on('data', (d) => {
    demoOut += String(d);
  });
  await until('the demo to listen', async () => demoOut.includes('demo tokens'), 90_000);
}, 120_000);

afterAll(async () => {
  if (demo && demo.exitCode === null) {
    const exited = new Promise((r) => demo.on('exit', r));
    demo.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await c.end();
  }
}, 60_000);

describe('a vendor publishes a sensor plugin to the running demo', () => {
  const dir = join(work, 'acme-ch4');

  it('init → edit → test → pack → publish → enable → bind → raw payloads → readings, alarm, warning', async () => {
    // 1. The vendor, from an empty folder.
    const init = await fenghuo(work, 'plugin', 'init', 'acme-ch4', '--kind', 'sensor');
    expect(init.code, init.out).toBe(0);
    writeFileSync(join(dir, 'src', 'index.ts'), VENDOR_SOURCE);
    rmSync(join(dir, 'test', 'fixtures'), { recursive: true, force: true });
    rmSync(join(dir, 'test', 'decode.test.ts'), { force: true });
    const fixtures = join(dir, 'test', 'fixtures');
    await import('node:fs').then((fs) => fs.mkdirSync(fixtures, { recursive: true }));
    writeFileSync(
      join(fixtures, 'measurement.json'),
      JSON.stringify({
        name: '42.5 %LEL measured at 2026-07-01T08:00:00Z',
        payload: Buffer.from(frame(Date.parse('2026-07-01T08:00:00Z') / 1000, 42.5)).toString('base64'),
        expect: [{ ts: '2026-07-01T08:00:00.000Z', values: { ch4: 42.5 } }],
      }),
    );
    writeFileSync(
      join(fixtures, 'wrong-type.json'),
      JSON.stringify({
        name: 'an unknown frame type is refused',
        payload: Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]).toString('base64'),
        expect: { error: 'unknown frame type' },
      }),
    );
    const tested = await fenghuo(dir, 'plugin', 'test');
    expect(tested.code, tested.out).toBe(0);
    expect(tested.out).toMatch(/passed 2, 失败 \/ failed 0/);
    const keys = await fenghuo(dir, 'keys', 'generate');
    expect(keys.code, keys.out).toBe(0);
    const pack = await fenghuo(dir, 'plugin', 'pack', '--key', 'fenghuo-key.pem');
    expect(pack.code, pack.out).toBe(0);

    // 2. Before the platform trusts the vendor's key, the upload is refused and nothing is installed.
    const early = await fenghuo(dir, 'plugin', 'publish', '--server', base, '--token', PUBLISHER);
    expect(early.code).toBe(1);
    expect(early.out).toContain('FH_SDK_PUBLISHER_UNKNOWN');
    expect((await api('GET', '/api/v1/plugins/acme-ch4', ADMIN)).status).toBe(404);

    // 3. The platform operator trusts it; the vendor publishes.
    const trust = await api('POST', '/api/v1/publishers', PLATFORM, {
      name: 'ACME',
      publicKey: readFileSync(join(dir, 'fenghuo-key.pub.pem'), 'utf8'),
    });
    expect(trust.status, JSON.stringify(trust.body)).toBe(201);
    const pub = await fenghuo(dir, 'plugin', 'publish', '--server', base, '--token', PUBLISHER);
    expect(pub.code, pub.out).toBe(0);
    expect(pub.out).toContain('201 Created');

    // 4. Uploaded, not yet enabled for the city: its sensors' payloads are refused with a clear code.
    const listed = await api('GET', '/api/v1/plugins/acme-ch4', ADMIN);
    expect(listed.body).toMatchObject({ kind: 'sensor', version: '1.0.0', enabled: false, active: false });
    const inventory = readFileSync(join(REPO_ROOT, 'catalog', 'demo-city.yaml'), 'utf8').replace(
      /^sensors:\n/m,
      'sensors:\n  - { id: ACME-VW05-CH4, objectId: VW-05, riskType: gas-pipeline, metrics: [ch4], decoder: acme-ch4 }\n',
    );
    const bound = await api('POST', '/api/v1/inventory', ADMIN, inventory, 'application/yaml');
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    const refused = await api(
      'POST',
      '/api/v1/raw/ACME-VW05-CH4',
      DEVICE,
      frame(now, 1),
      'application/octet-stream',
    );
    expect(refused.status).toBe(409);
    expect(refused.body['error']['code']).toBe('FH_PLUGIN_DISABLED');

    // 5. The city's administrator enables it (GraphQL, as the studio would).
    const enabled = await gql(
      'mutation { setPluginEnabled(id: "acme-ch4", enabled: true) { enabled active version } }',
    );
    expect(enabled['setPluginEnabled']).toEqual({ enabled: true, active: true, version: '1.0.0' });

    // 6. The device sends a sustained leak: 12 frames, 15 s apart, measured over the last 3 minutes.
    for (let i = 0; i < 12; i++) {
      const r = await api(
        'POST',
        '/api/v1/raw/ACME-VW05-CH4',
        DEVICE,
        frame(now - 165 + i * 15, 30 + i * 1.5),
        'application/octet-stream',
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ accepted: 1, decoded: 1 });
    }
    const from = new Date((now - 600) * 1000).toISOString();
    const to = new Date((now + 60) * 1000).toISOString();
    const series = await gql(
      `{ readings(sensor: "ACME-VW05-CH4", metric: "ch4", from: "${from}", to: "${to}") { unit points { value } } }`,
    );
    expect(series['readings']['unit']).toBe('%LEL');
    expect(series['readings']['points'].map((p: { value: number }) => p.value)).toEqual(
      Array.from({ length: 12 }, (_, i) => 30 + i * 1.5),
    );

    // 7. An alarm on the vendor's sensor, and a warning from the gas-pipeline analysis in the sandbox.
    const warning = await until('a warning on ACME-VW05-CH4', async () => {
      const d = await gql(
        '{ alarms(first: 50) { nodes { id level sensor { id } warning { tier title { zh en } body { zh en } instructions { zh en } } } } }',
      );
      return d['alarms']['nodes'].find(
        (a: { sensor: { id: string }; warning: unknown }) => a.sensor.id === 'ACME-VW05-CH4' && a.warning,
      );
    });
    expect(['orange', 'red']).toContain(warning.level);
    expect(warning.warning.title.zh).toContain('燃气泄漏');
    expect(warning.warning.title.en).toContain('gas leak');
    expect(warning.warning.instructions.zh.length).toBeGreaterThan(10);

    // 8. The registry's audit shows who did what.
    const audit = await api('GET', '/api/v1/plugins/acme-ch4/audit', ADMIN);
    expect(audit.body['entries'].map((e: { action: string }) => e.action)).toEqual(['enabled', 'published']);
  }, 240_000);

  it('contains a hostile plugin published the same way while the demo keeps working', async () => {
    const evil = join(work, 'evil-ch4');
    expect((await fenghuo(work, 'plugin', 'init', 'evil-ch4', '--kind', 'sensor')).code).toBe(0);
    // The vendor's key (trusted above) signs it: a hostile or compromised vendor.
    writeFileSync(
      join(evil, 'src', 'index.ts'),
      VENDOR_SOURCE.replace("id: 'acme-ch4'", "id: 'evil-ch4'").replace(
        'decode(payload) {',
        "decode(payload) {\n    if (ArrayBuffer.isView(payload) && payload.byteLength === 1) { for (;;) {} }\n    if (ArrayBuffer.isView(payload) && payload.byteLength === 2) { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }\n    if (ArrayBuffer.isView(payload) && payload.byteLength === 3) { return (globalThis.process ?? globalThis.require)('fs'); }",
      ),
    );
    const pack = await fenghuo(evil, 'plugin', 'pack', '--key', join(work, 'acme-ch4', 'fenghuo-key.pem'));
    expect(pack.code, pack.out).toBe(0);
    const pub = await fenghuo(evil, 'plugin', 'publish', '--server', base, '--token', PUBLISHER);
    expect(pub.code, pub.out).toBe(0);
    expect((await api('PATCH', '/api/v1/plugins/evil-ch4', ADMIN, { enabled: true })).status).toBe(200);
    const inventory = readFileSync(join(REPO_ROOT, 'catalog', 'demo-city.yaml'), 'utf8').replace(
      /^sensors:\n/m,
      'sensors:\n  - { id: ACME-VW05-CH4, objectId: VW-05, riskType: gas-pipeline, metrics: [ch4], decoder: acme-ch4 }\n  - { id: EVIL-VW06-CH4, objectId: VW-06, riskType: gas-pipeline, metrics: [ch4], decoder: evil-ch4 }\n',
    );
    expect((await api('POST', '/api/v1/inventory', ADMIN, inventory, 'application/yaml')).status).toBe(200);

    const stored = async () =>
      (
        await gql(
          `{ readings(sensor: "GAS-VW01-CH4", metric: "ch4", from: "${new Date(Date.now() - 3_600_000).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}") { points { ts } } }`,
        )
      )['readings']['points'].length as number;
    const before = await stored();

    // Endless loop, memory bomb, escape attempt: each answered with a coded error, nothing crashes.
    const codes: string[] = [];
    for (const bytes of [[1], [1, 2], [1, 2, 3], [1], [1, 2], [1]]) {
      const r = await api(
        'POST',
        '/api/v1/raw/EVIL-VW06-CH4',
        DEVICE,
        new Uint8Array(bytes),
        'application/octet-stream',
      );
      expect(r.status).toBeGreaterThanOrEqual(400);
      codes.push(`${r.body['error']['code']}:${r.body['error']['details']?.['cause'] ?? ''}`);
    }
    expect(codes[0]).toBe('FH_INGEST_DECODE_FAILED:FH_SANDBOX_TIMEOUT');
    // The memory bomb hits the 64 MB heap limit — or, on a machine busy enough, the time limit first.
    expect(codes[1]).toMatch(/^FH_INGEST_DECODE_FAILED:FH_SANDBOX_(MEMORY|TIMEOUT)$/);
    expect(codes[2]).toMatch(/^FH_INGEST_DECODE_FAILED:FH_SANDBOX_(THREW|BAD_RESULT)$/);

    // Five failures of its own (the escape attempt threw, a refusal of the payload that does not count):
    // quarantined for the city, an operator alarm is open, and it stays off.
    const quarantined = await until('the quarantine', async () => {
      const r = await api('GET', '/api/v1/plugins/evil-ch4', ADMIN);
      return r.body['quarantine'] ? r.body : null;
    });
    expect(quarantined).toMatchObject({
      enabled: true,
      active: false,
      quarantine: { version: '1.0.0', failures: 5 },
    });
    const alarms = await gql('{ operatorAlarms(open: true) { kind subject level status title { zh en } } }');
    expect(alarms['operatorAlarms']).toEqual([
      expect.objectContaining({ kind: 'plugin.quarantined', subject: 'evil-ch4', status: 'open' }),
    ]);
    const off = await api(
      'POST',
      '/api/v1/raw/EVIL-VW06-CH4',
      DEVICE,
      frame(Math.floor(Date.now() / 1000), 1),
      'application/octet-stream',
    );
    expect(off.status).toBe(423);
    expect(off.body['error']['code']).toBe('FH_PLUGIN_QUARANTINED');

    // Meanwhile the demo kept working: the simulator's readings keep arriving, the good plugin decodes.
    await until('new simulator readings', async () => (await stored()) > before, 30_000);
    const good = await api(
      'POST',
      '/api/v1/raw/ACME-VW05-CH4',
      DEVICE,
      frame(Math.floor(Date.now() / 1000), 2),
      'application/octet-stream',
    );
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    // The archive records it.
    const archive = await gql('{ plugins { id active } }');
    expect(archive['plugins']).toEqual(
      expect.arrayContaining([
        { id: 'acme-ch4', active: true },
        { id: 'evil-ch4', active: false },
        { id: 'gas-pipeline', active: true },
      ]),
    );
    const trail = await api('GET', '/api/v1/plugins/evil-ch4/audit', ADMIN);
    expect(
      trail.body['entries'].map((e: { action: string }) => e.action),
      JSON.stringify(trail.body),
    ).toEqual(['quarantined', 'enabled', 'published']);
  }, 240_000);
});
