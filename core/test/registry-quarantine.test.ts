/**
 * A sensor plugin whose decode keeps failing for a city is quarantined there: stored (so that a restart
 * keeps refusing it), an operator alarm raised, the archive told, other cities untouched — until the
 * city's administrator enables it again, which releases it and resolves the alarm.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltBundle } from '@fenghuo/sdk/bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { loadInventory } from '../src/catalog/load.js';
import { REPO_ROOT } from '../src/config.js';
import {
  buildPlugin,
  eventually,
  makeVendor,
  type Served,
  type SharedDatabase,
  sharedDatabase,
  signed,
  trustVendor,
  uploadJson,
} from './support/registry.js';

const RISK_TYPE = `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: 'q-gas', version: '1.0.0', domain: 'lifeline', name: { zh: '燃气', en: 'Gas' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`;
const RISK_TYPE_NEXT = RISK_TYPE.replace("version: '1.0.0'", "version: '1.1.0'");

/**
 * Decodes `{ v }`; answers the payload "bad" with something that is not a list of readings (a fault of
 * the plugin, which counts towards quarantine) and refuses the payload "garbage" by throwing (the decode
 * contract for a frame it cannot read, which does not count).
 */
const DECODER = `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: 'q-dec', version: '1.0.0', vendor: 'ACME', model: 'Q1',
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  decode(payload) {
    if (payload === 'bad') return 'not readings';
    if (payload === 'garbage') throw new Error('cannot read this frame');
    return [{ values: { ch4: payload.v } }];
  },
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
      riskType: 'q-gas',
      name: { zh: '1号井', en: 'Well 1' },
      ownerUnit: 'gasco',
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    },
  ],
  sensors: [{ id: 'DEV', objectId: 'W1', riskType: 'q-gas', metrics: ['ch4'], decoder: 'q-dec' }],
});

describe('quarantine of a failing plugin', () => {
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
  let db: SharedDatabase;
  let s: Served;
  let gas: BuiltBundle;
  let gasNext: BuiltBundle;
  let dec: BuiltBundle;
  const tok: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(join(root, 'none'));
    [gas, gasNext, dec] = await Promise.all([
      buildPlugin(root, 'gas', 'risk-type', RISK_TYPE),
      buildPlugin(root, 'gas-next', 'risk-type', RISK_TYPE_NEXT),
      buildPlugin(root, 'dec', 'sensor', DECODER),
    ]);
    db = sharedDatabase('reg_quarantine', { pluginsDir: join(root, 'none') });
    s = await db.open();
    const vendor = makeVendor('ACME Sensors');
    await trustVendor(s.core, vendor);
    for (const city of ['qa', 'qb']) {
      await s.core.db.query('INSERT INTO cities (id, name_zh, name_en) VALUES ($1, $1, $1)', [city]);
      for (const role of ['admin', 'device', 'viewer'] as const) {
        tok[`${role}:${city}`] = await createToken(s.core.db, city, role, `${role}-${city}`);
      }
    }
    for (const b of [gas, gasNext, dec]) {
      expect((await uploadJson(s.app, tok['admin:qa']!, signed(b, vendor))).statusCode).toBe(201);
    }
    for (const city of ['qa', 'qb']) {
      await loadInventory(s.core, inventory(city));
      const res = await s.app.inject({
        method: 'PATCH',
        url: '/api/v1/plugins/q-dec',
        headers: { authorization: `Bearer ${tok[`admin:${city}`]}` },
        payload: { enabled: true },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    // City B holds the older risk type: a restart must load that version too, not only the latest.
    const pin = await s.app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/q-gas',
      headers: { authorization: `Bearer ${tok['admin:qb']}` },
      payload: { pinnedVersion: '1.0.0' },
    });
    expect(pin.statusCode, pin.body).toBe(200);
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const as = (who: string) => ({ authorization: `Bearer ${tok[who]}` });
  const send = (city: string, payload: object | 'bad' | 'garbage') =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/raw/DEV',
      headers: {
        ...as(`device:${city}`),
        'content-type': typeof payload === 'string' ? 'text/plain' : 'application/json',
      },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });
  const operatorAlarms = async (city: string) =>
    (
      await s.app.inject({ method: 'GET', url: '/api/v1/operator-alarms', headers: as(`viewer:${city}`) })
    ).json().alarms as {
      kind: string;
      subject: string;
      status: string;
      level: string;
      data: Record<string, unknown>;
      resolvedBy: string | null;
    }[];
  const archived = async (city: string, kind: string) =>
    (
      await s.core.db.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM archive_events WHERE city_id = $1 AND kind = $2 ORDER BY id',
        [city, kind],
      )
    ).rows.map((r) => r.data);

  /** Five failing payloads in a row for the city, each refused as a decode failure. */
  async function failFiveTimes(city: string): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const res = await send(city, 'bad');
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'FH_INGEST_DECODE_FAILED',
        details: { cause: 'FH_SANDBOX_BAD_RESULT' },
      });
    }
    // The sandbox tells core, which stores the quarantine in the background.
    expect(await eventually(() => s.core.plugins.gate('q-dec', city).ok === false)).toBe(true);
  }

  it('does not quarantine a decoder for refusing payloads it cannot read', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await send('qa', 'garbage');
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'FH_INGEST_DECODE_FAILED',
        details: { cause: 'FH_SANDBOX_THREW' },
      });
    }
    expect((await send('qa', { v: 1 })).statusCode).toBe(200);
    expect(s.core.plugins.gate('q-dec', 'qa').ok).toBe(true);
    expect(s.core.sandbox.quarantined()).toEqual([]);
  });

  it('quarantines the plugin for the city after 5 failures in a row: stored, alarmed, archived, refused with 423', async () => {
    expect((await send('qa', { v: 1 })).statusCode).toBe(200);
    await failFiveTimes('qa');
    expect(s.core.plugins.gate('q-dec', 'qa')).toMatchObject({
      ok: false,
      reason: 'quarantined',
      quarantine: { version: '1.0.0', code: 'FH_SANDBOX_BAD_RESULT', failures: 5 },
    });
    const refused = await send('qa', { v: 2 });
    expect(refused.statusCode).toBe(423);
    expect(refused.json().error.code).toBe('FH_PLUGIN_QUARANTINED');

    const { rows } = await s.core.db.query<{ quarantined_version: string; enabled: boolean }>(
      "SELECT quarantined_version, enabled FROM city_plugins WHERE city_id = 'qa' AND plugin_id = 'q-dec'",
    );
    expect(rows).toEqual([{ quarantined_version: '1.0.0', enabled: true }]);
    expect(await operatorAlarms('qa')).toEqual([
      expect.objectContaining({
        kind: 'plugin.quarantined',
        subject: 'q-dec',
        status: 'open',
        level: 'orange',
        data: expect.objectContaining({ plugin: 'q-dec', version: '1.0.0', code: 'FH_SANDBOX_BAD_RESULT' }),
      }),
    ]);
    expect(await archived('qa', 'plugin.quarantined')).toEqual([
      expect.objectContaining({
        plugin: 'q-dec',
        version: '1.0.0',
        failures: 5,
        code: 'FH_SANDBOX_BAD_RESULT',
      }),
    ]);
  });

  it('leaves the other city running', async () => {
    const res = await send('qb', { v: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(s.core.plugins.gate('q-dec', 'qb').ok).toBe(true);
    expect(await operatorAlarms('qb')).toEqual([]);
  });

  it('still refuses it after a restart on the same database', async () => {
    await s.close();
    s = await db.open();
    expect(s.core.sandbox.quarantined()).toEqual([]); // nothing in memory: the store holds it
    const refused = await send('qa', { v: 2 });
    expect(refused.statusCode, refused.body).toBe(423);
    expect(refused.json().error.code).toBe('FH_PLUGIN_QUARANTINED');
    expect((await send('qb', { v: 3 })).statusCode).toBe(200);
    expect((await operatorAlarms('qa'))[0]?.status).toBe('open');
    // The other choices came back from the store as well.
    expect(s.core.plugins.get('q-gas', 'qb')?.def.version).toBe('1.0.0');
    expect(s.core.plugins.get('q-gas', 'qa')?.def.version).toBe('1.1.0');
    expect(
      s.core.sandbox
        .loaded()
        .map((l) => l.key)
        .sort(),
    ).toEqual(['q-dec@1.0.0', 'q-gas@1.0.0', 'q-gas@1.1.0']);
  });

  it('releases it when the city’s administrator enables it again, resolving the operator alarm', async () => {
    const res = await s.app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/q-dec',
      headers: as('admin:qa'),
      payload: { enabled: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ enabled: true, active: true, quarantine: null });
    expect(await operatorAlarms('qa')).toEqual([
      expect.objectContaining({ kind: 'plugin.quarantined', status: 'resolved', resolvedBy: 'admin-qa' }),
    ]);
    expect(await archived('qa', 'plugin.released')).toHaveLength(1);
    const ok = await send('qa', { v: 4 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ accepted: 1, decoded: 1 });
    // A failure again counts from zero.
    expect((await send('qa', 'bad')).json().error.code).toBe('FH_INGEST_DECODE_FAILED');
    expect((await send('qa', { v: 5 })).statusCode).toBe(200);
  });

  it('releases a quarantine raised by the running process itself', async () => {
    await failFiveTimes('qb');
    expect(s.core.sandbox.isQuarantined('qb', 'q-dec@1.0.0')).toBe(true);
    expect((await send('qb', { v: 6 })).json().error.code).toBe('FH_PLUGIN_QUARANTINED');
    const res = await s.app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/q-dec',
      headers: as('admin:qb'),
      payload: { enabled: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(s.core.sandbox.isQuarantined('qb', 'q-dec@1.0.0')).toBe(false);
    expect((await send('qb', { v: 6 })).statusCode).toBe(200);
    expect((await operatorAlarms('qb')).map((a) => a.status)).toEqual(['resolved']);
  });
});
