/**
 * Uploading plugin versions over HTTP (`POST /api/v1/plugins`): a signed bundle from a trusted vendor
 * key is installed (JSON or multipart); the same bundle again changes nothing; anything else — an
 * unknown or revoked key, a changed bundle or manifest, an SDK range the platform does not satisfy, a
 * manifest that does not describe its bundle, a bundle that never finishes loading, a malformed body —
 * is refused with its own code and leaves nothing behind. Only publishers and administrators upload.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuiltBundle } from '@fenghuo/sdk/bundle';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { createToken, type Role } from '../src/auth/tokens.js';
import { REPO_ROOT } from '../src/config.js';
import { revokePublisherKey } from '../src/registry/keys.js';
import { makeTestCore, type TestCore } from './helpers.js';
import {
  buildPlugin,
  file,
  makeVendor,
  multipartOf,
  postPlugins,
  signed,
  trustVendor,
  type Upload,
  uploadJson,
  uploadMultipart,
  type Vendor,
} from './support/registry.js';

/** A risk type whose analysis says `note`. */
const riskType = (
  id: string,
  version: string,
  note: string,
) => `import { defineRiskType, Type } from '@fenghuo/sdk';
export default defineRiskType({
  id: '${id}', version: '${version}', domain: 'lifeline', name: { zh: '上传燃气', en: 'Uploaded gas' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [{ zh: '${note}', en: '${note}' }], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
});
`;

const sensor = (id: string, version = '1.0.0') => `import { defineSensor, Type } from '@fenghuo/sdk';
export default defineSensor({
  id: '${id}', version: '${version}', vendor: 'ACME', model: 'U1',
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  decode(payload) { return [{ values: { ch4: payload.v } }]; },
});
`;

describe('uploading plugin versions', () => {
  // Inside the workspace, so that the test plugins resolve `@fenghuo/sdk` like real plugin packages.
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
  let core: TestCore;
  let app: FastifyInstance;
  const tokens = {} as Record<Role, string>;
  let acme: Vendor;
  let gas: BuiltBundle;
  let gasOther: BuiltBundle;
  let gasNext: BuiltBundle;
  let meter: BuiltBundle;
  let refused: BuiltBundle;

  beforeAll(async () => {
    mkdirSync(join(root, 'none'));
    [gas, gasOther, gasNext, meter, refused] = await Promise.all([
      buildPlugin(root, 'gas', 'risk-type', riskType('up-gas', '1.0.0', 'first')),
      buildPlugin(root, 'gas-other', 'risk-type', riskType('up-gas', '1.0.0', 'other code')),
      buildPlugin(root, 'gas-next', 'risk-type', riskType('up-gas', '1.1.0', 'next')),
      buildPlugin(root, 'meter', 'sensor', sensor('up-meter')),
      buildPlugin(root, 'refused', 'risk-type', riskType('up-refused', '1.0.0', 'refused')),
    ]);
    core = await makeTestCore('reg_upload', { config: { pluginsDir: join(root, 'none'), runJobs: false } });
    app = await buildServer(core);
    await core.db.query("INSERT INTO cities (id, name_zh, name_en) VALUES ('u', '上传市', 'Upload City')");
    for (const role of ['admin', 'operator', 'viewer', 'device', 'publisher'] as Role[]) {
      tokens[role] = await createToken(core.db, 'u', role, `${role}-u`);
    }
    acme = makeVendor('ACME Sensors');
    await trustVendor(core, acme);
  });
  afterAll(async () => {
    await app?.close();
    await core?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const versionRows = async (id: string) =>
    (
      await core.db.query<{ version: string; sha256: string; source: string; uploaded_by: string }>(
        'SELECT version, sha256, source, uploaded_by FROM plugin_versions WHERE plugin_id = $1 ORDER BY version',
        [id],
      )
    ).rows;
  const auditCount = async () =>
    Number((await core.db.query<{ n: string }>('SELECT count(*)::text AS n FROM plugin_audit')).rows[0]!.n);
  const inSandbox = (key: string) => core.sandbox.loaded().some((l) => l.key === key);

  it('installs a signed risk type sent as JSON: 201, stored, recorded, loaded in the sandbox, not yet enabled for the city', async () => {
    const up = signed(gas, acme);
    const res = await uploadJson(app, tokens.publisher, up);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'installed',
      id: 'up-gas',
      version: '1.0.0',
      kind: 'risk-type',
      sha256: up.manifest.bundle.sha256,
      city: 'u',
      plugin: { id: 'up-gas', enabled: false, active: false, version: '1.0.0' },
    });
    expect(await versionRows('up-gas')).toEqual([
      { version: '1.0.0', sha256: up.manifest.bundle.sha256, source: 'upload', uploaded_by: 'publisher-u' },
    ]);
    const { rows } = await core.db.query<{
      actor: string;
      city_id: string | null;
      action: string;
      data: object;
    }>("SELECT actor, city_id, action, data FROM plugin_audit WHERE plugin_id = 'up-gas'");
    expect(rows).toEqual([
      {
        actor: 'publisher-u',
        city_id: null,
        action: 'published',
        data: expect.objectContaining({
          source: 'upload',
          publisher: { name: 'ACME Sensors', keyId: acme.keyId },
        }),
      },
    ]);
    expect(core.plugins.get('up-gas')?.sandboxKey).toBe('up-gas@1.0.0');
    expect(core.plugins.get('up-gas')?.source).toBe('upload');
    expect(inSandbox('up-gas@1.0.0')).toBe(true);
    // The stored version reads back with its manifest, without its bundle.
    const stored = await app.inject({
      method: 'GET',
      url: '/api/v1/plugins/up-gas/versions/1.0.0',
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(stored.statusCode, stored.body).toBe(200);
    expect(stored.json()).toMatchObject({
      id: 'up-gas',
      version: '1.0.0',
      manifest: up.manifest,
      source: 'upload',
    });
    expect(stored.json()).not.toHaveProperty('bundle');
  });

  it('answers 200 unchanged for the same bundle again, and records nothing', async () => {
    const before = await auditCount();
    const res = await uploadJson(app, tokens.publisher, signed(gas, acme));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'unchanged', id: 'up-gas', version: '1.0.0' });
    expect(await auditCount()).toBe(before);
    expect(await versionRows('up-gas')).toHaveLength(1);
  });

  it('refuses other code under an installed version with FH_PLUGIN_VERSION_EXISTS, keeping the installed one', async () => {
    const res = await uploadJson(app, tokens.publisher, signed(gasOther, acme));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('FH_PLUGIN_VERSION_EXISTS');
    expect((await versionRows('up-gas'))[0]!.sha256).toBe(signed(gas, acme).manifest.bundle.sha256);
    expect(core.sandbox.loaded().find((l) => l.key === 'up-gas@1.0.0')?.bundleBytes).toBe(
      Buffer.byteLength(gas.code),
    );
  });

  it('installs a sensor plugin sent as multipart, and finds it unchanged the second time', async () => {
    const up = signed(meter, acme);
    const first = await uploadMultipart(app, tokens.publisher, multipartOf(up));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'installed', id: 'up-meter', kind: 'sensor' });
    expect(core.plugins.sensor('up-meter')?.sandboxKey).toBe('up-meter@1.0.0');
    expect(await versionRows('up-meter')).toEqual([
      expect.objectContaining({ version: '1.0.0', source: 'upload', sha256: up.manifest.bundle.sha256 }),
    ]);
    const again = await uploadMultipart(app, tokens.publisher, multipartOf(up, 'field'));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('unchanged');
  });

  describe('refuses, installing nothing,', () => {
    let mallory: Vendor;
    let retired: Vendor;
    beforeAll(async () => {
      mallory = makeVendor('Mallory');
      retired = makeVendor('Retired vendor');
      await trustVendor(core, retired);
      await revokePublisherKey(core.db, retired.keyId, 'ops');
    });

    const cases: [string, () => Upload, number, string, string?][] = [
      ['a key the platform does not trust', () => signed(refused, mallory), 403, 'FH_SDK_PUBLISHER_UNKNOWN'],
      ['a revoked key', () => signed(refused, retired), 403, 'FH_SDK_PUBLISHER_UNKNOWN'],
      [
        'a bundle changed after signing',
        () => {
          const up = signed(refused, acme);
          return { ...up, bundle: up.bundle.replace('refused', 'REFUSED') };
        },
        422,
        'FH_SDK_BUNDLE_TAMPERED',
      ],
      [
        'a manifest changed after signing',
        () => {
          const up = signed(refused, acme);
          return { ...up, manifest: { ...up.manifest, name: { zh: '改名', en: 'Renamed' } } };
        },
        422,
        'FH_SDK_SIGNATURE_INVALID',
      ],
      [
        'a signature made by another key',
        () => {
          const up = signed(refused, acme);
          return {
            ...up,
            manifest: { ...up.manifest, signature: signed(refused, mallory).manifest.signature },
          };
        },
        422,
        'FH_SDK_SIGNATURE_INVALID',
      ],
      [
        'an SDK range the platform does not satisfy',
        () => signed(refused, acme, { sdkRange: '^9.0.0' }),
        422,
        'FH_SDK_SDK_INCOMPATIBLE',
      ],
      [
        'a malformed manifest',
        () => {
          const up = signed(refused, acme);
          return { ...up, manifest: { ...up.manifest, manifestVersion: 2 } as unknown as Upload['manifest'] };
        },
        400,
        'FH_SDK_MANIFEST_INVALID',
        '/manifestVersion',
      ],
      [
        'a manifest whose metrics are not the bundle’s',
        () => {
          const def = refused.def as { metrics: Record<string, unknown> };
          return signed(refused, acme, {
            def: { ...def, metrics: { ...def.metrics, h2s: def.metrics['ch4'] } },
          });
        },
        422,
        'FH_PLUGIN_MANIFEST_MISMATCH',
        'metrics',
      ],
      [
        'a manifest whose id is not the bundle’s',
        () => signed(refused, acme, { def: { ...refused.def, id: 'up-impostor' } }),
        400,
        // The sandbox loads the bundle under the manifest's id@version and checks that it defines it.
        'FH_SANDBOX_BUNDLE_INVALID',
        'it defines up-refused@1.0.0, not up-impostor@1.0.0',
      ],
      [
        'a bundle whose top-level code never ends',
        () => signed(refused, acme, { code: `for (;;) {}\n${refused.code}` }),
        400,
        'FH_SANDBOX_BUNDLE_INVALID',
        'top-level code ran longer',
      ],
    ];

    for (const [what, make, status, code, detail] of cases) {
      it(`${what} (${code})`, async () => {
        const up = make();
        const loadedBefore = core.sandbox
          .loaded()
          .map((l) => l.key)
          .sort();
        const auditBefore = await auditCount();
        const res = await uploadJson(app, tokens.publisher, up);
        expect(res.statusCode, res.body).toBe(status);
        expect(res.json().error.code).toBe(code);
        if (detail) expect(JSON.stringify(res.json().error)).toContain(detail);
        const id = String((up.manifest as { id: unknown }).id);
        expect(await versionRows(id)).toEqual([]);
        expect(await versionRows('up-refused')).toEqual([]);
        expect(core.plugins.kind(id)).toBeUndefined();
        expect(core.plugins.kind('up-refused')).toBeUndefined();
        expect(
          core.sandbox
            .loaded()
            .map((l) => l.key)
            .sort(),
        ).toEqual(loadedBefore);
        expect(await auditCount()).toBe(auditBefore);
      });
    }

    it('lists the trusted and the revoked publisher keys', async () => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/v1/publishers',
        headers: { authorization: `Bearer ${tokens.viewer}` },
      });
      const keys = res.json().publishers as { keyId: string; revokedAt: string | null }[];
      expect(keys.find((k) => k.keyId === acme.keyId)?.revokedAt).toBeNull();
      expect(keys.find((k) => k.keyId === retired.keyId)?.revokedAt).toEqual(expect.any(String));
      expect(keys.some((k) => k.keyId === mallory.keyId)).toBe(false);
    });

    it('a plugin id that is installed as the other kind (FH_PLUGIN_DUPLICATE)', async () => {
      const sensorNamedLikeTheRiskType = await buildPlugin(
        root,
        'clash',
        'sensor',
        sensor('up-gas', '2.0.0'),
      );
      const res = await uploadJson(app, tokens.publisher, signed(sensorNamedLikeTheRiskType, acme));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('FH_PLUGIN_DUPLICATE');
      expect(core.plugins.kind('up-gas')).toBe('risk-type');
      expect((await versionRows('up-gas')).map((r) => r.version)).toEqual(['1.0.0']);
    });

    it('and then installs that same version once it is sent as signed', async () => {
      const res = await uploadJson(app, tokens.publisher, signed(refused, acme));
      expect(res.statusCode, res.body).toBe(201);
      expect(inSandbox('up-refused@1.0.0')).toBe(true);
    });
  });

  it('refuses bodies that are not an upload with FH_PLUGIN_UPLOAD_INVALID', async () => {
    const up = signed(gasNext, acme);
    const bundle = Buffer.from(up.bundle).toString('base64');
    const bodies: unknown[] = [
      [up.manifest, bundle],
      { bundle },
      { manifest: 'up-gas', bundle },
      { manifest: up.manifest },
      { manifest: up.manifest, bundle: '' },
      { manifest: up.manifest, bundle: 'not base64!' },
    ];
    for (const body of bodies) {
      const res = await postPlugins(app, tokens.publisher, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json().error.code).toBe('FH_PLUGIN_UPLOAD_INVALID');
    }
    const parts: [Record<string, string | Blob>, string][] = [
      [{ manifest: file(JSON.stringify(up.manifest)) }, '"bundle" part'],
      [{ bundle: file(up.bundle) }, '"manifest" part'],
      [{ manifest: '{ not json', bundle: file(up.bundle) }, 'not JSON'],
      [{ extra: 'x', ...multipartOf(up) }, 'unexpected part "extra"'],
    ];
    for (const [form, reason] of parts) {
      const res = await uploadMultipart(app, tokens.publisher, form);
      expect(res.statusCode, reason).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'FH_PLUGIN_UPLOAD_INVALID' });
      expect(res.json().error.message).toContain(reason);
    }
    expect(await versionRows('up-gas')).toHaveLength(1);
  });

  it('lets only publishers and administrators upload', async () => {
    const up = signed(gasNext, acme);
    const anonymous = await uploadJson(app, null, up);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('FH_AUTH_UNAUTHENTICATED');
    for (const role of ['viewer', 'operator', 'device'] as Role[]) {
      const res = await uploadJson(app, tokens[role], up);
      expect(res.statusCode, role).toBe(403);
      expect(res.json().error.code).toBe('FH_AUTH_FORBIDDEN');
    }
    expect(await versionRows('up-gas')).toHaveLength(1);
    const byAdmin = await uploadJson(app, tokens.admin, up);
    expect(byAdmin.statusCode, byAdmin.body).toBe(201);
    expect((await versionRows('up-gas')).map((r) => [r.version, r.uploaded_by])).toEqual([
      ['1.0.0', 'publisher-u'],
      ['1.1.0', 'admin-u'],
    ]);
    // The newer version serves now; the older one stays installed.
    expect(core.plugins.get('up-gas')?.def.version).toBe('1.1.0');
    expect(core.plugins.version('up-gas', '1.0.0')).toBeDefined();
  });

  it('keeps a plugin id to the key that signed its first version: another trusted vendor cannot take it over', async () => {
    const globex = makeVendor('Globex');
    await trustVendor(core, globex);
    const before = await auditCount();
    const takeover = signed(
      await buildPlugin(root, 'gas-takeover', 'risk-type', riskType('up-gas', '9.0.0', 'mine now')),
      globex,
    );
    const res = await uploadJson(app, tokens.publisher, takeover);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'FH_PLUGIN_PUBLISHER_MISMATCH',
      message: expect.stringContaining(`belongs to the publisher key ${acme.keyId} (ACME Sensors)`),
    });
    expect((await versionRows('up-gas')).map((r) => r.version)).not.toContain('9.0.0');
    expect(core.plugins.version('up-gas', '9.0.0')).toBeUndefined();
    expect(inSandbox('up-gas@9.0.0')).toBe(false);
    expect(await auditCount()).toBe(before);
    // Its own ids are its own.
    const own = signed(await buildPlugin(root, 'globex-meter', 'sensor', sensor('globex-meter')), globex);
    expect((await uploadJson(app, tokens.publisher, own)).statusCode).toBe(201);
  });
});
