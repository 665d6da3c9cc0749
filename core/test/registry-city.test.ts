/**
 * Each city decides about an installed plugin on its own: an uploaded plugin waits for the city's
 * administrator to enable it; a city may hold a version (pin) while others follow the latest, roll back,
 * and give a risk type its own config, which `analyze` receives. What a city's token lists and audits
 * is that city's (and the platform's), never another city's.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltBundle } from '@fenghuo/sdk/bundle';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleAnalyze } from '../src/analysis/run.js';
import { buildServer } from '../src/api/server.js';
import { createToken, type Role } from '../src/auth/tokens.js';
import { loadInventory } from '../src/catalog/load.js';
import { REPO_ROOT } from '../src/config.js';
import { ingestWriter } from '../src/ingest/http.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { buildPlugin, makeVendor, signed, trustVendor, uploadJson, type Vendor } from './support/registry.js';

/** A risk type whose findings repeat its config, so that a test sees which config `analyze` got. */
const RISK_TYPE = `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: 'cty-gas', version: '1.0.0', domain: 'lifeline', name: { zh: '城市燃气', en: 'City gas' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: {
    ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
    battery: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '电量', en: 'Battery' } },
  },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  config: Type.Object({ label: Type.String({ minLength: 1 }), factor: Type.Number({ minimum: 1, maximum: 10 }) }),
  defaults: { label: 'default', factor: 2 },
  analyze(event, ctx, config) {
    return { tier: 'yellow', findings: [{ zh: '标签 ' + config.label, en: 'label ' + config.label + ' x' + config.factor }], actions: [] };
  },
  warning: {
    title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}} at {{objectEn}}' },
    body: { zh: '甲烷 {{value}}', en: 'methane {{value}}' },
    instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
  },
});
`;

/** A sensor plugin whose battery reading says which version decoded: 10 × the major version. */
const decoder = (major: number) => `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: 'cty-dec', version: '${major}.0.0', vendor: 'ACME', model: 'C${major}',
  metrics: {
    ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } },
    battery: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%', name: { zh: '电量', en: 'Battery' } },
  },
  decode(payload) { return [{ ts: payload.ts, values: { ch4: payload.v, battery: ${major * 10} } }]; },
});
`;

const inventory = (city: string) => ({
  city: { id: city, name: { zh: `${city}市`, en: `City ${city}` } },
  units: [{ id: 'gasco', kind: 'owner', name: { zh: '燃气公司', en: 'Gas company' } }],
  objects: [
    {
      id: 'W1',
      kind: 'well',
      role: 'monitored',
      riskType: 'cty-gas',
      name: { zh: '1号井', en: 'Well 1' },
      ownerUnit: 'gasco',
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    },
  ],
  sensors: [
    { id: 'DEV', objectId: 'W1', riskType: 'cty-gas', metrics: ['ch4', 'battery'], decoder: 'cty-dec' },
    { id: 'PLAIN', objectId: 'W1', riskType: 'cty-gas', metrics: ['ch4'] },
  ],
});

describe('a city’s plugins', () => {
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
  let core: TestCore;
  let app: FastifyInstance;
  let acme: Vendor;
  let gas: BuiltBundle;
  let dec1: BuiltBundle;
  let dec2: BuiltBundle;
  const tok: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(join(root, 'none'));
    [gas, dec1, dec2] = await Promise.all([
      buildPlugin(root, 'gas', 'risk-type', RISK_TYPE),
      buildPlugin(root, 'dec1', 'sensor', decoder(1)),
      buildPlugin(root, 'dec2', 'sensor', decoder(2)),
    ]);
    core = await makeTestCore('reg_city', { config: { pluginsDir: join(root, 'none'), runJobs: false } });
    app = await buildServer(core);
    acme = makeVendor('ACME Sensors');
    await trustVendor(core, acme);
    await core.db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('pub', '发布', 'Publishers')");
    tok['publisher'] = await createToken(core.db, 'pub', 'publisher', 'acme-ci');
    for (const up of [signed(gas, acme), signed(dec1, acme)]) {
      const res = await uploadJson(app, tok['publisher'], up);
      expect(res.statusCode, res.body).toBe(201);
    }
    for (const city of ['ca', 'cb']) {
      await loadInventory(core, inventory(city));
      for (const role of ['admin', 'operator', 'viewer', 'device'] as Role[]) {
        tok[`${role}:${city}`] = await createToken(core.db, city, role, `${role}-${city}`);
      }
    }
  });
  afterAll(async () => {
    await app?.close();
    if (core) await ingestWriter(core).close();
    await core?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const as = (who: string) => ({ authorization: `Bearer ${tok[who]}` });
  // Each payload carries its own, later time: two decoded in the same millisecond stay two readings.
  const firstTs = Date.now() - 600_000;
  let sent = 0;
  const raw = (city: string, v: number) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/raw/DEV',
      headers: { ...as(`device:${city}`), 'content-type': 'application/json' },
      payload: { v, ts: new Date(firstTs + ++sent * 1000).toISOString() },
    });
  const patch = (who: string, id: string, body: object) =>
    app.inject({ method: 'PATCH', url: `/api/v1/plugins/${id}`, headers: as(who), payload: body });
  /** The battery readings stored for a city's DEV sensor, oldest first: 10 per major version that decoded. */
  const batteries = async (city: string) =>
    (
      await core.db.query<{ value: number }>(
        `SELECT r.value FROM readings r JOIN sensors s ON s.sid = r.sid JOIN metrics m ON m.id = r.metric
          WHERE s.city_id = $1 AND s.id = 'DEV' AND m.key = 'battery' ORDER BY r.ts`,
        [city],
      )
    ).rows.map((r) => r.value);
  /** Decode one payload for the city: the battery value the serving version wrote. */
  const decodeWith = async (city: string): Promise<number> => {
    const res = await raw(city, 1);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 2, decoded: 1 });
    return (await batteries(city)).at(-1)!;
  };
  const archived = async (city: string, kind: string) =>
    (
      await core.db.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM archive_events WHERE city_id = $1 AND kind = $2 ORDER BY id',
        [city, kind],
      )
    ).rows.map((r) => r.data);

  it('keeps an uploaded sensor plugin disabled in every city until its administrator enables it', async () => {
    for (const city of ['ca', 'cb']) {
      const res = await raw(city, 1);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'FH_PLUGIN_DISABLED' });
      expect(res.json().error.message).toContain(`city ${city}`);
    }
    expect(await batteries('ca')).toEqual([]);
    const view = await app.inject({
      method: 'GET',
      url: '/api/v1/plugins/cty-dec',
      headers: as('viewer:ca'),
    });
    expect(view.json()).toMatchObject({ city: 'ca', enabled: false, active: false, version: '1.0.0' });
  });

  it('lets only the city’s administrator change its plugins', async () => {
    for (const who of ['publisher', 'viewer:ca', 'operator:ca', 'device:ca']) {
      const res = await patch(who, 'cty-dec', { enabled: true });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('FH_AUTH_FORBIDDEN');
    }
    expect(core.plugins.gate('cty-dec', 'ca')).toMatchObject({ ok: false, reason: 'disabled' });
    const noToken = await app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/cty-dec',
      payload: { enabled: true },
    });
    expect(noToken.statusCode).toBe(401);
    // An administrator's malformed or misdirected change is refused too.
    const unknownField = await patch('admin:ca', 'cty-dec', { enabled: true, version: '1.0.0' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.code).toBe('FH_API_BAD_REQUEST');
    const unknownPlugin = await patch('admin:ca', 'no-such-plugin', { enabled: true });
    expect(unknownPlugin.statusCode).toBe(404);
    expect(unknownPlugin.json().error.code).toBe('FH_PLUGIN_NOT_FOUND');
    expect(core.plugins.state('cty-dec', 'ca')).toBeNull();
  });

  it('decodes and stores raw payloads once the city enables the plugin, while the other city stays disabled', async () => {
    const res = await patch('admin:ca', 'cty-dec', { enabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: 'cty-dec', enabled: true, active: true, version: '1.0.0' });
    expect(await decodeWith('ca')).toBe(10);
    const other = await raw('cb', 1);
    expect(other.json().error.code).toBe('FH_PLUGIN_DISABLED');
    expect(await archived('ca', 'plugin.enabled')).toEqual([
      expect.objectContaining({ plugin: 'cty-dec', version: '1.0.0' }),
    ]);
    expect(await archived('cb', 'plugin.enabled')).toEqual([]);
  });

  it('keeps a city that pinned a version on it when a newer one is uploaded, while another city follows the latest', async () => {
    const pin = await patch('admin:ca', 'cty-dec', { pinnedVersion: '1.0.0' });
    expect(pin.statusCode, pin.body).toBe(200);
    expect(pin.json()).toMatchObject({ pinnedVersion: '1.0.0', version: '1.0.0' });
    const unknown = await patch('admin:ca', 'cty-dec', { pinnedVersion: '9.9.9' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('FH_PLUGIN_VERSION_NOT_FOUND');

    const up = await uploadJson(app, tok['publisher']!, signed(dec2, acme));
    expect(up.statusCode, up.body).toBe(201);
    expect((await patch('admin:cb', 'cty-dec', { enabled: true })).statusCode).toBe(200);

    expect(await decodeWith('ca')).toBe(10);
    expect(await decodeWith('cb')).toBe(20);
    const listA = (
      await app.inject({ method: 'GET', url: '/api/v1/plugins', headers: as('viewer:ca') })
    ).json();
    expect(listA.plugins.find((p: { id: string }) => p.id === 'cty-dec')).toMatchObject({
      version: '1.0.0',
      latestVersion: '2.0.0',
      pinnedVersion: '1.0.0',
      versions: [
        expect.objectContaining({ version: '1.0.0' }),
        expect.objectContaining({ version: '2.0.0' }),
      ],
    });
  });

  it('rolls a city back to the version before the one it runs, and says so in the audit and the archive', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/plugins/cty-dec/rollback',
      headers: as('admin:cb'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: '1.0.0', pinnedVersion: '1.0.0', latestVersion: '2.0.0' });
    expect(await decodeWith('cb')).toBe(10);
    const { rows } = await core.db.query<{ actor: string; version: string; data: object }>(
      "SELECT actor, version, data FROM plugin_audit WHERE city_id = 'cb' AND action = 'rolled_back'",
    );
    expect(rows).toEqual([{ actor: 'admin-cb', version: '1.0.0', data: { from: '2.0.0', to: '1.0.0' } }]);
    expect(await archived('cb', 'plugin.rolled_back')).toEqual([
      expect.objectContaining({ plugin: 'cty-dec', from: '2.0.0', to: '1.0.0' }),
    ]);
    // City A, unpinned, follows the latest again.
    expect((await patch('admin:ca', 'cty-dec', { pinnedVersion: null })).json()).toMatchObject({
      version: '2.0.0',
    });
    expect(await decodeWith('ca')).toBe(20);
  });

  it('refuses to roll back from the oldest version with FH_PLUGIN_NO_ROLLBACK', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/plugins/cty-dec/rollback',
      headers: as('admin:cb'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FH_PLUGIN_NO_ROLLBACK');
    expect(core.plugins.state('cty-dec', 'cb')?.pinnedVersion).toBe('1.0.0');
  });

  it('checks a city’s config against the risk type’s schema and gives analyze that city’s config', async () => {
    const bad = await patch('admin:ca', 'cty-gas', { config: { factor: 50, label: '' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('FH_PLUGIN_CONFIG_INVALID');
    const problems = bad.json().error.details as string[];
    expect(problems.some((p) => p.startsWith('/factor:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('/label:'))).toBe(true);
    const onSensor = await patch('admin:ca', 'cty-dec', { config: { factor: 3 } });
    expect(onSensor.json().error.code).toBe('FH_PLUGIN_CONFIG_INVALID');

    const good = await patch('admin:ca', 'cty-gas', { enabled: true, config: { label: 'east', factor: 3 } });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ enabled: true, config: { label: 'east', factor: 3 } });

    const alarms: Record<string, string> = {};
    for (const city of ['ca', 'cb']) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/readings',
        headers: as(`device:${city}`),
        payload: { sensor: 'PLAIN', ts: new Date(Date.now() - 1000).toISOString(), values: { ch4: 60 } },
      });
      expect(res.statusCode, res.body).toBe(200);
      const alarm = (
        await core.db.query<{ id: string }>(
          "SELECT id::text FROM alarms WHERE city_id = $1 AND sensor_id = 'PLAIN'",
          [city],
        )
      ).rows[0]!.id;
      alarms[city] = alarm;
      await handleAnalyze(core, { alarmId: alarm }, { timeoutMs: 5000 });
    }
    // City B has not enabled the uploaded risk type: its analysis does not run.
    expect((await archived('cb', 'analysis.failed')).map((d) => d['code'])).toEqual(['FH_PLUGIN_DISABLED']);
    expect((await patch('admin:cb', 'cty-gas', { enabled: true })).statusCode).toBe(200);
    await handleAnalyze(core, { alarmId: alarms['cb']! }, { timeoutMs: 5000 });
    const findings = async (city: string) =>
      (await archived(city, 'analysis.completed')).map((d) => (d['findings'] as { en: string }[])[0]!.en);
    expect(await findings('ca')).toEqual(['label east x3']);
    expect(await findings('cb')).toEqual(['label default x2']);
  });

  it('lists for a token what its own city sees, and nothing of another city’s choices', async () => {
    const list = async (who: string) =>
      app.inject({ method: 'GET', url: '/api/v1/plugins', headers: as(who) });
    const a = await list('viewer:ca');
    const b = await list('viewer:cb');
    expect(a.json().city).toBe('ca');
    expect(b.json().city).toBe('cb');
    const gasOf = (res: typeof a) => res.json().plugins.find((p: { id: string }) => p.id === 'cty-gas');
    expect(gasOf(a)).toMatchObject({ enabled: true, config: { label: 'east', factor: 3 } });
    expect(gasOf(b)).toMatchObject({ enabled: true, config: null });
    expect(b.body).not.toContain('east');
    const decOf = (res: typeof a) => res.json().plugins.find((p: { id: string }) => p.id === 'cty-dec');
    expect(decOf(a)).toMatchObject({ version: '2.0.0', pinnedVersion: null });
    expect(decOf(b)).toMatchObject({ version: '1.0.0', pinnedVersion: '1.0.0' });
    // A publisher uploads; it does not read a city's plugins.
    expect((await list('publisher')).statusCode).toBe(403);
  });

  it('shows a city the platform’s audit entries and its own, never another city’s', async () => {
    const audit = async (who: string) =>
      (await app.inject({ method: 'GET', url: '/api/v1/plugins/cty-dec/audit', headers: as(who) })).json()
        .entries as { city: string | null; action: string; version: string | null }[];
    const a = await audit('viewer:ca');
    const b = await audit('viewer:cb');
    expect(new Set(a.map((e) => e.city))).toEqual(new Set([null, 'ca']));
    expect(new Set(b.map((e) => e.city))).toEqual(new Set([null, 'cb']));
    const published = a.filter((e) => e.action === 'published').map((e) => e.version);
    expect(published.sort()).toEqual(['1.0.0', '2.0.0']);
    expect(
      a
        .filter((e) => e.city === 'ca')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['enabled', 'pinned', 'unpinned']);
    expect(
      b
        .filter((e) => e.city === 'cb')
        .map((e) => e.action)
        .sort(),
    ).toEqual(['enabled', 'rolled_back']);
    // Newest first.
    expect(a[0]!.action).toBe('unpinned');
  });
});
