/**
 * The held scan: an alarm that holds its level is re-analysed on its latest reading after a while (an
 * analysis otherwise runs only when an alarm is raised or steps up), a bounded number of times, and not
 * at all while its last step is recent.
 */
import { defineRiskType, Type } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHeldScan } from '../src/alarms/held.js';
import { handleAnalyze } from '../src/analysis/run.js';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import { PluginRegistry } from '../src/registry/plugins.js';
import { send } from './api-helpers.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity } from './support/plugin.js';

/** Judges a leak only once it has held: a warning when the latest value is 8 or more, none below. */
const slow = defineRiskType({
  id: 'test-gas',
  version: '1.0.0',
  domain: 'lifeline',
  name: { zh: '测试燃气', en: 'Test gas' },
  objects: { valve_well: { name: { zh: '阀门井', en: 'Valve well' }, attributes: Type.Object({}) } },
  metrics: {
    ch4: {
      schema: Type.Number({ minimum: 0, maximum: 100 }),
      unit: '%LEL',
      name: { zh: '甲烷', en: 'Methane' },
    },
    pressure: {
      schema: Type.Number({ minimum: 0, maximum: 10 }),
      unit: 'MPa',
      name: { zh: '压力', en: 'Pressure' },
    },
  },
  thresholds: { ch4: { direction: 'rising', levels: { alarm: 5, blue: 10, red: 50 } } },
  analyze(event) {
    const held = event.value >= 8;
    return {
      tier: held ? 'blue' : null,
      findings: [{ zh: `读数 ${event.value}`, en: `reading ${event.value} at ${event.ts}` }],
      actions: [],
    };
  },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});

/** A city `h` with `sensors` sensors of the plugin, its device token and the HTTP server, for one describe. */
function heldCity(label: string, plugin: typeof slow, sensors: number) {
  const env = {} as { core: TestCore; app: FastifyInstance; device: string };
  const reg = new PluginRegistry();
  reg.add(plugin);
  beforeAll(async () => {
    env.core = await makeTestCore(label, { plugins: reg, config: { runJobs: false } });
    await seedCity(env.core.db, 'h', sensors);
    await env.core.sensors.reload();
    env.device = await createToken(env.core.db, 'h', 'device', 'device');
    env.app = await buildServer(env.core);
  });
  afterAll(async () => {
    await env.app?.close();
    await env.core?.dispose();
  });
  return env;
}

describe('re-analysing alarms that hold their level', () => {
  const env = heldCity('held', slow, 2);

  /** Run the analyze jobs waiting, as the job runner would, and remove them. */
  async function runAnalyses(): Promise<number> {
    const { rows } = await env.core.db.query<{ id: string; data: { alarmId: string; eventId: string } }>(
      "SELECT id::text AS id, data FROM jobs WHERE name = 'analyze' ORDER BY jobs.id",
    );
    for (const r of rows) await handleAnalyze(env.core, r.data, { timeoutMs: 5_000 });
    await env.core.db.query("DELETE FROM jobs WHERE name = 'analyze'");
    return rows.length;
  }
  const warnings = async () =>
    (
      await env.core.db.query<{ tier: string; revision: number }>(
        "SELECT tier, revision FROM warnings WHERE city_id = 'h'",
      )
    ).rows;
  const archiveKinds = async () =>
    (
      await env.core.db.query<{ kind: string }>(
        "SELECT kind FROM archive_events WHERE city_id = 'h' AND alarm_id IS NOT NULL ORDER BY archive_events.id",
      )
    ).rows.map((r) => r.kind);

  it('re-analyses a held alarm on its latest reading, at most `max` times, and never one with a recent step', async () => {
    const t0 = Date.now() - 120_000;
    await send(env.app, env.device, [{ sensor: 'S0', ts: new Date(t0).toISOString(), values: { ch4: 6 } }]);
    expect(await runAnalyses()).toBe(1);
    expect(await warnings()).toEqual([]); // judged on its first reading: no warning

    // The leak holds at the same level (8 is still the `alarm` level): no step, no analysis.
    await send(env.app, env.device, [
      { sensor: 'S0', ts: new Date(t0 + 60_000).toISOString(), values: { ch4: 8 } },
    ]);
    expect(await runAnalyses()).toBe(0);

    // Its last step (the analysis) is recent: the default scan leaves it alone.
    expect(await runHeldScan(env.core)).toEqual([]);

    // Once the last step is older than afterSec, the scan re-analyses it on the latest reading.
    const held = await runHeldScan(env.core, { afterSec: 0, max: 2 });
    expect(held).toHaveLength(1);
    expect(await runAnalyses()).toBe(1);
    expect(await warnings()).toEqual([{ tier: 'blue', revision: 1 }]);
    const { rows } = await env.core.db.query<{ data: { value: number; level: string; ts: string } }>(
      "SELECT data FROM archive_events WHERE kind = 'alarm.held'",
    );
    expect(rows[0]!.data).toMatchObject({
      value: 8,
      level: 'alarm',
      ts: new Date(t0 + 60_000).toISOString(),
    });

    // Bounded: a second held re-analysis, then none.
    expect(await runHeldScan(env.core, { afterSec: 0, max: 2 })).toHaveLength(1);
    await runAnalyses();
    expect(await runHeldScan(env.core, { afterSec: 0, max: 2 })).toEqual([]);
    expect((await archiveKinds()).filter((k) => k === 'alarm.held')).toHaveLength(2);
  });
});

describe('a risk type with a held re-analysis schedule of its own', () => {
  // The same plugin, judged on the scale of hours: every hour, at most twice.
  const env = heldCity(
    'held-own',
    defineRiskType({ ...slow, heldReanalysis: { afterSec: 3_600, max: 2 } }),
    1,
  );

  /** Pretend the alarm's steps happened `hours` earlier. */
  const age = (hours: number) =>
    env.core.db.query(
      `UPDATE archive_events SET at = at - $1::float8 * interval '1 hour' WHERE city_id = 'h' AND alarm_id IS NOT NULL`,
      [hours],
    );

  it('follows the plugin’s schedule, not the platform’s: not before afterSec, at most max times', async () => {
    await send(env.app, env.device, [
      { sensor: 'S0', ts: new Date(Date.now() - 60_000).toISOString(), values: { ch4: 8 } },
    ]);
    // The platform's schedule would take it at once; the plugin's hour has not passed.
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toEqual([]);
    await age(0.5);
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toEqual([]);
    await age(0.6);
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toHaveLength(1);
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toEqual([]); // its step is recent again
    await age(1.1);
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toHaveLength(1);
    await age(1.1);
    expect(await runHeldScan(env.core, { afterSec: 0, max: 10 })).toEqual([]); // max 2 reached
    const { rows } = await env.core.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM archive_events WHERE city_id = 'h' AND kind = 'alarm.held'",
    );
    expect(rows[0]!.n).toBe(2);
  });
});
