/**
 * Integration-test helpers: a core on real PostgreSQL (DATABASE_URL, one fresh schema per call) or on
 * PGlite in memory when DATABASE_URL is absent.
 */
import pg from 'pg';
import pino from 'pino';
import { createCore } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { Core } from '../src/core.js';
import type { PluginRegistry } from '../src/registry/plugins.js';

let counter = 0;

/** A unique schema name for this test file and call. */
export function testSchema(label: string): string {
  counter++;
  return `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${process.pid}_${counter}`.slice(0, 60);
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

export interface TestCore extends Core {
  /** Close the database and drop the test schema. */
  dispose(): Promise<void>;
}

export async function makeTestCore(
  label: string,
  opts: { plugins?: PluginRegistry; config?: Partial<Config> } = {},
): Promise<TestCore> {
  const schema = testSchema(label);
  const url = process.env.DATABASE_URL || undefined;
  if (url) await dropSchema(url, schema);
  const config = loadConfig(process.env, {
    schema,
    databaseUrl: url,
    // PGlite in memory: no data folder.
    dataDir: '',
    logLevel: process.env.LOG_LEVEL || 'silent',
    ...opts.config,
  });
  const core = await createCore(config, {
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
    logger: pino({ level: config.logLevel }),
  });
  return Object.assign(core, {
    async dispose() {
      core.sandbox.dispose();
      await core.db.close();
      if (url) await dropSchema(url, schema);
    },
  });
}
