/**
 * `npx tsx core/bench/sandbox.ts` — what the plugin sandbox costs, in one run on this machine:
 *
 * 1. Per-call overhead of a trivial `analyze` through the sandbox against the same function called
 *    directly in Node (p50/p99 over BENCH_CALLS calls, after a warm-up), and of one with three ctx calls.
 * 2. Cold load of the real gas-pipeline plugin bundle (built by the SDK's packer, `buildBundle`):
 *    isolate, compilation, prelude, top-level code, definition check and the definition's data read.
 * 3. `decode` throughput of a simple binary decoder (payloads/s), one at a time and 100 in flight, against
 *    the same decoder in Node.
 * 4. Host work (an ingest-like loop: parse and check batches of readings) per second, with the sandbox
 *    idle and while a hostile plugin spins in endless loops back to back.
 *
 * Options (env): BENCH_CALLS (default 5,000), BENCH_PAYLOADS (default 20,000).
 */
import { join } from 'node:path';
import type { AlarmEvent, AnalysisContext, RiskTypeDef, SensorDef } from '@fenghuo/sdk';
import { buildBundle } from '@fenghuo/sdk/bundle';
import { SandboxHost } from '@fenghuo/sdk/sandbox';
import { REPO_ROOT } from '../src/config.js';

const CALLS = Number(process.env.BENCH_CALLS || 5_000);
const PAYLOADS = Number(process.env.BENCH_PAYLOADS || 20_000);

const rows: [string, string][] = [];
const row = (what: string, value: string) => {
  rows.push([what, value]);
  console.error(`  ${what}: ${value}`);
};

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function timeCalls(
  n: number,
  fn: () => Promise<unknown> | unknown,
): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(500, n); i++) await fn();
  const us: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    us.push((performance.now() - t) * 1000);
  }
  us.sort((a, b) => a - b);
  return { p50: quantile(us, 0.5), p99: quantile(us, 0.99) };
}

const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits });

const TRIVIAL = `{ id: 'toy', version: '1.0.0', analyze(event, ctx, config) {
  const over = event.value - event.limit;
  return { tier: over > config.redAbove ? 'red' : over > 0 ? 'orange' : null, findings: [{ zh: '超限', en: 'over' }], actions: [], data: { over } };
} }`;
const WITH_CTX = `{ id: 'ctxy', version: '1.0.0', async analyze(event, ctx) {
  const h = await ctx.history(event.sensor.id, event.metric, { limit: 10 });
  const n = await ctx.neighbours(200);
  const w = await ctx.weather();
  return { tier: null, findings: [{ zh: String(h.length + n.length), en: String(w && w.windFromDeg) }], actions: [] };
} }`;
const DECODER = `{ id: 'meter', version: '1.0.0', decode(p, meta) {
  if (p.length !== 6) throw new RangeError('expected 6 bytes');
  const v = new DataView(p.buffer, p.byteOffset, p.byteLength);
  return [{ ts: meta.receivedAt, values: { ch4: v.getUint16(0) / 100, battery: p[2], tamper: p[3] & 1, temp: v.getInt16(4) / 10 } }];
} }`;

const event: AlarmEvent = {
  alarmId: '1',
  city: 'demo',
  sensor: { id: 'GAS-1', objectId: 'VW-1', riskType: 'toy', metrics: ['ch4'], location: [120.15, 30.27] },
  object: {
    id: 'VW-1',
    kind: 'valve_well',
    role: 'monitored',
    name: { zh: '阀门井', en: 'Valve well' },
    geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    attributes: {},
  },
  metric: 'ch4',
  level: 'orange',
  previousLevel: 'yellow',
  value: 31,
  limit: 25,
  ts: '2026-11-29T08:00:00.000Z',
  cause: 'value',
};
const ctx: AnalysisContext = {
  history: async () =>
    Array.from({ length: 10 }, (_, i) => ({ ts: `2026-11-29T07:5${i}:00.000Z`, value: 20 + i })),
  neighbours: async () => [],
  within: async () => [],
  object: async () => null,
  weather: async () => ({ ts: '2026-11-29T08:00:00.000Z', windFromDeg: 90 }),
  thresholds: async () => ({}),
  now: () => '2026-11-29T08:00:00.000Z',
};

const bundle = (src: string) => `globalThis.__fenghuo_plugin__ = (${src});`;
const inNode = <T>(src: string) => new Function(`return (${src});`)() as T;

async function overhead(): Promise<void> {
  const host = new SandboxHost();
  await host.load('toy@1.0.0', bundle(TRIVIAL));
  await host.load('ctxy@1.0.0', bundle(WITH_CTX));
  const direct = inNode<RiskTypeDef>(TRIVIAL);
  const directCtx = inNode<RiskTypeDef>(WITH_CTX);
  const cfg = { redAbove: 10 };
  const d = await timeCalls(CALLS, () => direct.analyze(event, ctx, cfg));
  const s = await timeCalls(CALLS, () => host.analyze('toy@1.0.0', event, ctx, cfg));
  row(
    `trivial analyze, direct in Node, p50 / p99 (µs, ${fmt(CALLS, 0)} calls)`,
    `${fmt(d.p50, 2)} / ${fmt(d.p99, 2)}`,
  );
  row('trivial analyze, in the sandbox, p50 / p99 (µs)', `${fmt(s.p50)} / ${fmt(s.p99)}`);
  row('  per-call overhead of the sandbox, p50 / p99 (µs)', `${fmt(s.p50 - d.p50)} / ${fmt(s.p99 - d.p99)}`);
  const dc = await timeCalls(CALLS, () => directCtx.analyze(event, ctx, {}));
  const sc = await timeCalls(CALLS, () => host.analyze('ctxy@1.0.0', event, ctx, {}));
  row('analyze with 3 ctx calls, direct in Node, p50 / p99 (µs)', `${fmt(dc.p50, 2)} / ${fmt(dc.p99, 2)}`);
  row('analyze with 3 ctx calls, in the sandbox, p50 / p99 (µs)', `${fmt(sc.p50)} / ${fmt(sc.p99)}`);
  host.dispose();
}

async function coldLoad(): Promise<void> {
  let t = performance.now();
  const { code } = await buildBundle({ dir: join(REPO_ROOT, 'plugins/gas-pipeline') });
  row(
    'gas-pipeline bundle: buildBundle (esbuild) (ms) / size (KB)',
    `${fmt(performance.now() - t, 0)} / ${fmt(code.length / 1024, 0)}`,
  );
  const loads: number[] = [];
  for (let i = 0; i < 7; i++) {
    const host = new SandboxHost();
    t = performance.now();
    await host.load('gas-pipeline@1.0.0', code);
    loads.push(performance.now() - t);
    host.dispose();
  }
  const first = loads[0]!;
  const rest = loads.slice(1).sort((a, b) => a - b);
  row(
    'gas-pipeline cold load, first in the process / median of 6 more (ms)',
    `${fmt(first)} / ${fmt(quantile(rest, 0.5))}`,
  );
}

async function decodeThroughput(): Promise<void> {
  const host = new SandboxHost();
  await host.load('meter@1.0.0', bundle(DECODER));
  const direct = inNode<SensorDef>(DECODER);
  const payloads = Array.from({ length: 1000 }, (_, i) =>
    Uint8Array.from([(i >> 8) & 0xff, i & 0xff, 80 + (i % 20), i % 2, 0, 200 + (i % 50)]),
  );
  const meta = { city: 'demo', sensor: 'GAS-1', receivedAt: '2026-11-29T08:00:00.000Z' };
  let t = performance.now();
  for (let i = 0; i < PAYLOADS; i++) direct.decode(payloads[i % 1000]!, meta);
  row('binary decode, direct in Node (payloads/s)', fmt(PAYLOADS / ((performance.now() - t) / 1000), 0));
  for (let i = 0; i < 1000; i++) await host.decode('meter@1.0.0', payloads[i]!, meta);
  t = performance.now();
  for (let i = 0; i < PAYLOADS; i++) await host.decode('meter@1.0.0', payloads[i % 1000]!, meta);
  row(
    'binary decode in the sandbox, one at a time (payloads/s)',
    fmt(PAYLOADS / ((performance.now() - t) / 1000), 0),
  );
  t = performance.now();
  for (let i = 0; i < PAYLOADS; i += 100)
    await Promise.all(
      Array.from({ length: 100 }, (_, j) => host.decode('meter@1.0.0', payloads[(i + j) % 1000]!, meta)),
    );
  row(
    'binary decode in the sandbox, 100 in flight (payloads/s)',
    fmt(PAYLOADS / ((performance.now() - t) / 1000), 0),
  );
  host.dispose();
}

/** Batches of 100 readings parsed and range-checked per second, for `ms`, yielding between batches. */
async function hostWork(ms: number): Promise<number> {
  const body = JSON.stringify({
    readings: Array.from({ length: 100 }, (_, i) => ({
      sensor: `GAS-${i}`,
      ts: '2026-11-29T08:00:00Z',
      values: { ch4: i / 10 },
    })),
  });
  let batches = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const { readings } = JSON.parse(body) as { readings: { values: { ch4: number } }[] };
    let ok = 0;
    for (const r of readings)
      if (Number.isFinite(r.values.ch4) && r.values.ch4 >= 0 && r.values.ch4 <= 100) ok++;
    if (ok === readings.length) batches++;
    await new Promise((r) => setImmediate(r));
  }
  return batches / (ms / 1000);
}

async function underAttack(): Promise<void> {
  const idle = await hostWork(2_000);
  row('host ingest-like loop, sandbox idle (batches of 100 readings/s)', fmt(idle, 0));
  const host = new SandboxHost({ quarantineAfter: 1_000_000 });
  await host.load('evil@1.0.0', bundle(`{ id: 'evil', version: '1.0.0', analyze() { for (;;) {} } }`));
  let attacking = true;
  let timeouts = 0;
  const attack = (async () => {
    while (attacking) {
      await host.analyze('evil@1.0.0', event, ctx, {}).catch(() => timeouts++);
    }
  })();
  const busy = await hostWork(2_000);
  attacking = false;
  await attack;
  row(
    `host ingest-like loop, while a plugin loops endlessly (${timeouts} calls stopped at 200 ms)`,
    `${fmt(busy, 0)} (${fmt((busy / idle) * 100, 0)} % of idle)`,
  );
  host.dispose();
}

console.error('sandbox benchmark…');
await overhead();
await coldLoad();
await decodeThroughput();
await underAttack();

const width = Math.max(...rows.map(([w]) => w.length));
console.log(`\n| ${'what'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|`);
for (const [w, v] of rows) console.log(`| ${w.padEnd(width)} | ${v} |`);
