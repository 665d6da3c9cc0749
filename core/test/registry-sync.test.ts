/**
 * Two processes on one PostgreSQL schema: what one installs or changes in the registry, the other serves
 * after the `plugins` announcement (LISTEN/NOTIFY) — an upload, a city enabling it, a quarantine and
 * its release. PostgreSQL only: embedded PGlite has one process.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { loadInventory } from '../src/catalog/load.js';
import { REPO_ROOT } from '../src/config.js';
import { type SensorSync, startSensorSync } from '../src/rules/sync.js';
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
  id: 'x-gas', version: '1.0.0', domain: 'lifeline', name: { zh: '燃气', en: 'Gas' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`;

const DECODER = `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: 'x-dec', version: '1.0.0', vendor: 'ACME', model: 'X1',
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  decode(payload) {
    if (payload === 'bad') return 'not readings';
    return [{ values: { ch4: payload.v } }];
  },
});
`;

const inventory = {
  city: { id: 'xs', name: { zh: '同步市', en: 'Sync City' } },
  units: [{ id: 'gasco', kind: 'owner', name: { zh: '燃气公司', en: 'Gas company' } }],
  objects: [
    {
      id: 'W1',
      kind: 'well',
      role: 'monitored',
      riskType: 'x-gas',
      name: { zh: '1号井', en: 'Well 1' },
      ownerUnit: 'gasco',
      geometry: { type: 'Point', coordinates: [120.15, 30.27] },
    },
  ],
  sensors: [{ id: 'DEV', objectId: 'W1', riskType: 'x-gas', metrics: ['ch4'], decoder: 'x-dec' }],
};

describe.runIf(process.env.DATABASE_URL)('the registry across processes', () => {
  let root: string;
  let db: SharedDatabase;
  let a: Served;
  let b: Served;
  const syncs: SensorSync[] = [];
  const tok: Record<string, string> = {};

  beforeAll(async () => {
    root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
    mkdirSync(join(root, 'none'));
    db = sharedDatabase('reg_sync', { pluginsDir: join(root, 'none') });
    a = await db.open();
    b = await db.open();
    syncs.push(await startSensorSync(a.core), await startSensorSync(b.core));
    await a.core.db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('xs', '同步市', 'Sync City')");
    for (const role of ['admin', 'device', 'viewer'] as const) {
      tok[role] = await createToken(a.core.db, 'xs', role, `${role}-xs`);
    }
  });
  afterAll(async () => {
    for (const s of syncs) await s.stop();
    await db?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const as = (role: string) => ({ authorization: `Bearer ${tok[role]}` });
  const send = (s: Served, payload: object | 'bad'): Promise<LightMyRequestResponse> =>
    s.app.inject({
      method: 'POST',
      url: '/api/v1/raw/DEV',
      headers: { ...as('device'), 'content-type': payload === 'bad' ? 'text/plain' : 'application/json' },
      payload: payload === 'bad' ? 'bad' : JSON.stringify(payload),
    });
  const answers = (s: Served, payload: object, code: number | string) =>
    eventually(async () => {
      const res = await send(s, payload);
      return typeof code === 'number' ? res.statusCode === code : res.json().error?.code === code;
    });

  it('serves on process B a plugin uploaded and enabled on process A', async () => {
    const vendor = makeVendor('ACME Sensors');
    await trustVendor(a.core, vendor);
    const [gas, dec] = await Promise.all([
      buildPlugin(root, 'gas', 'risk-type', RISK_TYPE),
      buildPlugin(root, 'dec', 'sensor', DECODER),
    ]);
    for (const built of [gas, dec]) {
      const res = await uploadJson(a.app, tok['admin']!, signed(built, vendor));
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(await eventually(() => b.core.plugins.sensor('x-dec') !== undefined)).toBe(true);
    expect(b.core.sandbox.loaded().map((l) => l.key)).toContain('x-dec@1.0.0');

    await loadInventory(a.core, inventory);
    expect(await answers(b, { v: 1 }, 'FH_PLUGIN_DISABLED')).toBe(true);
    const enable = await a.app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/x-dec',
      headers: as('admin'),
      payload: { enabled: true },
    });
    expect(enable.statusCode, enable.body).toBe(200);
    expect(await answers(b, { v: 1 }, 200)).toBe(true);
    const view = await b.app.inject({ method: 'GET', url: '/api/v1/plugins/x-dec', headers: as('viewer') });
    expect(view.json()).toMatchObject({ enabled: true, active: true });
  });

  it('refuses on B a plugin that A quarantined, and serves it on A again once B releases it', async () => {
    for (let i = 0; i < 5; i++) expect((await send(a, 'bad')).statusCode).toBe(422);
    expect(await eventually(() => a.core.plugins.gate('x-dec', 'xs').ok === false)).toBe(true);
    expect(await answers(b, { v: 2 }, 'FH_PLUGIN_QUARANTINED')).toBe(true);

    const release = await b.app.inject({
      method: 'PATCH',
      url: '/api/v1/plugins/x-dec',
      headers: as('admin'),
      payload: { enabled: true },
    });
    expect(release.statusCode, release.body).toBe(200);
    expect(await answers(b, { v: 3 }, 200)).toBe(true);
    // A's sandbox had quarantined it in memory; the release made on B lifts that too.
    expect(await answers(a, { v: 3 }, 200)).toBe(true);
    expect(a.core.sandbox.isQuarantined('xs', 'x-dec@1.0.0')).toBe(false);
  });
});
