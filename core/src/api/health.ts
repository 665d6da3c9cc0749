/**
 * Health and readiness: `GET /healthz` says what the process is (database reachable, plugins loaded,
 * sensors registered, jobs mode, version); `GET /readyz` says whether to send it traffic (503 while the
 * database is unreachable or the process is draining for shutdown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { REPO_ROOT } from '../config.js';
import type { Core } from '../core.js';

export const VERSION: string = (
  JSON.parse(readFileSync(join(REPO_ROOT, 'core', 'package.json'), 'utf8')) as { version: string }
).version;

const draining = new WeakSet<FastifyInstance>();

/** From now on `/readyz` answers 503, so that a load balancer stops sending traffic before shutdown. */
export function markDraining(app: FastifyInstance): void {
  draining.add(app);
}

async function probeDb(core: Core): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const t0 = performance.now();
  try {
    await core.db.query('SELECT 1');
    return { ok: true, latencyMs: Math.round((performance.now() - t0) * 10) / 10 };
  } catch (err) {
    return { ok: false, latencyMs: Math.round(performance.now() - t0), error: (err as Error).message };
  }
}

export function jobsMode(core: Core): 'bullmq' | 'embedded' | 'off' {
  if (!core.config.runJobs) return 'off';
  return core.config.redisUrl ? 'bullmq' : 'embedded';
}

export function registerHealth(app: FastifyInstance, core: Core): void {
  const started = Date.now();
  app.get('/healthz', async (_req, reply) => {
    const db = await probeDb(core);
    return reply.code(db.ok ? 200 : 503).send({
      status: db.ok ? 'ok' : 'degraded',
      version: VERSION,
      uptimeSec: Math.round((Date.now() - started) / 1000),
      db: { kind: core.db.kind, ...db },
      plugins: [...core.plugins.riskTypes.values()].map((p) => ({ id: p.def.id, version: p.def.version })),
      sensors: core.sensors.size,
      jobs: jobsMode(core),
      mqtt: core.config.mqttUrl ? 'on' : 'off',
    });
  });
  app.get('/readyz', async (_req, reply) => {
    if (draining.has(app)) return reply.code(503).send({ ready: false, reason: 'draining' });
    const db = await probeDb(core);
    if (!db.ok) return reply.code(503).send({ ready: false, reason: 'database unreachable' });
    return reply.code(200).send({ ready: true });
  });
}
