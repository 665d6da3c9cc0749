/**
 * Every scripted incident of the demo (`catalog/demo-incidents.yaml`), played by the simulator through the
 * real HTTP ingest into the demo city with the shipped plugins, at the demo's own pace (a reading every
 * 5 s). For each: an alarm and a warning for every risk type it names, texts in Chinese and English that
 * say where, how bad and what to do, no alarm anywhere else, and its alarms cleared after it. Before
 * them, two quiet minutes in which no sensor of the city alarms at all.
 *
 * Analyses read the time of day (a restaurant open or closed, a coach at night, the crowd's daily
 * pattern), so the schedule starts at a fixed local time the day before: 10:00 in the city
 * (Asia/Shanghai), or `FENGHUO_DEMO_LOCAL_START=HH:MM`.
 *
 * `FENGHUO_DEMO_INCIDENTS=id,id` plays only those; `FENGHUO_DEMO_REPORT=<file>` writes what each incident
 * raised (alarms, warnings with their texts) as JSON, for reading the texts as a duty officer would.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { DEMO_CITY_FILE, DEMO_SCRIPT_FILE } from '../src/cli.js';
import { REPO_ROOT } from '../src/config.js';
import { type JobsHandle, startJobs } from '../src/jobs/start.js';
import { readScript, schedule } from '../src/sim/script.js';
import { createSimulator, type Simulator } from '../src/sim/simulator.js';
import { makeTestCore, type TestCore } from './helpers.js';

const script = readScript(DEMO_SCRIPT_FILE, null);
const only = process.env.FENGHUO_DEMO_INCIDENTS?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const played = only ? script.incidents.filter((i) => only.includes(i.id)) : script.incidents;
const PERIOD_MS = 5_000;
const QUIET_MS = 120_000;
/** After an incident's last step, this long of normal readings: its alarms must have cleared by then. */
const AFTER_MS = 60_000;
const CJK = /[\u4e00-\u9fff]/;

interface AlarmRow {
  id: string;
  sensor_id: string;
  object_id: string;
  risk_type: string;
  metric: string;
  max_level: string;
  status: string;
  reading_ts: Date;
}
interface WarningRow {
  alarm_id: string;
  risk_type: string;
  object_id: string;
  tier: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  instructions_zh: string;
  instructions_en: string;
  findings: { zh: string; en: string }[];
  targets: { id: string }[];
  name_zh: string;
  name_en: string;
}

describe('the demo city’s scripted incidents', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let sim: Simulator;
  let jobs: JobsHandle | undefined;
  const report: Record<string, unknown> = {};
  // The whole schedule lies in the past (every reading accepted), from a fixed local time of yesterday.
  const plan = schedule(played, 1_000);
  const t0 = localStartYesterday(process.env.FENGHUO_DEMO_LOCAL_START ?? '10:00');

  beforeAll(async () => {
    // Ingest refuses readings from the future: the whole cycle must be over by now.
    if (t0 + QUIET_MS + plan.cycleMs > Date.now())
      throw new Error(
        `the demo cycle (${Math.round(plan.cycleMs / 60_000)} min) does not fit since ${new Date(t0).toISOString()}`,
      );
    core = await makeTestCore('demo-incidents');
    await loadInventory(core, DEMO_CITY_FILE);
    app = await buildServer(core);
    await app.listen({ port: 0, host: '127.0.0.1' });
    jobs = await startJobs(core, {}, { pollMs: 50, offlineScanEveryMs: 0 });
    sim = await createSimulator(core, {
      baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
      token: 'demo-device-token',
      periodMs: PERIOD_MS,
      firstIncidentAfterMs: QUIET_MS,
      incidentEveryMs: 1_000,
      startMs: t0,
      script,
      incidents: played.map((i) => i.id),
    });
  }, 120_000);
  afterAll(async () => {
    if (process.env.FENGHUO_DEMO_REPORT)
      writeFileSync(process.env.FENGHUO_DEMO_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    await sim?.stop();
    await jobs?.stop();
    await app?.close();
    await core?.dispose();
  });

  const ticks = async (from: number, to: number) => {
    for (let t = from; t < to; t += PERIOD_MS) {
      const r = await sim.tick(t);
      expect(r.rejected, `readings rejected at ${new Date(t).toISOString()}`).toBe(0);
    }
  };
  const alarmsBetween = async (from: number, to: number) =>
    (
      await core.db.query<AlarmRow>(
        `SELECT id::text AS id, sensor_id, object_id, risk_type, metric, max_level, status, reading_ts
           FROM alarms WHERE city_id = 'demo' AND reading_ts >= $1 AND reading_ts < $2 ORDER BY alarms.id`,
        [new Date(from), new Date(to)],
      )
    ).rows;

  it('covers every installed risk type', () => {
    if (only) return;
    const covered = new Set(script.incidents.flatMap((i) => i.riskTypes));
    const missing = [...core.plugins.riskTypes.keys()].filter((id) => !covered.has(id)).sort();
    expect(missing).toEqual([]);
  });

  it('is named in the README of every risk type it plays, for the engineer who wants to watch it', () => {
    const missing = script.incidents.flatMap((i) =>
      i.riskTypes
        .filter(
          (rt) => !readFileSync(join(REPO_ROOT, 'plugins', rt, 'README.md'), 'utf8').includes(`\`${i.id}\``),
        )
        .map((rt) => `plugins/${rt}/README.md: ${i.id}`),
    );
    expect(missing).toEqual([]);
  });

  it('raises nothing while nothing happens: weeks of history, then two quiet minutes at the baselines', async () => {
    const history = await sim.backfill();
    expect(history.readings).toBeGreaterThan(0);
    expect(history.rejected).toBe(0);
    await ticks(t0, t0 + QUIET_MS);
    const alarms = await alarmsBetween(t0, t0 + QUIET_MS);
    expect(alarms.map((a) => `${a.sensor_id}/${a.metric} ${a.max_level}`)).toEqual([]);
  }, 120_000);

  for (const [n, incident] of played.entries()) {
    it(`${incident.id}: ${incident.title.en}`, async () => {
      const run = sim.schedule[n]!;
      const start = t0 + QUIET_MS + run.offsetMs;
      const end = start + run.durationMs;
      await ticks(start, end + AFTER_MS);
      const touched = new Set(incident.steps.map((s) => s.sensor));
      // The analyses run as jobs: wait until every risk type named has its warning.
      let warnings: WarningRow[] = [];
      let alarms: AlarmRow[] = [];
      const deadline = Date.now() + 30_000;
      for (;;) {
        alarms = await alarmsBetween(start, end + AFTER_MS);
        warnings = (
          await core.db.query<WarningRow>(
            `SELECT w.alarm_id::text AS alarm_id, w.risk_type, w.object_id, w.tier, w.title_zh, w.title_en,
                    w.body_zh, w.body_en, w.instructions_zh, w.instructions_en, w.findings, w.targets,
                    o.name_zh, o.name_en
               FROM warnings w JOIN objects o ON o.city_id = w.city_id AND o.id = w.object_id
              WHERE w.city_id = 'demo' AND w.alarm_id = ANY($1::bigint[]) ORDER BY w.id`,
            [alarms.map((a) => a.id)],
          )
        ).rows;
        const warned = new Set(warnings.map((w) => w.risk_type));
        if (incident.riskTypes.every((rt) => warned.has(rt)) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      report[incident.id] = {
        title: incident.title,
        alarms: alarms.map((a) => ({
          sensor: a.sensor_id,
          metric: a.metric,
          riskType: a.risk_type,
          maxLevel: a.max_level,
          status: a.status,
        })),
        warnings: warnings.map((w) => ({
          riskType: w.risk_type,
          object: w.object_id,
          tier: w.tier,
          title: { zh: w.title_zh, en: w.title_en },
          body: { zh: w.body_zh, en: w.body_en },
          instructions: { zh: w.instructions_zh, en: w.instructions_en },
          findings: w.findings,
          targets: w.targets.map((t) => t.id),
        })),
      };
      // No alarm on a sensor the incident does not touch: the rest of the city stays at its baseline.
      expect(
        alarms.filter((a) => !touched.has(a.sensor_id)).map((a) => `${a.sensor_id}/${a.metric}`),
      ).toEqual([]);
      for (const rt of incident.riskTypes) {
        expect(
          alarms.some((a) => a.risk_type === rt),
          `an alarm of ${rt}`,
        ).toBe(true);
        const mine = warnings.filter((w) => w.risk_type === rt);
        expect(mine.length, `a warning of ${rt}`).toBeGreaterThan(0);
        for (const w of mine) {
          const where = `${rt} warning on ${w.object_id}`;
          // What happened and where, in both languages: the object is named in the title or the body.
          expect(`${w.title_zh}\n${w.body_zh}`, where).toContain(w.name_zh);
          expect(`${w.title_en}\n${w.body_en}`, where).toContain(w.name_en);
          for (const zh of [w.title_zh, w.body_zh, w.instructions_zh]) expect(zh, where).toMatch(CJK);
          for (const en of [w.title_en, w.body_en, w.instructions_en]) {
            expect(en.trim().length, where).toBeGreaterThan(0);
            expect(en, where).not.toMatch(CJK);
          }
          // How bad, and what is concluded: findings in both languages.
          expect(w.findings.length, where).toBeGreaterThan(0);
          for (const f of w.findings) {
            expect(f.zh, where).toMatch(CJK);
            expect(f.en.trim().length, where).toBeGreaterThan(0);
          }
        }
      }
      // After the incident and a quiet minute, its alarms have cleared.
      const open = (await alarmsBetween(start, end + AFTER_MS)).filter(
        (a) => a.status === 'raised' || a.status === 'acknowledged',
      );
      expect(open.map((a) => `${a.sensor_id}/${a.metric} ${a.max_level}`)).toEqual([]);
    }, 240_000);
  }
});

/** `HH:MM` in the city (UTC+8) on the day before today, as ms since the epoch. */
function localStartYesterday(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`FENGHUO_DEMO_LOCAL_START must be HH:MM, not "${hhmm}"`);
  const offset = 8 * 3_600_000;
  const localMidnight = Math.floor((Date.now() + offset) / 86_400_000) * 86_400_000 - offset;
  return localMidnight - 86_400_000 + (Number(m[1]) * 60 + Number(m[2])) * 60_000;
}
