/**
 * The core context: the ports every stage shares, made once per process by `createCore` (app.ts) and
 * passed explicitly (no module-level singletons).
 */

import type { SandboxHost } from '@fenghuo/sdk/sandbox';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import type { Enqueue } from './jobs/types.js';
import type { PluginRegistry } from './registry/plugins.js';
import type { SensorCache } from './rules/sensors.js';
import type { Db } from './store/db.js';

export interface Core {
  config: Config;
  db: Db;
  plugins: PluginRegistry;
  bus: EventBus;
  log: Logger;
  /** Write a job in a transaction (see jobs/). */
  enqueue: Enqueue;
  /** Sensors with their compiled thresholds and rule state (see rules/). */
  sensors: SensorCache;
  /** Where plugin code runs: isolated-vm, one isolate per plugin version (see sandbox/). */
  sandbox: SandboxHost;
}
