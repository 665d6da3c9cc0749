/**
 * `fenghuo-core` — the command line of the core runtime:
 *
 *   serve                 HTTP (ingest, GraphQL, health) + MQTT ingest (MQTT_URL) + jobs (unless FENGHUO_JOBS=off)
 *   worker                jobs only (analysis, notifications, webhooks, offline scan)
 *   migrate               apply database migrations and exit
 *   load <file> [--replace]  import a city's inventory (YAML/JSON); every bad row is listed, exit 1
 *   demo [--incident <id>] serve + load catalog/demo-city.yaml + the simulator playing catalog/demo-incidents.yaml
 *   token create --city <id> --role <admin|operator|viewer|device|publisher|platform> --name <text>
 *   keys trust <public.pem> --name <publisher> | keys list | keys revoke <keyId>
 *                         the publisher keys whose signed plugins the platform installs
 *   generate [--check]    write (or check) docs/reference/schema.graphql, catalog/inventory.schema.json,
 *                         catalog/risk-catalogue(.schema).json and docs/catalogue.md
 *
 * Configuration comes from the environment (see config.ts and the README).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { FenghuoError } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import { buildSchema, printSchema } from 'graphql';
import { printedSchema, SCHEMA_BANNER } from './api/graphql/schema.js';
import { createCore } from './app.js';
import { createToken, type Role } from './auth/tokens.js';
import type { LoadSummary } from './catalog/load.js';
import { inventoryJsonSchema } from './catalog/schema.js';
import type { InventoryProblem } from './catalog/validate.js';
import { type Config, loadConfig, REPO_ROOT } from './config.js';
import type { Core } from './core.js';
import { openDb } from './store/db.js';
import { migrate } from './store/migrate.js';

// The server, jobs, ingest and simulator modules are imported by the commands that run them, so that
// short commands (load, token, generate) start quickly.
export const DEMO_CITY_FILE = join(REPO_ROOT, 'catalog', 'demo-city.yaml');
export const DEMO_SCRIPT_FILE = join(REPO_ROOT, 'catalog', 'demo-incidents.yaml');
export const SCHEMA_FILE = join(REPO_ROOT, 'docs', 'reference', 'schema.graphql');
export const INVENTORY_SCHEMA_FILE = join(REPO_ROOT, 'catalog', 'inventory.schema.json');
export const RISK_CATALOGUE_FILE = join(REPO_ROOT, 'catalog', 'risk-catalogue.json');
export const RISK_CATALOGUE_SCHEMA_FILE = join(REPO_ROOT, 'catalog', 'risk-catalogue.schema.json');
export const CATALOGUE_DOC_FILE = join(REPO_ROOT, 'docs', 'catalogue.md');

const USAGE = `用法 / usage: fenghuo-core <command>

  serve                      启动服务 / HTTP ingest + GraphQL + health, MQTT ingest (MQTT_URL), jobs (unless FENGHUO_JOBS=off)
  worker                     只运行后台任务 / jobs only
  migrate                    数据库迁移 / apply database migrations
  load <file> [--replace]    导入城市清单 / import a city inventory (YAML or JSON)
  demo [--incident <id>[,<id>…]]
                             演示 / serve + demo city + sensor simulator playing catalog/demo-incidents.yaml
                             (all its incidents in turn, or only those named)
  token create --city <id> --role <admin|operator|viewer|device|publisher|platform> --name <text>
                             创建 API 令牌 / make an API token (shown once)
  keys trust <public.pem> --name <publisher>
                             信任发布者公钥 / trust a publisher's Ed25519 key for plugin uploads
  keys list                  列出发布者公钥 / list trusted (and revoked) publisher keys
  keys revoke <keyId>        吊销公钥 / stop accepting new uploads signed by a key
  generate [--check]         生成或核对 / write or check docs/reference/schema.graphql, catalog/inventory.schema.json,
                             catalog/risk-catalogue.json (+ .schema.json), docs/catalogue.md

With embedded storage (no DATABASE_URL), stop a running server before \`load\` or \`token\` on the same data folder.`;

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

/** Config for short commands: quiet logs unless LOG_LEVEL says otherwise. */
function quietConfig(): Config {
  return loadConfig(process.env, { logLevel: process.env.LOG_LEVEL || 'warn', runJobs: false });
}

function printError(e: unknown): void {
  if (e instanceof FenghuoError) {
    const problems = (e.details as { problems?: InventoryProblem[] } | undefined)?.problems;
    if (e.code === 'FH_CATALOG_INVALID' && Array.isArray(problems)) {
      err(`清单有 ${problems.length} 处错误 / the inventory has ${problems.length} problem(s) [${e.code}]:`);
      for (const p of problems) err(`  ${p.path || '(root)'}: ${p.message}`);
      return;
    }
    err(`${e.code}: ${e.message}`);
    return;
  }
  if (e instanceof Error && e.name === 'ScriptError') {
    err(`模拟脚本有误 / ${e.message}`);
    return;
  }
  err(`错误 / error: ${(e as Error).stack ?? String(e)}`);
}

function printSummary(s: LoadSummary): void {
  out(`已导入 / loaded ${s.source} → city ${s.city}`);
  for (const k of ['units', 'objects', 'sensors', 'thresholds'] as const) {
    const c = s[k];
    out(
      `  ${k.padEnd(10)} ${String(c.total).padStart(5)}  (${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged)`,
    );
  }
  const r = s.removed;
  if (r.units + r.objects + r.sensors + r.thresholds > 0) {
    out(
      `  removed    units ${r.units}, objects ${r.objects}, sensors ${r.sensors}, thresholds ${r.thresholds}`,
    );
  }
  for (const t of s.tokens) {
    out(`  token      ${t.name} (${t.role}): ${t.token ?? '(exists, kept; its secret is not shown again)'}`);
  }
}

async function cmdLoad(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    err('用法 / usage: fenghuo-core load <file> [--replace]');
    return 2;
  }
  const { assertInventory, loadInventory, readInventoryFile } = await import('./catalog/load.js');
  const config = quietConfig();
  // The file is read and parsed before the database is opened; it is checked against the plugins the
  // platform has installed (its registry), nothing is written unless all of it is valid.
  const raw = readInventoryFile(resolve(file));
  const core = await createCore(config);
  try {
    const input = assertInventory(raw, { plugins: core.plugins }, file);
    printSummary(await loadInventory(core, input, { replace: values.replace === true, sourceName: file }));
    return 0;
  } finally {
    core.sandbox.dispose();
    await core.db.close();
  }
}

async function cmdMigrate(): Promise<number> {
  const config = quietConfig();
  const db = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: config.schema });
  try {
    const applied = await migrate(db);
    out(
      applied.length > 0
        ? `已迁移 / applied migrations: ${applied.join(', ')}`
        : '数据库已是最新 / database is up to date',
    );
    return 0;
  } finally {
    await db.close();
  }
}

const ROLES: Role[] = ['admin', 'operator', 'viewer', 'device', 'publisher', 'platform'];

async function cmdToken(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { city: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  });
  const role = values.role as Role | undefined;
  if (positionals[0] !== 'create' || !values.city || !role || !ROLES.includes(role) || !values.name) {
    err(
      '用法 / usage: fenghuo-core token create --city <id> --role <admin|operator|viewer|device|publisher|platform> --name <text>',
    );
    return 2;
  }
  const config = quietConfig();
  const db = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: config.schema });
  try {
    await migrate(db);
    const { rows } = await db.query('SELECT 1 FROM cities WHERE id = $1', [values.city]);
    if (rows.length === 0) {
      err(`城市不存在 / no city "${values.city}": load its inventory first`);
      return 1;
    }
    const token = await createToken(db, values.city, role, values.name);
    out(token);
    err(`令牌只显示这一次 / the token is shown only this once (${values.city}, ${role}, ${values.name})`);
    return 0;
  } finally {
    await db.close();
  }
}

async function cmdKeys(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' } },
  });
  const [sub, arg] = positionals;
  const usage =
    '用法 / usage: fenghuo-core keys trust <public.pem> --name <publisher> | keys list | keys revoke <keyId>';
  if (
    !(sub === 'trust' && arg && values.name && positionals.length === 2) &&
    !(sub === 'list' && positionals.length === 1) &&
    !(sub === 'revoke' && arg && positionals.length === 2)
  ) {
    err(usage);
    return 2;
  }
  const { trustPublisherKey, revokePublisherKey } = await import('./registry/keys.js');
  const { listPublishers } = await import('./registry/store.js');
  const config = quietConfig();
  const db = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: config.schema });
  try {
    await migrate(db);
    if (sub === 'trust') {
      let pem: string;
      try {
        pem = readFileSync(resolve(arg!), 'utf8');
      } catch (e) {
        err(`无法读取 / cannot read ${arg}: ${(e as Error).message}`);
        return 1;
      }
      const key = await trustPublisherKey(db, { name: values.name!, publicKeyPem: pem, actor: 'cli' });
      out(`已信任 / trusted ${key.keyId} (${key.name})`);
    } else if (sub === 'revoke') {
      const key = await revokePublisherKey(db, arg!, 'cli');
      out(`已吊销 / revoked ${key.keyId} (${key.name}); versions it signed stay installed`);
    } else {
      const keys = await listPublishers(db);
      if (keys.length === 0) out('（无）/ (none)');
      for (const k of keys) {
        out(
          `${k.keyId}  ${k.revokedAt ? `revoked ${k.revokedAt}` : 'trusted'}  ${k.name}  (by ${k.trustedBy}, ${k.trustedAt})`,
        );
      }
    }
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * The generated files: their content and a check that a file on disk says the same. The check compares
 * meaning (the parsed SDL, the parsed JSON), not bytes, because the files are formatted by Biome after
 * they are written.
 */
export async function generatedFiles(): Promise<
  { path: string; content: string; matches(current: string): boolean }[]
> {
  const sdl = printedSchema();
  const json = inventoryJsonSchema();
  const { riskCatalogue, RiskCatalogueSchema, renderCatalogue, shippedRiskTypes } = await import(
    './catalog/risk-catalogue.js'
  );
  // As JSON: the definitions come from the bundles' own realm, whose objects never deep-equal ours.
  const catalogue = JSON.parse(
    JSON.stringify(riskCatalogue(await shippedRiskTypes(loadConfig(process.env).pluginsDir))),
  ) as ReturnType<typeof riskCatalogue>;
  const catalogueSchema = JSON.parse(JSON.stringify(RiskCatalogueSchema)) as object;
  const sameJson = (value: unknown) => (current: string) => {
    try {
      return isDeepStrictEqual(JSON.parse(current), value);
    } catch {
      return false;
    }
  };
  const markdown = renderCatalogue(catalogue);
  return [
    {
      path: SCHEMA_FILE,
      content: `${SCHEMA_BANNER}${sdl}\n`,
      matches: (current) => {
        try {
          return current.startsWith(SCHEMA_BANNER) && printSchema(buildSchema(current)) === sdl;
        } catch {
          return false;
        }
      },
    },
    { path: INVENTORY_SCHEMA_FILE, content: `${JSON.stringify(json, null, 2)}\n`, matches: sameJson(json) },
    {
      path: RISK_CATALOGUE_FILE,
      content: `${JSON.stringify(catalogue, null, 2)}\n`,
      matches: sameJson(catalogue),
    },
    {
      path: RISK_CATALOGUE_SCHEMA_FILE,
      content: `${JSON.stringify(catalogueSchema, null, 2)}\n`,
      matches: sameJson(catalogueSchema),
    },
    { path: CATALOGUE_DOC_FILE, content: markdown, matches: (current) => current === markdown },
  ];
}

/** Format written files with the workspace's Biome, so that `biome check` passes on them. */
function formatWithBiome(paths: string[]): void {
  let bin: string;
  try {
    bin = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  } catch {
    err('Biome not found: the generated files are not formatted');
    return;
  }
  const r = spawnSync(process.execPath, [bin, 'format', '--write', ...paths], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) err(`biome format failed: ${r.stderr}`);
}

async function cmdGenerate(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { check: { type: 'boolean' } } });
  const stale = (await generatedFiles()).filter(
    (f) => !(existsSync(f.path) && f.matches(readFileSync(f.path, 'utf8'))),
  );
  if (values.check) {
    for (const f of stale) err(`已过期 / out of date: ${f.path} (run fenghuo-core generate)`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const f of stale) {
    writeFileSync(f.path, f.content);
    out(`已写入 / wrote ${f.path}`);
  }
  const json = stale.filter((f) => f.path.endsWith('.json') || f.path.endsWith('.graphql'));
  if (json.length > 0) formatWithBiome(json.map((f) => f.path));
  else out('已是最新 / generated files are up to date');
  return 0;
}

interface Running {
  core: Core;
  app: FastifyInstance | null;
  /** Sources of readings (simulator, MQTT), stopped first, newest first. */
  intake: (() => Promise<void>)[];
  /** Job runners, stopped once the readings already taken in are stored. */
  jobs: (() => Promise<void>)[];
}

/** Stop intake first (HTTP, MQTT, simulator), then flush the writer, stop jobs and close the database. */
function onShutdown(r: Running): Promise<void> {
  return new Promise((done) => {
    const modules = Promise.all([import('./api/health.js'), import('./ingest/http.js')]);
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) {
        err('再次收到信号，强制退出 / second signal: exiting now');
        process.exit(1);
      }
      stopping = true;
      r.core.log.info({ signal }, 'shutting down');
      const [{ markDraining }, { ingestWriter }] = await modules;
      if (r.app) markDraining(r.app);
      const stopAll = async (list: (() => Promise<void>)[]) => {
        for (const s of [...list].reverse()) {
          await s().catch((e: unknown) => r.core.log.error({ err: e }, 'error while stopping'));
        }
      };
      // Stop taking readings in (simulator, MQTT, then HTTP after its requests in flight), store what
      // was taken in, then stop the jobs and close the database.
      await stopAll(r.intake);
      if (r.app) await r.app.close();
      await ingestWriter(r.core).close();
      await stopAll(r.jobs);
      await r.core.db.close();
      r.core.sandbox.dispose();
      r.core.log.info('stopped');
      done();
    };
    process.once('SIGINT', () => void stop('SIGINT'));
    process.once('SIGTERM', () => void stop('SIGTERM'));
  });
}

/** Start the server parts of `serve` and `demo`; their stops go into `r.jobs` and `r.intake`. */
async function startServing(r: Running): Promise<string> {
  const [{ startJobs }, { buildServer }, { startMqttIngest }] = await Promise.all([
    import('./jobs/start.js'),
    import('./api/server.js'),
    import('./ingest/mqtt.js'),
  ]);
  const { core } = r;
  const { config } = core;
  const [{ startSensorSync }, { startBusBridge }] = await Promise.all([
    import('./rules/sync.js'),
    import('./bus-bridge.js'),
  ]);
  const sync = await startSensorSync(core);
  const bridge = await startBusBridge(core);
  r.jobs.push(
    () => sync.stop(),
    () => bridge.stop(),
  );
  if (config.runJobs) {
    const jobs = await startJobs(core);
    r.jobs.push(() => jobs.stop());
    core.log.info({ mode: jobs.mode }, 'jobs running');
  }
  const app = await buildServer(core);
  r.app = app;
  await app.listen({ port: config.port, host: config.host });
  if (config.mqttUrl) {
    const mqtt = await startMqttIngest(core, {
      url: config.mqttUrl,
      ...(config.mqttCities ? { cities: config.mqttCities } : {}),
    });
    r.intake.push(() => mqtt.stop());
  }
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

async function cmdServe(): Promise<number> {
  const core = await createCore(loadConfig());
  const r: Running = { core, app: null, intake: [], jobs: [] };
  const stopped = onShutdown(r);
  const url = await startServing(r);
  out(`烽火 Fenghuo 已启动 / listening on ${url} — GraphQL ${url}/graphql, health ${url}/healthz`);
  await stopped;
  return 0;
}

async function cmdWorker(): Promise<number> {
  const core = await createCore(loadConfig(process.env, { runJobs: true }));
  const r: Running = { core, app: null, intake: [], jobs: [] };
  const stopped = onShutdown(r);
  const { startJobs } = await import('./jobs/start.js');
  const [{ startSensorSync }, { startBusBridge }] = await Promise.all([
    import('./rules/sync.js'),
    import('./bus-bridge.js'),
  ]);
  const sync = await startSensorSync(core);
  const bridge = await startBusBridge(core);
  r.jobs.push(
    () => sync.stop(),
    () => bridge.stop(),
  );
  const jobs = await startJobs(core);
  r.jobs.push(() => jobs.stop());
  out(`烽火 Fenghuo worker 运行中 / running jobs (${jobs.mode})`);
  await stopped;
  return 0;
}

async function cmdDemo(args: string[]): Promise<number> {
  const { values } = parseArgs({
    // `pnpm start -- --incident …` may hand the `--` through.
    args: args[0] === '--' ? args.slice(1) : args,
    options: { incident: { type: 'string', multiple: true } },
    allowPositionals: false,
  });
  const only = values.incident
    ?.flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const [{ loadInventory }, { startSimulator }, { readScript, selectIncidents }] = await Promise.all([
    import('./catalog/load.js'),
    import('./sim/simulator.js'),
    import('./sim/script.js'),
  ]);
  // The script's shape and the incidents asked for, before anything starts; its sensors and metrics are
  // checked against the city when the simulator starts.
  const source = 'catalog/demo-incidents.yaml';
  const script = readScript(DEMO_SCRIPT_FILE, null, source);
  selectIncidents(script, only, source);
  const config = loadConfig();
  const core = await createCore(config);
  const r: Running = { core, app: null, intake: [], jobs: [] };
  const stopped = onShutdown(r);
  const summary = await loadInventory(core, DEMO_CITY_FILE, { sourceName: 'catalog/demo-city.yaml' });
  const url = await startServing(r);
  const device = summary.tokens.find((t) => t.role === 'device' && t.token);
  const admin = summary.tokens.find((t) => t.role === 'admin' && t.token);
  if (!device?.token) throw new Error('catalog/demo-city.yaml must fix a device token for the simulator');
  const sim = await startSimulator(core, {
    baseUrl: url,
    token: device.token,
    script,
    ...(only ? { incidents: only } : {}),
  });
  r.intake.push(() => sim.stop());
  out(
    [
      '',
      `烽火 Fenghuo 演示 / demo — city "${summary.city}", ${summary.objects.total} objects, ${summary.sensors.total} sensors`,
      `  数据目录 / data folder   ${config.databaseUrl ? '(PostgreSQL, DATABASE_URL)' : config.dataDir}`,
      `  地址 / URL               ${url}`,
      `  GraphQL                  ${url}/graphql   (GraphiQL: ${url}/graphiql)`,
      `  健康 / health            ${url}/healthz`,
      `  演示令牌 / demo tokens (demo only — never use them in production):`,
      `    admin     ${admin?.token ?? '(see catalog/demo-city.yaml)'}`,
      `    device    ${device.token}`,
      ...summary.tokens
        .filter((t) => (t.role === 'publisher' || t.role === 'platform') && t.token)
        .map((t) => `    ${t.role.padEnd(10)}${t.token}`),
      `  模拟器每 5 秒发送读数；约 1 分钟后开始第一起演示事件，共 ${sim.schedule.length} 起，依次循环（catalog/demo-incidents.yaml）：`,
      `  The simulator sends readings every 5 s; the first of ${sim.schedule.length} scripted incidents starts after about a minute, then the next in turn:`,
      ...sim.schedule.map(
        (i) =>
          `    +${String(Math.round((60_000 + i.offsetMs) / 60_000)).padStart(3)} min  ${i.incident.id.padEnd(38)} ${i.incident.title.zh} / ${i.incident.title.en}`,
      ),
      `  curl -s ${url}/graphql -H 'authorization: Bearer ${admin?.token ?? '<admin token>'}' -H 'content-type: application/json' \\`,
      `    -d '{"query":"{ alarms(first: 5) { nodes { id level status sensor { id } warning { tier title { zh en } } } } }"}'`,
      '',
    ].join('\n'),
  );
  await stopped;
  return 0;
}

/** Run one command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve':
        return await cmdServe();
      case 'worker':
        return await cmdWorker();
      case 'migrate':
        return await cmdMigrate();
      case 'load':
        return await cmdLoad(rest);
      case 'demo':
        return await cmdDemo(rest);
      case 'token':
        return await cmdToken(rest);
      case 'keys':
        return await cmdKeys(rest);
      case 'generate':
        return await cmdGenerate(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        err(`未知命令 / unknown command "${cmd}"\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    printError(e);
    return 1;
  }
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      printError(e);
      process.exit(1);
    },
  );
}
