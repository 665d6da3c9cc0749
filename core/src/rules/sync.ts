/**
 * Keeping every process's sensor cache in step. A catalogue load, a threshold override or a false alarm
 * changes what the rules stage holds in memory; the process that makes the change applies it at once
 * and announces it, and every other `serve`/`worker` process on the same database applies it when the
 * announcement arrives (PostgreSQL LISTEN/NOTIFY, one channel per schema). Embedded mode has one process,
 * so the local application is all there is.
 */
import { randomUUID } from 'node:crypto';
import { invalidateSpatialIndex } from '../analysis/spatial.js';
import { clearAuthCache } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { loadStored } from '../registry/install.js';
import { listen } from '../store/listen.js';

export type SyncMessage =
  /** Sensors, objects, overrides or tokens changed in `city`: reload the cache and spatial index. */
  | { kind: 'reload'; city: string }
  /** An alarm was marked false (or force-closed): forget the rule state of that (sensor, metric). */
  | { kind: 'reset'; sid: number; metric: string }
  /** Plugin versions were installed or a city's plugin choices changed: reload the registry, then the cache. */
  | { kind: 'plugins'; city: string | null };

/** Each core's own id, so that it skips its own announcements (it applied them already). */
const origins = new WeakMap<Core, string>();
function origin(core: Core): string {
  let id = origins.get(core);
  if (!id) {
    id = randomUUID();
    origins.set(core, id);
  }
  return id;
}

export function syncChannel(schema: string): string {
  return `fenghuo_sync_${schema}`;
}

/** Coalesces reloads: while one runs, further requests make exactly one more run afterwards. */
const reloading = new WeakMap<Core, { running: Promise<void>; again: boolean }>();

function reload(core: Core): Promise<void> {
  const cur = reloading.get(core);
  if (cur) {
    cur.again = true;
    return cur.running;
  }
  const state = { running: Promise.resolve(), again: false };
  state.running = (async () => {
    try {
      do {
        state.again = false;
        await core.sensors.reload();
      } while (state.again);
    } finally {
      reloading.delete(core);
    }
  })();
  reloading.set(core, state);
  return state.running;
}

/** Apply a change in this process. */
export async function applySync(core: Core, msg: SyncMessage): Promise<void> {
  switch (msg.kind) {
    case 'reload':
      clearAuthCache();
      invalidateSpatialIndex(msg.city);
      await reload(core);
      return;
    case 'reset':
      core.sensors.resetState(msg.sid, msg.metric);
      return;
    case 'plugins':
      await loadStored({ db: core.db, sandbox: core.sandbox, plugins: core.plugins, log: core.log });
      await reload(core);
      return;
    default: {
      const never: never = msg;
      throw new Error(`unknown sync message ${JSON.stringify(never)}`);
    }
  }
}

/** Apply a change here and tell the other processes (after the caller's transaction has committed). */
export async function announce(core: Core, msg: SyncMessage): Promise<void> {
  await applySync(core, msg);
  if (core.db.kind !== 'postgres') return;
  try {
    await core.db.query('SELECT pg_notify($1, $2)', [
      syncChannel(core.config.schema),
      JSON.stringify({ ...msg, from: origin(core) }),
    ]);
  } catch (err) {
    // The change is stored and applied here; the others catch up at their next reconnect or restart.
    core.log.warn({ err, msg }, 'could not announce a sensor change to other processes');
  }
}

export interface SensorSync {
  stop(): Promise<void>;
}

/** Listen for other processes' announcements (PostgreSQL only; a no-op in embedded mode). */
export async function startSensorSync(core: Core): Promise<SensorSync> {
  const channel = syncChannel(core.config.schema);
  return listen(
    core,
    [channel],
    (_channel, payload) => {
      let msg: SyncMessage & { from?: string };
      try {
        msg = JSON.parse(payload) as SyncMessage & { from?: string };
      } catch {
        return;
      }
      if (msg.from === origin(core)) return;
      applySync(core, msg).catch((err) => core.log.error({ err }, 'could not apply a sensor change'));
    },
    // Announcements made while disconnected are lost: reload everything (the plugin registry's versions
    // and city choices, then the sensor cache) once back.
    () => {
      applySync(core, { kind: 'plugins', city: null }).catch((err) =>
        core.log.error({ err }, 'could not reload the plugin registry and the sensor cache'),
      );
    },
  );
}
