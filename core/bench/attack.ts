/**
 * `npx tsx core/bench/attack.ts` — ingest under a plugin attack, on PostgreSQL (DATABASE_URL, default the
 * local `test` database, schema `fenghuo_attack_<pid>`, dropped afterwards). One core in this process:
 * the real HTTP server, the embedded job runner, the plugin sandbox, plugins installed from a plugins
 * folder (the real `gas-pipeline` and the bench's own, written to a temporary folder in `core/`).
 *
 * Four phases, each with the same load, sent by two worker threads:
 *
 * - HTTP batch ingest of normal readings: 10,000 `gas-pipeline` sensors, batches of 5,000, 4 in flight;
 * - probes: 10 readings every 50 ms, whose HTTP ack (200 = durably stored) is the reading-to-stored latency;
 * - triggers: every 500 ms, sensors cross red or fall back, so that alarms are raised and cleared and an
 *   analysis is scheduled for every raise: 8 sensors of a well-behaved risk type (`bench-good`: `ctx`
 *   calls, a warning each time) and 16 more (see below);
 * - raw payloads on `POST /api/v1/raw/<sensor>`, 20/s, decoded by a sensor plugin in the sandbox.
 *
 * baseline: the 16 extra trigger sensors belong to a risk type that answers at once with no warning
 *   (`bench-calm`; a failed or refused analysis stores none either) and the raw payloads go to a decoder
 *   that decodes (`bench-meter`), so that the phases differ only in the plugins' code.
 * attack: the 16 belong, four each, to risk types whose `analyze` loops forever (`bench-loop`), allocates
 *   until the memory limit (`bench-hog`), recurses without end (`bench-deep`) or returns a 4 MB result
 *   (`bench-huge`), and the raw payloads go to a decoder (`bench-junk`) that loops forever on every other
 *   payload and returns garbage, too many readings, throws, recurses or allocates on the rest. Quarantine
 *   as shipped: once quarantined for the city a plugin stays so until an administrator lifts it, so the
 *   first slice holds the attack until quarantine and the later ones only its refusals.
 * attack-half: the same, with variants that do their harm on two calls of every four and behave on the
 *   others (`bench-loop-half` …, `bench-junk-half`): never 3 failures in a row, so only the sandbox's
 *   failure-rate rule (half of the last 20 calls) can catch them.
 * attack-sly: variants that do it on two calls of every five (`bench-loop-sly` …): under both quarantine
 *   rules, so their hostile code runs all along. The worst case.
 *
 * The phases take turns in short slices, round after round, so that the machine's other load falls on
 * each alike; each slice's job backlog is drained before the next. Per phase: readings/s (and per round)
 * and the ratio to the baseline, batch and probe ack latency, readings sent vs stored, the good plugin's
 * analyses, warnings and alarm-to-warning latency, hostile calls by outcome (from the analyses' archive
 * events, `analysis.failed` with its code, and the raw endpoint's answers), calls that ran in the isolates,
 * quarantines, the job backlog, process RSS, and where the CPU went (this process's main thread, the load
 * generators, the rest of this process — the isolates —, the PostgreSQL backends serving it, everything
 * else on the machine).
 *
 * Options (env): BENCH_SECONDS (per slice, default 5), BENCH_ROUNDS (4), BENCH_SENSORS (10,000),
 * BENCH_BATCH (5,000), BENCH_CONCURRENCY (4), BENCH_TICK_MS (trigger period, 500), BENCH_RAW_RATE (raw
 * payloads/s, 20), BENCH_RAW_INFLIGHT (8), BENCH_JOB_CONCURRENCY (job runner slots, default the runner's
 * 8), BENCH_DRAIN_SECONDS (longest wait for the job backlog after a slice, 20), BENCH_PHASES (default
 * `baseline,attack,attack-half,attack-sly`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import pino from 'pino';
import { buildServer } from '../src/api/server.js';
import { createCore } from '../src/app.js';
import { createToken } from '../src/auth/tokens.js';
import { loadInventory } from '../src/catalog/load.js';
import { loadConfig, REPO_ROOT } from '../src/config.js';
import type { Core } from '../src/core.js';
import { ingestWriter } from '../src/ingest/http.js';
import { startJobs } from '../src/jobs/start.js';

const env = process.env;
const url = env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/test';
// One schema per run: several people may run benches against the same database at once.
const schema = `fenghuo_attack_${process.pid}`;
const num = (v: string | undefined, d: number) => (v ? Number(v) : d);
const SECONDS = num(env.BENCH_SECONDS, 5);
const ROUNDS = num(env.BENCH_ROUNDS, 4);
const SENSORS = num(env.BENCH_SENSORS, 10_000);
const BATCH = num(env.BENCH_BATCH, 5_000);
const CONCURRENCY = num(env.BENCH_CONCURRENCY, 4);
const TICK_MS = num(env.BENCH_TICK_MS, 500);
const RAW_RATE = num(env.BENCH_RAW_RATE, 20);
const RAW_INFLIGHT = num(env.BENCH_RAW_INFLIGHT, 8);
const JOB_CONCURRENCY = env.BENCH_JOB_CONCURRENCY ? Number(env.BENCH_JOB_CONCURRENCY) : undefined;
const DRAIN_SECONDS = num(env.BENCH_DRAIN_SECONDS, 20);
const PHASES = (env.BENCH_PHASES || 'baseline,attack,attack-half,attack-sly').split(',') as PhaseName[];
const CITY = 'bench';

type PhaseName = 'baseline' | 'attack' | 'attack-half' | 'attack-sly';
/** The hostile plugins' variant of each attack phase. */
const PHASE_VARIANT = { attack: 'plain', 'attack-half': 'half', 'attack-sly': 'sly' } as const;
const VARIANTS = Object.values(PHASE_VARIANT);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (a: number[], p: number) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(n < 10 ? 1 : 0)} ms` : '–');

// ---------------------------------------------------------------------------------------------------
// Plugins

const TEMPLATES = `warning: {
    title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}}: {{objectEn}}' },
    body: { zh: '{{metric}} {{value}}', en: '{{metricEn}} {{value}}' },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },`;

/** A risk type `id` with one metric `lvl` (red at 40, no duration) and the given `analyze` method. */
function riskType(id: string, analyze: string): string {
  return `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: '${id}', version: '1.0.0', domain: 'lifeline', name: { zh: '压测 ${id}', en: 'Bench ${id}' },
  objects: { site: { name: { zh: '站点', en: 'Site' }, attributes: Type.Object({}) } },
  metrics: { lvl: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '水平', en: 'Level' } } },
  thresholds: { lvl: { direction: 'rising', levels: { blue: 10, yellow: 20, orange: 30, red: 40 } } },
  ${analyze},
  ${TEMPLATES}
});
`;
}

/** What each hostile risk type's `analyze` does (a statement list over `event`). */
const HOSTILE = {
  'bench-loop': { what: 'loops forever', body: 'for (;;) {}' },
  'bench-hog': {
    what: 'allocates until the memory limit',
    body: 'const hoard = []; for (;;) hoard.push(new Array(100000).fill(event.value));',
  },
  'bench-deep': {
    what: 'recurses without end',
    body: 'const down = (n) => down(n + 1) + 1; return down(0);',
  },
  'bench-huge': {
    what: 'returns a 4 MB result',
    body: "return { tier: 'red', findings: [{ zh: 'x'.repeat(4 << 20), en: 'x' }], actions: [] };",
  },
} as const;
type HostileId = keyof typeof HOSTILE;
const HOSTILE_IDS = Object.keys(HOSTILE) as HostileId[];

/**
 * How a hostile plugin picks the calls it does its harm on, by a counter of the calls it ran (kept in its
 * context; it restarts when the isolate is rebuilt). The sandbox quarantines a plugin version for a city
 * after 5 failures in a row, or when half of its last 20 calls there failed.
 *
 * - plain: every call.
 * - half: the 3rd and 4th of every four: never 3 failures in a row, but half of its calls (the rate rule's
 *   limit).
 * - sly: the 4th and 5th of every five: 40 %, never 3 in a row, under both rules — and still under them
 *   when a memory kill restarts the count (the first three calls after it behave).
 *
 * (Runs of two rather than every other call: the bench's raw payloads alternate between the looping kind
 * and the rest, and the decoders must loop too.)
 */
type Variant = 'plain' | 'half' | 'sly';
const HARMS: Record<Variant, string> = {
  plain: 'true',
  half: 'n % 4 >= 2',
  sly: 'n % 5 >= 3',
};
const variantId = (id: string, v: Variant) => (v === 'plain' ? id : `${id}-${v}`);
const harms = (v: Variant) =>
  `const n = (globalThis.__calls = (globalThis.__calls ?? -1) + 1); const harm = ${HARMS[v]};`;
const FINE = "{ tier: null, findings: [{ zh: '正常', en: 'fine' }], actions: [] }";
const hostileAnalyze = (id: HostileId, v: Variant) =>
  `analyze(event) { ${harms(v)} if (!harm) return ${FINE}; ${HOSTILE[id].body} }`;

const GOOD_ANALYZE = `async analyze(event, ctx) {
    const history = await ctx.history(event.sensor.id, event.metric, { limit: 20 });
    const near = await ctx.neighbours(500);
    const peak = Math.max(event.value, ...history.map((p) => p.value));
    const tier = event.level === 'red' ? 'red' : event.level === 'orange' ? 'orange' : event.level === 'yellow' ? 'yellow' : 'blue';
    return {
      tier,
      findings: [{ zh: '峰值 ' + peak + '，附近 ' + near.length + ' 个传感器', en: 'peak ' + peak + ', ' + near.length + ' sensors near' }],
      actions: [{ zh: '派人巡检', en: 'Send someone to inspect' }],
      data: { peak },
    };
  }`;

/**
 * The hostile decoder: what it does depends on the payload's first byte; kind 0 (every other payload
 * the bench sends) loops forever. On the calls its variant spares it decodes a reading.
 */
const junkDecode = (v: Variant) => `decode(payload) {
    ${harms(v)}
    if (!harm) return [{ ts: ${PAYLOAD_TS}, values: { lvl: 1 } }];
    switch (payload[0]) {
      case 0: for (;;) {}
      case 1: return [{ values: { lvl: NaN } }];
      case 2: return 'garbage';
      case 3: return Array.from({ length: 20000 }, (_, i) => ({ values: { lvl: i % 100 } }));
      case 4: throw new Error('junk frame');
      case 5: { const down = (n) => down(n + 1) + 1; return down(0); }
      case 6: { const hoard = []; for (;;) hoard.push(new Array(100000).fill(payload[1])); }
      default: return [{ values: 'x', extra: {} }];
    }
  }`;
const RAW_KINDS = [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7];
/**
 * A raw payload is 10 bytes: kind, sequence number (2 bytes, little-endian), 7, and the time it was sent
 * (ms, 6 bytes big-endian, one sensor's strictly increasing) — the reading's timestamp when a decoder
 * decodes it, so that two payloads received in the same millisecond stay two readings.
 */
const PAYLOAD_TS = 'new Date(payload.subarray(4, 10).reduce((a, b) => a * 256 + b, 0)).toISOString()';

/**
 * The baseline's stand-ins for the hostile plugins, so that the phases differ only in the plugins' code:
 * a risk type that answers at once with no warning (a failed analysis stores none either), and a decoder
 * that decodes. They get the same readings and payloads.
 */
const CALM_ANALYZE = `analyze(event) {
    return { tier: null, findings: [{ zh: '读数 ' + event.value + '，无需预警', en: 'reading ' + event.value + ', no warning' }], actions: [] };
  }`;
const METER_DECODE = `decode(payload) {
    if (!(payload instanceof Uint8Array) || payload.length !== 10) throw new Error('not a meter frame');
    return [{ ts: ${PAYLOAD_TS}, values: { lvl: payload[1] % 10 } }];
  }`;

function sensorPlugin(id: string, decode: string): string {
  return `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: '${id}', version: '1.0.0', vendor: 'Bench', model: '${id}',
  metrics: { lvl: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '水平', en: 'Level' } } },
  ${decode},
});
`;
}

function writePackage(root: string, name: string, kind: 'risk-type' | 'sensor', source: string): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(
    join(root, name, 'package.json'),
    JSON.stringify({
      name: `@bench/${name}`,
      type: 'module',
      exports: { '.': './index.js' },
      fenghuo: { kind },
    }),
  );
  writeFileSync(join(root, name, 'index.js'), source);
}

/** A plugins folder inside the workspace (so that `@fenghuo/sdk` resolves): the real gas-pipeline, ours. */
function pluginsFolder(): string {
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-attack-'));
  symlinkSync(join(REPO_ROOT, 'plugins', 'gas-pipeline'), join(root, 'gas-pipeline'), 'dir');
  writePackage(root, 'bench-good', 'risk-type', riskType('bench-good', GOOD_ANALYZE));
  writePackage(root, 'bench-calm', 'risk-type', riskType('bench-calm', CALM_ANALYZE));
  writePackage(root, 'bench-meter', 'sensor', sensorPlugin('bench-meter', METER_DECODE));
  for (const v of VARIANTS) {
    for (const id of HOSTILE_IDS)
      writePackage(root, variantId(id, v), 'risk-type', riskType(variantId(id, v), hostileAnalyze(id, v)));
    const junk = variantId('bench-junk', v);
    writePackage(root, junk, 'sensor', sensorPlugin(junk, junkDecode(v)));
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------
// The city

const GOOD_TRIGGERS = 8;
const PROBES = 10;
const HOSTILE_TRIGGERS = 4;
const DECODER_SENSORS = 4;
const goodTriggerIds = Array.from({ length: GOOD_TRIGGERS }, (_, i) => `G${i}`);
const probeIds = Array.from({ length: PROBES }, (_, i) => `P${i}`);

interface Trigger {
  sensor: string;
  riskType: string;
}
/** Four trigger sensors per hostile risk type: `LOOP0` … for the plain ones, `SLY-LOOP0` … for the sly. */
const hostileTriggers = (v: Variant): Trigger[] =>
  HOSTILE_IDS.flatMap((id) =>
    Array.from({ length: HOSTILE_TRIGGERS }, (_, i) => ({
      sensor: `${v === 'plain' ? '' : `${v.toUpperCase()}-`}${id.replace('bench-', '').toUpperCase()}${i}`,
      riskType: variantId(id, v),
    })),
  );
const calmTriggers: Trigger[] = Array.from({ length: HOSTILE_IDS.length * HOSTILE_TRIGGERS }, (_, i) => ({
  sensor: `C${i}`,
  riskType: 'bench-calm',
}));
/** Sensors whose raw payloads a decoder decodes. */
const decoderSensors = (decoder: string, prefix: string) =>
  Array.from({ length: DECODER_SENSORS }, (_, i) => ({ sensor: `${prefix}${i}`, decoder }));
const rawSensors = {
  baseline: decoderSensors('bench-meter', 'M'),
  attack: decoderSensors('bench-junk', 'D'),
  'attack-half': decoderSensors(variantId('bench-junk', 'half'), 'DH'),
  'attack-sly': decoderSensors(variantId('bench-junk', 'sly'), 'DS'),
} satisfies Record<PhaseName, unknown>;
const triggerSets = {
  baseline: calmTriggers,
  attack: hostileTriggers('plain'),
  'attack-half': hostileTriggers('half'),
  'attack-sly': hostileTriggers('sly'),
} satisfies Record<PhaseName, Trigger[]>;

function inventory(): object {
  const point = (i: number, lat = 30) => ({ type: 'Point', coordinates: [120 + i * 1e-4, lat] });
  const wells = Math.ceil(SENSORS / 10);
  const site = (id: string, riskType: string, i: number) => ({
    id,
    kind: 'site',
    role: 'monitored',
    riskType,
    name: { zh: id, en: id },
    ownerUnit: 'ops',
    geometry: point(i, 30.1),
  });
  const lvlSensor = (id: string, objectId: string, riskType: string, extra: object = {}) => ({
    id,
    objectId,
    riskType,
    metrics: ['lvl'],
    ...extra,
  });
  const triggers = Object.values(triggerSets).flat();
  const raws = Object.values(rawSensors).flat();
  return {
    city: { id: CITY, name: { zh: '压测市', en: 'Bench City' } },
    units: [
      { id: 'gasco', kind: 'owner', name: { zh: '燃气公司', en: 'Gas company' } },
      { id: 'ops', kind: 'owner', name: { zh: '运维单位', en: 'Operator' } },
    ],
    objects: [
      ...Array.from({ length: wells }, (_, i) => ({
        id: `VW${i}`,
        kind: 'valve_well',
        role: 'monitored',
        riskType: 'gas-pipeline',
        name: { zh: `${i}号阀门井`, en: `Valve well ${i}` },
        ownerUnit: 'gasco',
        geometry: point(i),
      })),
      ...goodTriggerIds.map((s, i) => site(`S-${s}`, 'bench-good', i)),
      site('S-P', 'bench-good', 20),
      site('S-D', 'bench-good', 30),
      ...triggers.map((t, i) => site(`S-${t.sensor}`, t.riskType, 40 + i)),
    ],
    sensors: [
      ...Array.from({ length: SENSORS }, (_, i) => ({
        id: `B${i}`,
        objectId: `VW${Math.floor(i / 10)}`,
        riskType: 'gas-pipeline',
        metrics: ['ch4'],
      })),
      ...goodTriggerIds.map((s) => lvlSensor(s, `S-${s}`, 'bench-good')),
      ...probeIds.map((s) => lvlSensor(s, 'S-P', 'bench-good')),
      ...triggers.map((t) => lvlSensor(t.sensor, `S-${t.sensor}`, t.riskType)),
      ...raws.map((r) => lvlSensor(r.sensor, 'S-D', 'bench-good', { decoder: r.decoder })),
    ],
  };
}

// ---------------------------------------------------------------------------------------------------
// Measuring

function runWorker<T>(mode: string, port: number, token: string, params: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./attack-load.mjs', import.meta.url), {
      workerData: { mode, port, token, params },
    });
    w.once('message', (m: { ok: boolean; result: T; error: string }) =>
      m.ok ? resolve(m.result) : reject(new Error(m.error)),
    );
    w.once('error', reject);
  });
}

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const HZ = 100;

/** User + system CPU ticks of a process or thread, from its `stat` file (0 when it is gone). */
function ticksOf(statPath: string): number {
  try {
    const f = readFileSync(statPath, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** The application name of this bench's connections, to find the PostgreSQL backends serving it. */
const APP_NAME = 'fenghuo-attack-bench';

interface CpuSnap {
  at: number;
  /** This process, all threads. */
  proc: number;
  /** This process's main thread: the HTTP server, ingest, rules, the job runner. */
  main: number;
  /** CPU ticks of the PostgreSQL backends serving this process (when PostgreSQL runs on this machine). */
  pg: Map<number, number>;
  /** The machine, all cores, busy. */
  busy: number;
}

async function cpuSnap(core: Core): Promise<CpuSnap> {
  const { rows } = await core.db.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE application_name = $1',
    [APP_NAME],
  );
  const pg = new Map(rows.map((r) => [r.pid, ticksOf(`/proc/${r.pid}/stat`)]));
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const busy = f.slice(0, 8).reduce((a, b) => a + b, 0) - (f[3] ?? 0) - (f[4] ?? 0);
  return {
    at: performance.now(),
    proc: ticksOf('/proc/self/stat'),
    main: ticksOf(`/proc/self/task/${process.pid}/stat`),
    pg,
    busy,
  };
}

/** Where the CPU went during a phase, in % of one core (this machine's whole is cores × 100 %). */
interface CpuShare {
  main: number;
  load: number;
  /** The rest of this process: the isolates' threads, V8's and libuv's helper threads. */
  sandbox: number;
  /** The PostgreSQL backends serving this process. */
  pg: number;
  /** Everything else on the machine: PostgreSQL's background processes, other processes. */
  other: number;
  idle: number;
}

function cpuShare(a: CpuSnap, b: CpuSnap, loadTicks: number): CpuShare {
  const sec = (b.at - a.at) / 1000;
  const pc = (ticks: number) => (ticks / HZ / sec) * 100;
  const proc = b.proc - a.proc;
  const main = b.main - a.main;
  // A backend that closed during the phase is missed; one opened during it counts from its start.
  let pg = 0;
  for (const [pid, t] of b.pg) pg += t - (a.pg.get(pid) ?? 0);
  const busy = b.busy - a.busy;
  return {
    main: pc(main),
    load: pc(loadTicks),
    sandbox: pc(Math.max(0, proc - main - loadTicks)),
    pg: pc(pg),
    other: pc(Math.max(0, busy - proc - pg)),
    idle: Math.max(0, availableParallelism() * 100 - pc(busy)),
  };
}

async function scalar(core: Core, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await core.db.query<{ n: string | null }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

interface IsolateCounters {
  calls: number;
  failures: number;
  cpuMs: number;
  rebuilds: number;
}

function isolateCounters(core: Core, ids: readonly string[]): Record<string, IsolateCounters> {
  const out: Record<string, IsolateCounters> = {};
  for (const id of ids) {
    const s = core.sandbox.stats(`${id}@1.0.0`);
    out[id] = {
      calls: s?.calls ?? 0,
      failures: s?.failures ?? 0,
      cpuMs: s?.cpuMs ?? 0,
      rebuilds: s?.rebuilds ?? 0,
    };
  }
  return out;
}

interface BulkResult {
  sent: number;
  requests: number;
  ms: number;
  acks: number[];
  cpuTicks: number;
}
interface SideResult {
  sent: number;
  probeAcks: number[];
  raw: {
    sent: number;
    accepted: number;
    statuses: Record<string, number>;
    causes: Record<string, number>;
    ms: number[];
  };
  errors: string[];
  ms: number;
  cpuTicks: number;
}

interface PhaseResult {
  name: PhaseName;
  rate: number;
  /** Readings/s of each slice (one per round). */
  slices: number[];
  bulk: BulkResult;
  side: SideResult;
  sent: number;
  stored: number;
  warningsDuring: number;
  warningsAfter: number;
  goodRaised: number;
  goodCompleted: number;
  goodFailed: number;
  alarmToWarning: number[];
  /** The good plugin's analyses: time in `handleAnalyze` (archive `durationMs`). */
  analysisMs: number[];
  /** Per risk type other than `bench-good`: analyses by outcome (`completed`, or the failure's code). */
  failures: Record<string, Record<string, number>>;
  isolates: Record<string, IsolateCounters>;
  /** Plugin versions quarantined during the slices, by rule (`consecutive`, `rate`). */
  quarantines: string[];
  backlogAtEnd: number;
  backlogAfterDrain: number;
  drainMs: number;
  rssMaxMb: number;
  cpu: CpuShare;
}

/** The plugins whose code differs between the phases. */
const PHASE_PLUGINS = {
  baseline: ['bench-calm', 'bench-meter'],
  attack: [...HOSTILE_IDS, 'bench-junk'],
  'attack-half': [...HOSTILE_IDS, 'bench-junk'].map((id) => variantId(id, 'half')),
  'attack-sly': [...HOSTILE_IDS, 'bench-junk'].map((id) => variantId(id, 'sly')),
} satisfies Record<PhaseName, string[]>;
const SANDBOXED = ['bench-good', ...Object.values(PHASE_PLUGINS).flat()];

async function phase(
  core: Core,
  port: number,
  token: string,
  name: PhaseName,
  label: string,
  t0: number,
  state: { quarantines: string[] },
): Promise<PhaseResult> {
  const before = {
    readings: await scalar(core, 'SELECT count(*)::text AS n FROM readings'),
    archive: await scalar(core, 'SELECT coalesce(max(id), 0)::text AS n FROM archive_events'),
    warnings: await scalar(core, 'SELECT coalesce(max(id), 0)::text AS n FROM warnings'),
    alarms: await scalar(core, 'SELECT coalesce(max(id), 0)::text AS n FROM alarms'),
    isolates: isolateCounters(core, SANDBOXED),
    quarantines: state.quarantines.length,
  };
  console.error(`  ${label}: ${name}, ${SECONDS} s …`);
  let rssMax = process.memoryUsage.rss();
  const rssTimer = setInterval(() => {
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
  }, 250);
  const cpu0 = await cpuSnap(core);
  const startedAt = new Date();
  const [bulk, side] = await Promise.all([
    runWorker<BulkResult>('bulk', port, token, {
      prefix: 'B',
      sensors: SENSORS,
      batch: BATCH,
      concurrency: CONCURRENCY,
      t0,
      seconds: SECONDS,
      metric: 'ch4',
    }),
    runWorker<SideResult>('side', port, token, {
      seconds: SECONDS,
      probeSensors: probeIds,
      probeEveryMs: 50,
      triggers: [
        { token, sensors: goodTriggerIds },
        { token, sensors: triggerSets[name].map((t) => t.sensor) },
      ],
      triggerEveryMs: TICK_MS,
      metric: 'lvl',
      raw: {
        rate: RAW_RATE,
        inFlight: RAW_INFLIGHT,
        token,
        sensors: rawSensors[name].map((r) => r.sensor),
        kinds: RAW_KINDS,
      },
    }),
  ]);
  const endedAt = new Date();
  const cpu = cpuShare(cpu0, await cpuSnap(core), bulk.cpuTicks + side.cpuTicks);
  clearInterval(rssTimer);
  if (side.errors.length > 0)
    throw new Error(`load errors in ${name}: ${side.errors.slice(0, 5).join('; ')}`);

  const backlogSql = 'SELECT count(*)::text AS n FROM jobs WHERE dead_at IS NULL';
  const backlogAtEnd = await scalar(core, backlogSql);
  const drainStart = performance.now();
  let backlog = backlogAtEnd;
  while (backlog > 0 && performance.now() - drainStart < DRAIN_SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 250));
    backlog = await scalar(core, backlogSql);
  }
  const drainMs = performance.now() - drainStart;

  const stored = (await scalar(core, 'SELECT count(*)::text AS n FROM readings')) - before.readings;
  const goodRaised = await scalar(
    core,
    `SELECT count(*)::text AS n FROM alarms WHERE id > $1 AND risk_type = 'bench-good'`,
    [before.alarms],
  );
  const { rows: outcomes } = await core.db.query<{
    risk_type: string;
    kind: string;
    code: string | null;
    n: string;
  }>(
    `SELECT a.risk_type, e.kind, e.data->>'code' AS code, count(*)::text AS n
       FROM archive_events e JOIN alarms a ON a.id = e.alarm_id
      WHERE e.id > $1 AND e.kind IN ('analysis.failed', 'analysis.completed')
      GROUP BY 1, 2, 3`,
    [before.archive],
  );
  const failures: Record<string, Record<string, number>> = {};
  let goodCompleted = 0;
  let goodFailed = 0;
  for (const o of outcomes) {
    if (o.risk_type === 'bench-good') {
      if (o.kind === 'analysis.completed') goodCompleted += Number(o.n);
      else goodFailed += Number(o.n);
      continue;
    }
    const byCode = failures[o.risk_type] ?? {};
    const key = o.kind === 'analysis.completed' ? 'completed' : (o.code ?? '?');
    byCode[key] = (byCode[key] ?? 0) + Number(o.n);
    failures[o.risk_type] = byCode;
  }
  const { rows: durations } = await core.db.query<{ ms: number }>(
    `SELECT (e.data->>'durationMs')::float8 AS ms FROM archive_events e JOIN alarms a ON a.id = e.alarm_id
      WHERE e.id > $1 AND e.kind = 'analysis.completed' AND a.risk_type = 'bench-good'`,
    [before.archive],
  );
  const { rows: lat } = await core.db.query<{ ms: number; during: boolean }>(
    `SELECT extract(epoch FROM w.created_at - a.raised_at) * 1000 AS ms, w.created_at <= $3 AS during
       FROM warnings w JOIN alarms a ON a.id = w.alarm_id
      WHERE w.id > $1 AND w.risk_type = 'bench-good' AND w.created_at >= $2`,
    [before.warnings, startedAt, endedAt],
  );
  const after = isolateCounters(core, SANDBOXED);
  const isolates: Record<string, IsolateCounters> = {};
  for (const id of SANDBOXED) {
    const a = after[id]!;
    const b = before.isolates[id]!;
    isolates[id] = {
      calls: a.calls - b.calls,
      failures: a.failures - b.failures,
      cpuMs: a.cpuMs - b.cpuMs,
      rebuilds: a.rebuilds - b.rebuilds,
    };
  }
  return {
    name,
    rate: (bulk.sent / bulk.ms) * 1000,
    slices: [(bulk.sent / bulk.ms) * 1000],
    bulk,
    side,
    sent: bulk.sent + side.sent,
    stored,
    warningsDuring: lat.filter((r) => r.during).length,
    warningsAfter: lat.filter((r) => !r.during).length,
    goodRaised,
    goodCompleted,
    goodFailed,
    alarmToWarning: lat.map((r) => Number(r.ms)),
    analysisMs: durations.map((r) => Number(r.ms)),
    failures,
    isolates,
    quarantines: state.quarantines.slice(before.quarantines),
    backlogAtEnd,
    backlogAfterDrain: backlog,
    drainMs,
    rssMaxMb: rssMax / 2 ** 20,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------------

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

/** One phase's slices (one per round) as one result: totals, all samples, maxima, mean CPU shares. */
function merge(slices: PhaseResult[]): PhaseResult {
  const first = slices[0]!;
  const bulk: BulkResult = {
    sent: sum(slices.map((r) => r.bulk.sent)),
    requests: sum(slices.map((r) => r.bulk.requests)),
    ms: sum(slices.map((r) => r.bulk.ms)),
    acks: slices.flatMap((r) => r.bulk.acks),
    cpuTicks: sum(slices.map((r) => r.bulk.cpuTicks)),
  };
  const raw: SideResult['raw'] = { sent: 0, accepted: 0, statuses: {}, causes: {}, ms: [] };
  for (const r of slices) {
    raw.sent += r.side.raw.sent;
    raw.accepted += r.side.raw.accepted;
    addCounts(raw.statuses, r.side.raw.statuses);
    addCounts(raw.causes, r.side.raw.causes);
    raw.ms.push(...r.side.raw.ms);
  }
  const failures: Record<string, Record<string, number>> = {};
  const isolates: Record<string, IsolateCounters> = {};
  for (const r of slices) {
    for (const [id, byCode] of Object.entries(r.failures))
      failures[id] = addCounts(failures[id] ?? {}, byCode);
    for (const [id, c] of Object.entries(r.isolates)) {
      const t = isolates[id] ?? { calls: 0, failures: 0, cpuMs: 0, rebuilds: 0 };
      isolates[id] = {
        calls: t.calls + c.calls,
        failures: t.failures + c.failures,
        cpuMs: t.cpuMs + c.cpuMs,
        rebuilds: t.rebuilds + c.rebuilds,
      };
    }
  }
  const meanCpu = (k: keyof CpuShare) => sum(slices.map((r) => r.cpu[k])) / slices.length;
  return {
    name: first.name,
    rate: (bulk.sent / bulk.ms) * 1000,
    slices: slices.flatMap((r) => r.slices),
    bulk,
    side: {
      sent: sum(slices.map((r) => r.side.sent)),
      probeAcks: slices.flatMap((r) => r.side.probeAcks),
      raw,
      errors: slices.flatMap((r) => r.side.errors),
      ms: sum(slices.map((r) => r.side.ms)),
      cpuTicks: sum(slices.map((r) => r.side.cpuTicks)),
    },
    sent: sum(slices.map((r) => r.sent)),
    stored: sum(slices.map((r) => r.stored)),
    warningsDuring: sum(slices.map((r) => r.warningsDuring)),
    warningsAfter: sum(slices.map((r) => r.warningsAfter)),
    goodRaised: sum(slices.map((r) => r.goodRaised)),
    goodCompleted: sum(slices.map((r) => r.goodCompleted)),
    goodFailed: sum(slices.map((r) => r.goodFailed)),
    alarmToWarning: slices.flatMap((r) => r.alarmToWarning),
    analysisMs: slices.flatMap((r) => r.analysisMs),
    failures,
    isolates,
    quarantines: slices.flatMap((r) => r.quarantines),
    backlogAtEnd: Math.max(...slices.map((r) => r.backlogAtEnd)),
    backlogAfterDrain: Math.max(...slices.map((r) => r.backlogAfterDrain)),
    drainMs: Math.max(...slices.map((r) => r.drainMs)),
    rssMaxMb: Math.max(...slices.map((r) => r.rssMaxMb)),
    cpu: {
      main: meanCpu('main'),
      load: meanCpu('load'),
      sandbox: meanCpu('sandbox'),
      pg: meanCpu('pg'),
      other: meanCpu('other'),
      idle: meanCpu('idle'),
    },
  };
}

function report(results: PhaseResult[]): void {
  const base = results.find((r) => r.name === 'baseline');
  const cols = results.map((r) => r.name);
  const line = (what: string, cells: string[]) => console.log(`| ${what} | ${cells.join(' | ')} |`);
  console.log('');
  line('measure', cols);
  line(
    '---',
    cols.map(() => '---'),
  );
  line(
    'HTTP batch ingest, readings/s',
    results.map((r) => `${fmt(r.rate)} (${fmt(r.bulk.sent)} in ${(r.bulk.ms / 1000).toFixed(1)} s)`),
  );
  line(
    'ratio to the baseline (per round)',
    results.map((r) =>
      base
        ? `${((r.rate / base.rate) * 100).toFixed(0)} % (${r.slices
            .map((x, i) => `${((x / base.slices[i]!) * 100).toFixed(0)}`)
            .join(', ')})`
        : '–',
    ),
  );
  line(
    'readings/s per round',
    results.map((r) => r.slices.map((x) => fmt(x)).join(', ')),
  );
  line(
    'batch ack (5,000 readings), p50 / p99',
    results.map((r) => `${ms(pct(r.bulk.acks, 50))} / ${ms(pct(r.bulk.acks, 99))}`),
  );
  line(
    'reading-to-stored (probe ack, 10 readings), p50 / p99',
    results.map((r) => `${ms(pct(r.side.probeAcks, 50))} / ${ms(pct(r.side.probeAcks, 99))}`),
  );
  line(
    'readings sent / stored (all streams)',
    results.map((r) => `${fmt(r.sent)} / ${fmt(r.stored)}${r.sent === r.stored ? ' ✓' : ' ✗ LOST'}`),
  );
  line(
    'bench-good: alarms raised / analyses completed / failed',
    results.map((r) => `${fmt(r.goodRaised)} / ${fmt(r.goodCompleted)} / ${fmt(r.goodFailed)}`),
  );
  line(
    'bench-good: warnings during the slices / after them (from the backlog)',
    results.map((r) => `${fmt(r.warningsDuring)} / ${fmt(r.warningsAfter)}`),
  );
  line(
    'bench-good: alarm-to-warning p50 / p99',
    results.map((r) => `${ms(pct(r.alarmToWarning, 50))} / ${ms(pct(r.alarmToWarning, 99))}`),
  );
  line(
    'bench-good: of which the analysis itself (sandbox call and ctx), p50 / p99',
    results.map((r) => `${ms(pct(r.analysisMs, 50))} / ${ms(pct(r.analysisMs, 99))}`),
  );
  for (const id of HOSTILE_IDS) {
    line(
      `\`${id}\` (\`-half\`, \`-sly\`): \`analyze\` ${HOSTILE[id].what}; analyses by outcome`,
      results.map((r) =>
        r.name === 'baseline' ? '–' : codes(r.failures[variantId(id, PHASE_VARIANT[r.name])]),
      ),
    );
  }
  line(
    'raw payloads and their answers (baseline: `bench-meter`, which decodes; attack: `bench-junk`, whose `decode` loops forever on every other payload and returns garbage, too many readings, throws, recurses or allocates on the rest; `-half` and `-sly`: the same on the calls their variant picks, a reading on the others)',
    results.map((r) =>
      r.side.raw.sent === 0
        ? '–'
        : `${fmt(r.side.raw.sent)} sent: ${Object.entries(r.side.raw.causes)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}; answer p50 ${ms(pct(r.side.raw.ms, 50))}, p99 ${ms(pct(r.side.raw.ms, 99))}`,
    ),
  );
  line(
    "calls that ran in the stand-ins' (baseline) or the hostile plugins' isolates / their running time (isolated-vm `cpuTime`) / isolates rebuilt",
    results.map((r) => {
      const hs = PHASE_PLUGINS[r.name].map((id) => r.isolates[id]!);
      const calls = hs.reduce((a, h) => a + h.calls, 0);
      const cpu = hs.reduce((a, h) => a + h.cpuMs, 0);
      const rebuilt = hs.reduce((a, h) => a + h.rebuilds, 0);
      return `${fmt(calls)} / ${fmt(cpu / 1000, 1)} s / ${fmt(rebuilt)}`;
    }),
  );
  line(
    'bench-good isolate: calls / CPU',
    results.map(
      (r) => `${fmt(r.isolates['bench-good']!.calls)} / ${fmt(r.isolates['bench-good']!.cpuMs / 1000, 2)} s`,
    ),
  );
  line(
    'quarantines made (plugin: rule)',
    results.map((r) =>
      r.quarantines.length === 0 ? '0' : `${r.quarantines.length}: ${r.quarantines.join(', ')}`,
    ),
  );
  line(
    'job backlog at the end of a slice / after draining it (longest drain), worst slice',
    results.map(
      (r) => `${fmt(r.backlogAtEnd)} / ${fmt(r.backlogAfterDrain)} (${(r.drainMs / 1000).toFixed(1)} s)`,
    ),
  );
  line(
    'process RSS, max during the slices (it does not shrink: a later phase inherits the peaks before it)',
    results.map((r) => `${fmt(r.rssMaxMb)} MB`),
  );
  line(
    `CPU, % of one core (${availableParallelism()} cores): server main thread / load generators / isolates + V8 helpers / PostgreSQL backends of this core / everything else / idle`,
    results.map(
      (r) =>
        `${fmt(r.cpu.main)} / ${fmt(r.cpu.load)} / ${fmt(r.cpu.sandbox)} / ${fmt(r.cpu.pg)} / ${fmt(r.cpu.other)} / ${fmt(r.cpu.idle)}`,
    ),
  );
}

function codes(t: Record<string, number> | undefined): string {
  if (!t) return '–';
  return Object.entries(t)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(', ');
}

async function main(): Promise<void> {
  console.log(
    `Fenghuo ingest under a plugin attack — PostgreSQL at ${new URL(url).host}, ${ROUNDS} rounds of ` +
      `${PHASES.join(' / ')}, ${SECONDS} s each, ` +
      `${fmt(SENSORS)} sensors in batches of ${fmt(BATCH)}, ${CONCURRENCY} in flight`,
  );
  await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  const pluginsDir = pluginsFolder();
  let core: Core | undefined;
  try {
    const dbUrl = new URL(url);
    dbUrl.searchParams.set('application_name', APP_NAME);
    const config = loadConfig(env, {
      databaseUrl: dbUrl.toString(),
      schema,
      pluginsDir,
      logLevel: 'error',
      runJobs: true,
      redisUrl: undefined,
      mqttUrl: undefined,
      port: 0,
    });
    let t = performance.now();
    core = await createCore(config, { logger: pino({ level: 'error' }, pino.destination(2)) });
    console.error(
      `  core with ${core.sandbox.loaded().length} sandboxed plugins in ${fmt(performance.now() - t)} ms`,
    );
    t = performance.now();
    await loadInventory(core, inventory());
    await core.sensors.reload();
    console.error(`  inventory in ${fmt(performance.now() - t)} ms`);
    const state = { quarantines: [] as string[] };
    core.sandbox.onQuarantine((q) => {
      state.quarantines.push(`${q.key.replace(/@.*/, '')}: ${q.rule}`);
    });
    const token = await createToken(core.db, CITY, 'device', 'bench');
    const jobs = await startJobs(
      core,
      {},
      {
        offlineScanEveryMs: 0,
        ...(JOB_CONCURRENCY ? { concurrency: JOB_CONCURRENCY } : {}),
      },
    );
    const app = await buildServer(core);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;

    // Reading time of the bulk load: each slice its own hour, moving forward, one second per round of
    // the sensors (a slice sends far fewer than 3,600 rounds).
    const hour = 3_600_000;
    const origin = Date.now() - (ROUNDS * PHASES.length + 2) * hour;
    // Warm-up: JIT, partitions, pools, isolates (not measured).
    await runWorker('bulk', port, token, {
      prefix: 'B',
      sensors: SENSORS,
      batch: BATCH,
      concurrency: CONCURRENCY,
      t0: origin,
      seconds: 3,
      metric: 'ch4',
    });
    const rssStartMb = process.memoryUsage.rss() / 2 ** 20;
    // The phases take turns, round after round, so that the machine's other load (it drifts) falls on
    // each of them alike.
    const slices = new Map<PhaseName, PhaseResult[]>(PHASES.map((n) => [n, []]));
    let k = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of PHASES) {
        k++;
        const label = `round ${round}/${ROUNDS}`;
        slices.get(name)!.push(await phase(core, port, token, name, label, origin + k * hour, state));
      }
    }
    const results = [...slices.values()].map(merge);
    const rssEndMb = process.memoryUsage.rss() / 2 ** 20;
    await app.close();
    await jobs.stop();
    await ingestWriter(core).close();
    report(results);
    console.log(
      `\nprocess RSS (server, load generators, ${core.sandbox.loaded().length} plugin isolates): ` +
        `${fmt(rssStartMb)} MB after the warm-up, ${fmt(Math.max(...results.map((r) => r.rssMaxMb)))} MB at most, ` +
        `${fmt(rssEndMb)} MB at the end`,
    );
    const lost = results.filter((r) => r.sent !== r.stored);
    console.log(
      lost.length === 0 ? '\nno reading lost' : `\nREADINGS LOST in ${lost.map((r) => r.name).join(', ')}`,
    );
  } finally {
    core?.sandbox.dispose();
    await core?.db.close();
    rmSync(pluginsDir, { recursive: true, force: true });
    await admin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
