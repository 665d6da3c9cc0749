/**
 * Composition: make the core context (database, migrations, plugins, sensor cache) for a process.
 * `cli.ts` builds the HTTP server, the job runner, the MQTT subscriber and the simulator on top of it.
 */
import pino from 'pino';
import type { Config } from './config.js';
import type { Core } from './core.js';
import { EventBus } from './events.js';
import { enqueue } from './jobs/enqueue.js';
import { loadPlugins, type PluginRegistry } from './registry/plugins.js';
import { SensorCache } from './rules/sensors.js';
import { SandboxHost } from './sandbox/index.js';
import { openDb } from './store/db.js';
import { migrate } from './store/migrate.js';

export interface CreateCoreOptions {
  /** Use this registry instead of loading `config.pluginsDir` (tests). */
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
  const plugins = opts.plugins ?? (await loadPlugins(config.pluginsDir, sandbox));
  const sensors = new SensorCache(db, plugins);
  await sensors.reload();
  return { config, db, plugins, bus: new EventBus(), log, enqueue, sensors, sandbox };
}
