/**
 * Analysis through the sandbox: plugins loaded from a folder are bundled and run in isolated-vm. A
 * hostile plugin (an endless loop in `analyze`) is stopped with a coded error recorded on the event,
 * while ingest and every other plugin keep working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAnalyze } from '../src/analysis/run.js';
import { REPO_ROOT } from '../src/config.js';
import { emptyBatch, type Rejection, validateReadings } from '../src/ingest/batch.js';
import { ingestWriter } from '../src/ingest/http.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { writePluginPackage } from './support/raw-plugins.js';

// Inside the workspace so that the plugins resolve `@fenghuo/sdk` like real packages.
const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));

function plugin(name: string, analyzeBody: string): void {
  writePluginPackage(
    root,
    name,
    'risk-type',
    `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: '${name}', version: '1.0.0', domain: 'lifeline', name: { zh: '测试', en: 'Test' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  async analyze(event, ctx) { ${analyzeBody} },
  warning: {
    title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}} at {{objectEn}}' },
    body: { zh: '甲烷 {{value}}', en: 'methane {{value}}' },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
`,
  );
}

describe('analysis in the sandbox', () => {
  let core: TestCore;

  beforeAll(async () => {
    plugin(
      'calm',
      `const near = await ctx.within(500); return { tier: 'yellow', findings: [{ zh: '附近 ' + near.length, en: 'near ' + near.length }], actions: [] };`,
    );
    plugin('hostile', 'for (;;) {}');
    core = await makeTestCore('sandboxed', { config: { pluginsDir: root, runJobs: false } });
    await core.db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('c', '测试市', 'Test')");
    for (const [i, rt] of ['calm', 'hostile'].entries()) {
      await core.db.query(
        `INSERT INTO objects (city_id, id, kind, role, risk_type, name_zh, name_en, geometry, lon, lat)
         VALUES ('c', $1, 'well', 'monitored', $2, '井', 'Well', '{"type":"Point","coordinates":[120.15,30.27]}', 120.15, 30.27)`,
        [`W${i}`, rt],
      );
      await core.db.query(
        `INSERT INTO sensors (city_id, id, object_id, risk_type, metrics, lon, lat) VALUES ('c', $1, $2, $3, '{ch4}', 120.15, 30.27)`,
        [`S${i}`, `W${i}`, rt],
      );
    }
    await core.sensors.reload();
  });
  afterAll(async () => {
    await ingestWriter(core).close();
    await core.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  async function ingest(sensor: string, value: number, agoMs: number): Promise<void> {
    const b = emptyBatch(1);
    const rejected: Rejection[] = [];
    validateReadings(
      core.sensors,
      [{ sensor, ts: new Date(Date.now() - agoMs).toISOString(), values: { ch4: value } }],
      { city: 'c', nowMs: Date.now(), futureToleranceMs: 60_000, maxAgeMs: 86_400_000 },
      b,
      rejected,
    );
    expect(rejected).toEqual([]);
    await ingestWriter(core).write(b);
  }
  const alarmOf = async (sensor: string) =>
    (await core.db.query<{ id: string }>('SELECT id::text FROM alarms WHERE sensor_id = $1', [sensor]))
      .rows[0]!.id;

  it('loads the plugins of the folder into the sandbox', () => {
    expect(core.plugins.get('calm')?.sandboxKey).toBe('calm@1.0.0');
    expect(core.plugins.get('hostile')?.sandboxKey).toBe('hostile@1.0.0');
  });

  it('runs a plugin analysis inside the sandbox and stores its warning', async () => {
    await ingest('S0', 60, 5000);
    await handleAnalyze(core, { alarmId: await alarmOf('S0') }, { timeoutMs: 5000 });
    const { rows } = await core.db.query<{ tier: string; title_en: string }>(
      "SELECT tier, title_en FROM warnings WHERE risk_type = 'calm'",
    );
    expect(rows).toEqual([{ tier: 'yellow', title_en: 'Yellow warning at Well' }]);
    expect(core.sandbox.stats('calm@1.0.0')?.calls).toBe(1);
  });

  it('stops an endless analysis with FH_SANDBOX_TIMEOUT on the event while ingest goes on', async () => {
    await ingest('S1', 60, 5000);
    const id = await alarmOf('S1');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    // Readings keep being stored while the plugin spins.
    const during = Promise.all([ingest('S0', 1, 4000), ingest('S0', 2, 3000)]);
    await handleAnalyze(core, { alarmId: id }, { timeoutMs: 5000 });
    clearInterval(timer);
    await during;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ticks).toBeGreaterThan(10);
    const { rows } = await core.db.query<{ data: { code: string } }>(
      "SELECT data FROM archive_events WHERE alarm_id = $1::bigint AND kind = 'analysis.failed'",
      [id],
    );
    expect(rows[0]?.data.code).toBe('FH_SANDBOX_TIMEOUT');
    expect((await core.db.query("SELECT 1 FROM warnings WHERE risk_type = 'hostile'")).rows).toHaveLength(0);
    // The other plugin still works.
    await handleAnalyze(core, { alarmId: await alarmOf('S0') }, { timeoutMs: 5000 });
    expect(core.sandbox.stats('calm@1.0.0')?.calls).toBe(2);
  });
});
