/**
 * Composition: make the core context (database, migrations, plugins, sensor cache) for a process.
 * `cli.ts` builds the HTTP server, the job runner, the MQTT subscriber and the simulator on top of it.
 */

import { SandboxHost } from '@fenghuo/sdk/sandbox';
import pino from 'pino';
import type { Config } from './config.js';
import type { Core } from './core.js';
import { EventBus } from './events.js';
import { enqueue } from './jobs/enqueue.js';
import { persistQuarantine } from './registry/city.js';
import { openRegistry } from './registry/install.js';
import type { PluginRegistry } from './registry/plugins.js';
import { SensorCache } from './rules/sensors.js';
import { openDb } from './store/db.js';
import { migrate } from './store/migrate.js';

export interface CreateCoreOptions {
  /** Use this registry instead of installing `config.pluginsDir` and loading the stored one (tests). */
  plugins?: PluginRegistry;
  logger?: pino.Logger;
}

export async function createCore(config: Config, opts: CreateCoreOptions = {}): Promise<Core> {
  const log =
    opts.logger ??
    pino({
      level: config.logLevel,
      // Secrets never reach the log: tokens and connection strings are redacted wherever they appear.
      redact: [
        'req.headers.authorization',
        'headers.authorization',
        'databaseUrl',
        'redisUrl',
        'mqttUrl',
        'token',
      ],
    });
  const db = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: config.schema });
  await migrate(db);
  const sandbox = new SandboxHost({ log: log.child({ component: 'sandbox' }) });
  const plugins =
    opts.plugins ??
    (await openRegistry(db, sandbox, {
      pluginsDir: config.pluginsDir,
      buildCacheDir: config.buildCacheDir,
      log,
    }));
  const sensors = new SensorCache(db, plugins);
  await sensors.reload();
  const core: Core = { config, db, plugins, bus: new EventBus(), log, enqueue, sensors, sandbox };
  // A plugin version that keeps failing for a city is quarantined there by the sandbox; the registry
  // stores it (so it holds across restarts) and raises an operator alarm.
  sandbox.onQuarantine((rec) => {
    persistQuarantine(core, rec).catch((err) =>
      log.error({ err, plugin: rec.key, city: rec.city }, 'could not store a plugin quarantine'),
    );
  });
  return core;
}
