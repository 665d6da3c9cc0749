/** Configuration from the environment, read once. Every option is listed in the README. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  mqttUrl: string | undefined;
  /** Cities whose MQTT topics this process takes (default all): to split cities between process groups. */
  mqttCities: string[] | undefined;
  /** PGlite data folder when DATABASE_URL is absent. */
  dataDir: string;
  /** Database schema (tests use one per file). */
  schema: string;
  pluginsDir: string;
  /**
   * Where the builds of the shipped plugins are cached between starts (FENGHUO_BUILD_CACHE; `off`: none).
   * Default node_modules/.cache/fenghuo-bundles in the repository.
   */
  /**
   * Re-analysis of alarms that hold their level (FENGHUO_HELD_REANALYSIS_SEC, default 600; 0 turns it off;
   * FENGHUO_HELD_REANALYSIS_MAX, default 6 per alarm).
   */
  heldReanalysis: { afterSec: number; max: number };
  buildCacheDir: string | null;
  /** Most readings in one HTTP batch. */
  maxBatch: number;
  /** A reading may be this far in the future (clock skew) and no further. */
  futureToleranceSec: number;
  /** Oldest reading accepted, in days before now. */
  maxAgeDays: number;
  logLevel: string;
  /** Run the embedded job runner / BullMQ workers in this process. */
  runJobs: boolean;
}

function int(v: string | undefined, def: number, name: string): number {
  if (v === undefined || v === '') return def;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    mqttUrl: env.MQTT_URL || undefined,
    mqttCities: env.FENGHUO_MQTT_CITIES
      ? env.FENGHUO_MQTT_CITIES.split(',')
          .map((c) => c.trim())
          .filter((c) => c.length > 0)
      : undefined,
    dataDir: resolve(env.FENGHUO_DATA_DIR || join(REPO_ROOT, '.data')),
    schema: env.FENGHUO_DB_SCHEMA || 'public',
    pluginsDir: resolve(env.FENGHUO_PLUGINS_DIR || join(REPO_ROOT, 'plugins')),
    heldReanalysis: {
      afterSec: int(env.FENGHUO_HELD_REANALYSIS_SEC, 600, 'FENGHUO_HELD_REANALYSIS_SEC'),
      max: int(env.FENGHUO_HELD_REANALYSIS_MAX, 6, 'FENGHUO_HELD_REANALYSIS_MAX'),
    },
    buildCacheDir:
      env.FENGHUO_BUILD_CACHE === 'off'
        ? null
        : resolve(env.FENGHUO_BUILD_CACHE || join(REPO_ROOT, 'node_modules', '.cache', 'fenghuo-bundles')),
    maxBatch: int(env.FENGHUO_MAX_BATCH, 20_000, 'FENGHUO_MAX_BATCH'),
    futureToleranceSec: int(env.FENGHUO_FUTURE_TOLERANCE_SEC, 300, 'FENGHUO_FUTURE_TOLERANCE_SEC'),
    maxAgeDays: int(env.FENGHUO_MAX_AGE_DAYS, 366, 'FENGHUO_MAX_AGE_DAYS'),
    logLevel: env.LOG_LEVEL || 'info',
    runJobs: env.FENGHUO_JOBS !== 'off',
    ...overrides,
  };
}
