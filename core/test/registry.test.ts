/**
 * The plugins shipped in `plugins/` are built, signed with the installation's own key and installed
 * through the same path as a vendor's upload; a second start finds them installed. A folder of plugin
 * packages that cannot all be installed stops the start with a coded error naming the culprit.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { verifyBundle } from '@fenghuo/sdk/bundle';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';
import type { Core } from '../src/core.js';
import {
  installShipped,
  pluginPackages,
  type RegistryDeps,
  SHIPPED_PUBLISHER,
} from '../src/registry/install.js';
import { PluginRegistry } from '../src/registry/plugins.js';
import { listVersions, trustedKeys } from '../src/registry/store.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { writePluginPackage } from './support/raw-plugins.js';
import { type SharedDatabase, sharedDatabase } from './support/registry.js';

/** The packages of plugins/, by kind, as the folder holds them. */
const packages = pluginPackages(join(REPO_ROOT, 'plugins')).map((dir) => ({
  id: basename(dir),
  kind: (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { fenghuo: { kind: string } }).fenghuo
    .kind,
}));
const SHIPPED = packages.map((p) => p.id).sort();
const RISK_TYPES = packages
  .filter((p) => p.kind === 'risk-type')
  .map((p) => p.id)
  .sort();
const SENSORS = packages
  .filter((p) => p.kind === 'sensor')
  .map((p) => p.id)
  .sort();

// Building the shipped packages and starting a core twice on one database takes a while on PGlite.
describe('the shipped plugins', { timeout: 90_000 }, () => {
  let db: SharedDatabase;
  /** The stored versions and audit entries after the first start. */
  let versions: Awaited<ReturnType<typeof listVersions>>;
  let audit: AuditLine[];
  beforeAll(() => {
    db = sharedDatabase('reg_shipped', { pluginsDir: join(REPO_ROOT, 'plugins') });
  });
  afterAll(async () => db?.dispose());

  it('installs plugins/ through installBundle, signed with the installation key', async () => {
    const first = await db.open();
    const { core } = first;
    expect([...core.plugins.riskTypes.keys()].sort()).toEqual(RISK_TYPES);
    expect([...core.plugins.sensors.keys()].sort()).toEqual(SENSORS);
    expect(RISK_TYPES).toEqual(expect.arrayContaining(['bridge', 'gas-pipeline']));
    expect(SENSORS).toEqual(expect.arrayContaining(['bridge-logger', 'lorawan-methane']));
    expect(core.plugins.metric('gas-pipeline', 'ch4')?.unit).toBe('%LEL');

    versions = await listVersions(core.db);
    expect(versions.map((v) => [v.id, v.source, v.uploadedBy])).toEqual(
      SHIPPED.map((id) => [id, 'shipped', 'system']),
    );
    // Every one runs in the sandbox under its id@version.
    const loaded = core.sandbox.loaded().map((l) => l.key);
    for (const v of versions) expect(loaded).toContain(`${v.id}@${v.version}`);
    expect(core.plugins.get('gas-pipeline')?.sandboxKey).toBe(
      `gas-pipeline@${versions.find((v) => v.id === 'gas-pipeline')!.version}`,
    );

    // The installation's own key signed them, and it is a trusted publisher like a vendor's.
    const key = (
      await core.db.query<{ key_id: string }>("SELECT key_id FROM platform_keys WHERE name = 'shipped'")
    ).rows[0]!.key_id;
    const publishers = await core.db.query<{ key_id: string; name: string; revoked_at: unknown }>(
      'SELECT key_id, name, revoked_at FROM plugin_publishers',
    );
    expect(publishers.rows).toEqual([{ key_id: key, name: SHIPPED_PUBLISHER, revoked_at: null }]);
    const trusted = await trustedKeys(core.db);
    for (const v of versions) {
      expect(v.publisherKey).toBe(key);
      const { rows } = await core.db.query<{ bundle: string }>(
        'SELECT bundle FROM plugin_versions WHERE plugin_id = $1',
        [v.id],
      );
      expect(verifyBundle({ manifest: v.manifest, code: rows[0]!.bundle, trustedKeys: trusted }).id).toBe(
        v.id,
      );
    }

    audit = await auditOf(core);
    expect(audit.map((r) => [r.action, r.plugin_id, r.actor])).toEqual([
      ['key_trusted', null, 'system'],
      ...SHIPPED.map((id) => ['published', id, 'system']),
    ]);
    await first.close();
  });

  it('finds them unchanged at the next start on the same database: nothing stored or recorded again', async () => {
    expect(audit).toBeDefined();
    const second = await db.open();
    const { core } = second;
    expect([...core.plugins.riskTypes.keys()].sort()).toEqual(RISK_TYPES);
    expect([...core.plugins.sensors.keys()].sort()).toEqual(SENSORS);
    expect(RISK_TYPES).toEqual(expect.arrayContaining(['bridge', 'gas-pipeline']));
    expect(SENSORS).toEqual(expect.arrayContaining(['bridge-logger', 'lorawan-methane']));
    const again = await installShipped(depsOf(core), join(REPO_ROOT, 'plugins'));
    expect(again.map((r) => [r.manifest.id, r.status])).toEqual(SHIPPED.map((id) => [id, 'unchanged']));
    expect(await auditOf(core)).toEqual(audit);
    expect((await listVersions(core.db)).map((v) => [v.id, v.version, v.sha256, v.uploadedAt])).toEqual(
      versions.map((v) => [v.id, v.version, v.sha256, v.uploadedAt]),
    );
    await second.close();
  });
});

interface AuditLine {
  id: string;
  actor: string;
  plugin_id: string | null;
  action: string;
}

const auditOf = async (core: Pick<Core, 'db'>): Promise<AuditLine[]> =>
  (
    await core.db.query<AuditLine>(
      'SELECT id::text, actor, plugin_id, action FROM plugin_audit ORDER BY plugin_audit.id',
    )
  ).rows;

/** The registry's dependencies over a core's database and sandbox, with a registry of its own. */
const depsOf = (core: Pick<Core, 'db' | 'sandbox' | 'plugins'>, plugins = core.plugins): RegistryDeps => ({
  db: core.db,
  sandbox: core.sandbox,
  plugins,
  log: pino({ level: 'silent' }),
});

const valid = (id: string, version = '1.0.0') => `import { Type } from '@fenghuo/sdk';
export default {
  id: '${id}', version: '${version}', domain: 'lifeline', name: { zh: '测试', en: 'Test' },
  objects: { well: { name: { zh: '井', en: 'Well' }, attributes: Type.Object({}) } },
  metrics: { ch4: { schema: Type.Number({ minimum: 0, maximum: 100 }), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
  thresholds: { ch4: { direction: 'rising', levels: { blue: 10, red: 50 } } },
  analyze() { return { tier: null, findings: [], actions: [] }; },
  warning: { title: { zh: 't', en: 't' }, body: { zh: 'b', en: 'b' }, instructions: { zh: 'i', en: 'i' } },
};`;

describe('a folder of plugin packages', () => {
  // Inside the workspace, so that the test plugins resolve `@fenghuo/sdk` like a real plugin package.
  const root = mkdtempSync(join(REPO_ROOT, 'core', '.tmp-plugins-'));
  let core: TestCore;
  const empty = join(root, 'empty');
  beforeAll(async () => {
    mkdirSync(empty);
    core = await makeTestCore('reg_folder', { config: { pluginsDir: empty } });
  });
  afterAll(async () => {
    await core?.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  const install = (dir: string) => installShipped(depsOf(core, new PluginRegistry()), join(root, dir));
  const stored = async () => (await listVersions(core.db)).map((v) => `${v.id}@${v.version}`);

  it('installs a plain-JavaScript package and ignores folders that are not plugin packages', async () => {
    writePluginPackage(root, 'ok/alpha', 'risk-type', valid('alpha'));
    mkdirSync(join(root, 'ok', 'not-a-package'), { recursive: true });
    const results = await install('ok');
    expect(results.map((r) => [r.manifest.id, r.status])).toEqual([['alpha', 'installed']]);
    expect(await stored()).toEqual(['alpha@1.0.0']);
  });

  it('refuses two packages that declare the same plugin id with FH_PLUGIN_DUPLICATE naming both folders', async () => {
    writePluginPackage(root, 'dup/one', 'risk-type', valid('same'));
    writePluginPackage(root, 'dup/two', 'risk-type', valid('same', '1.0.1'));
    const err = await install('dup').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FH_PLUGIN_DUPLICATE', status: 409 });
    expect((err as Error).message).toContain(join(root, 'dup', 'one'));
    expect((err as Error).message).toContain(join(root, 'dup', 'two'));
    expect(await stored()).not.toContain('same@1.0.1');
  });

  it('names the folder of a package that cannot be built, with FH_PLUGIN_LOAD_FAILED', async () => {
    writePluginPackage(root, 'broken/bad', 'risk-type', 'export default {;');
    const err = await install('broken').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FH_PLUGIN_LOAD_FAILED', status: 500 });
    expect((err as Error).message).toContain(join(root, 'broken', 'bad'));
  });

  it('keeps the SDK code of a definition that fails its checks, and installs nothing', async () => {
    writePluginPackage(root, 'invalid/wrong', 'risk-type', valid('Not-Kebab'));
    const before = await stored();
    const audit = async () => (await core.db.query('SELECT id FROM plugin_audit')).rows.length;
    const auditBefore = await audit();
    await expect(install('invalid')).rejects.toMatchObject({ code: 'FH_SDK_DEFINITION_INVALID' });
    expect(await stored()).toEqual(before);
    expect(await audit()).toBe(auditBefore);
  });
});
