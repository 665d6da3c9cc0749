/**
 * Installing plugin versions — one path for every plugin, whether a vendor uploaded it or the platform
 * ships it in `plugins/`: the signed manifest is verified against the platform's trusted publisher keys
 * (`verifyBundle`: shape, key, signature, SHA-256, SDK range), the bundle is loaded in the sandbox, what
 * it defines must be what the manifest says, and only then is the version stored (for ever) and served.
 * A refusal installs nothing.
 *
 * At start, `openRegistry` installs the shipped plugins through this path, then loads from the store the
 * versions the cities use (the latest of each plugin and every pinned one) and the cities' choices.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkRiskType,
  checkSensor,
  FenghuoError,
  type RiskTypeDef,
  rehydrateDefinition,
  type SensorDef,
  sdkErrors,
} from '@fenghuo/sdk';
import {
  bundleDigest,
  compareVersions,
  generateKeyPair,
  type Manifest,
  makeManifest,
  SDK_VERSION,
  satisfies,
  signManifest,
  verifyBundle,
} from '@fenghuo/sdk/bundle';
import type { QuarantineRecord, SandboxHost } from '@fenghuo/sdk/sandbox';
import { coreErrors } from '../errors.js';
import type { Db, Queryable } from '../store/db.js';
import { cachedBuild } from './build-cache.js';
import { type PluginRegistry, type PluginSource, PluginRegistry as Registry } from './plugins.js';
import {
  appendAudit,
  getVersion,
  insertVersion,
  listCityStates,
  listVersions,
  trustedKeys,
  type VersionRow,
} from './store.js';

/** What the registry needs of the process. */
export interface RegistryDeps {
  db: Db;
  sandbox: SandboxHost;
  plugins: PluginRegistry;
  log: {
    info(o: object, m: string): void;
    warn(o: object, m: string): void;
    error(o: object, m: string): void;
  };
}

export interface InstallRequest {
  /** The manifest as received: parsed JSON, not trusted yet. */
  manifest: unknown;
  /** The bundle as received. */
  bundle: string | Uint8Array;
  /** Who installs it (the token's name, or `system`). */
  actor: string;
  source: Exclude<PluginSource, 'code'>;
}

export interface InstallResult {
  /** `installed`: a new version; `unchanged`: this exact bundle was installed already; `replaced`: a shipped version rebuilt from changed sources. */
  status: 'installed' | 'unchanged' | 'replaced';
  manifest: Manifest;
  loadMs: number;
}

const text = (b: string | Uint8Array): string =>
  typeof b === 'string' ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');

/**
 * Load a verified bundle in the sandbox and register what it defines. The definition is read inside the
 * isolate (the host never runs plugin code) and its schemas rebuilt on the host; the manifest must agree
 * with it. Throws FH_SANDBOX_BUNDLE_INVALID, FH_PLUGIN_MANIFEST_MISMATCH, or the SDK's FH_SDK_* definition
 * problems.
 */
async function loadVersion(
  deps: RegistryDeps,
  manifest: Manifest,
  code: string,
  source: Exclude<PluginSource, 'code'>,
): Promise<number> {
  const key = `${manifest.id}@${manifest.version}`;
  const wasLoaded = deps.sandbox.loaded().some((l) => l.key === key);
  const loaded = await deps.sandbox.load(key, code);
  try {
    const mismatch: string[] = [];
    if (loaded.kind !== manifest.kind)
      mismatch.push(`kind: manifest ${manifest.kind}, bundle ${loaded.kind}`);
    const data = loaded.definition as { id?: unknown; version?: unknown; metrics?: unknown };
    if (data.id !== manifest.id) mismatch.push(`id: manifest ${manifest.id}, bundle ${String(data.id)}`);
    if (data.version !== manifest.version) {
      mismatch.push(`version: manifest ${manifest.version}, bundle ${String(data.version)}`);
    }
    const bundleMetrics = Object.keys((data.metrics ?? {}) as object).sort();
    const manifestMetrics = Object.keys(manifest.metrics).sort();
    if (bundleMetrics.join(',') !== manifestMetrics.join(',')) {
      mismatch.push(
        `metrics: manifest [${manifestMetrics.join(', ')}], bundle [${bundleMetrics.join(', ')}]`,
      );
    }
    if (mismatch.length > 0) throw coreErrors.PLUGIN_MANIFEST_MISMATCH({ key, reason: mismatch.join('; ') });
    const packageName = source === 'upload' ? key : manifest.id;
    if (manifest.kind === 'risk-type') {
      const def = {
        ...(rehydrateDefinition(loaded.definition, 'risk-type') as object),
        analyze: inSandboxOnly(key),
      } as unknown as RiskTypeDef;
      checkRiskType(def);
      deps.plugins.add(def, packageName, key, source);
    } else {
      const def = {
        ...(rehydrateDefinition(loaded.definition, 'sensor') as object),
        decode: inSandboxOnly(key),
      } as unknown as SensorDef;
      checkSensor(def);
      deps.plugins.addSensor(def, packageName, key, source);
    }
    return loaded.loadMs;
  } catch (err) {
    if (!wasLoaded) deps.sandbox.unload(key);
    throw err;
  }
}

/** The host-side stand-in for a plugin function: plugin code only ever runs in the sandbox. */
function inSandboxOnly(key: string): () => never {
  return () => {
    throw new Error(`plugin ${key} runs only in the sandbox`);
  };
}

/**
 * Install one plugin version. Verifies before anything else; a version that exists with the same bundle
 * is `unchanged`, with another bundle it is refused (FH_PLUGIN_VERSION_EXISTS) — except a shipped
 * version rebuilt from changed sources, which replaces the shipped one. Records the install in the audit
 * log. The caller tells the other processes (`announce`).
 */
export async function installBundle(deps: RegistryDeps, req: InstallRequest): Promise<InstallResult> {
  const code = text(req.bundle);
  const manifest = verifyBundle({
    manifest: req.manifest,
    code: req.bundle,
    trustedKeys: await trustedKeys(deps.db),
  });
  const { id, version } = manifest;
  const existing = await getVersion(deps.db, id, version);
  if (existing && existing.sha256 === manifest.bundle.sha256) {
    const loadMs = deps.plugins.version(id, version)
      ? 0
      : await loadVersion(deps, existing.manifest, existing.bundle, existing.source);
    return { status: 'unchanged', manifest, loadMs };
  }
  const earlier = await listVersions(deps.db, id);
  // A plugin id belongs to the key that signed its first version: another publisher (another trusted
  // key) cannot take it over, nor a vendor replace a plugin the platform ships.
  const owner = earlier[0];
  if (owner && owner.publisherKey !== manifest.publisher.keyId) {
    throw coreErrors.PLUGIN_PUBLISHER_MISMATCH({
      id,
      version,
      owner: owner.publisherKey,
      ownerName: owner.manifest.publisher.name,
      keyId: manifest.publisher.keyId,
      name: manifest.publisher.name,
    });
  }
  const other = earlier.find((v) => v.kind !== manifest.kind);
  if (other || (deps.plugins.kind(id) && deps.plugins.kind(id) !== manifest.kind)) {
    throw coreErrors.PLUGIN_DUPLICATE({
      id,
      first: other ? `${other.id}@${other.version} (${other.kind})` : `${id} (${deps.plugins.kind(id)})`,
      second: `${id}@${version} (${manifest.kind})`,
    });
  }
  const replace = existing !== null && existing.source === 'shipped' && req.source === 'shipped';
  if (existing && !replace) {
    throw coreErrors.PLUGIN_VERSION_EXISTS({ id, version, existing: existing.sha256 });
  }
  const wasServed = deps.plugins.version(id, version) !== undefined;
  const loadMs = await loadVersion(deps, manifest, code, req.source);
  const stored = await storeVersion().catch((err: unknown) => {
    // Not stored, so not installed: this process must not serve it either.
    if (!wasServed) {
      deps.plugins.removeVersion(id, version);
      deps.sandbox.unload(`${id}@${version}`);
    }
    throw err;
  });
  async function storeVersion() {
    return deps.db.tx(async (q) => {
      const inserted = await insertVersion(
        q,
        {
          id,
          version,
          kind: manifest.kind,
          manifest,
          bundle: code,
          sha256: manifest.bundle.sha256,
          publisherKey: manifest.publisher.keyId,
          source: req.source,
          uploadedBy: req.actor,
        },
        replace,
      );
      if (!inserted) return false;
      await appendAudit(q, {
        actor: req.actor,
        plugin: id,
        version,
        action: replace ? 'replaced' : 'published',
        data: {
          kind: manifest.kind,
          source: req.source,
          sha256: manifest.bundle.sha256,
          bytes: manifest.bundle.bytes,
          publisher: manifest.publisher,
          sdk: manifest.sdk,
          ...(replace ? { previousSha256: existing!.sha256 } : {}),
        },
      });
      return true;
    });
  }
  if (!stored) {
    // Another process installed this version between our read and our write.
    const now = await getVersion(deps.db, id, version);
    if (now?.sha256 === manifest.bundle.sha256) return { status: 'unchanged', manifest, loadMs };
    throw coreErrors.PLUGIN_VERSION_EXISTS({ id, version, existing: now?.sha256 ?? '?' });
  }
  deps.log.info(
    { plugin: `${id}@${version}`, kind: manifest.kind, source: req.source, actor: req.actor },
    replace ? 'plugin version replaced' : 'plugin version installed',
  );
  return { status: replace ? 'replaced' : 'installed', manifest, loadMs };
}

/** The installation's own signing key for the plugins it ships, made on first use and trusted. */
async function shippedKey(db: Db): Promise<{ keyId: string; privateKeyPem: string }> {
  const read = async (q: Queryable) =>
    (
      await q.query<{ key_id: string; private_key: string }>(
        "SELECT key_id, private_key FROM platform_keys WHERE name = 'shipped'",
      )
    ).rows[0];
  const found = await read(db);
  if (found) return { keyId: found.key_id, privateKeyPem: found.private_key };
  const pair = generateKeyPair();
  await db.tx(async (q) => {
    const { rowCount } = await q.query(
      `INSERT INTO platform_keys (name, key_id, private_key, public_key) VALUES ('shipped', $1, $2, $3)
       ON CONFLICT (name) DO NOTHING`,
      [pair.keyId, pair.privateKeyPem, pair.publicKeyPem],
    );
    if (rowCount === 0) return; // another process made it first
    await q.query(
      `INSERT INTO plugin_publishers (key_id, name, public_key, trusted_by) VALUES ($1, $2, $3, 'system')
       ON CONFLICT (key_id) DO NOTHING`,
      [pair.keyId, SHIPPED_PUBLISHER, pair.publicKeyPem],
    );
    await appendAudit(q, {
      actor: 'system',
      action: 'key_trusted',
      data: { keyId: pair.keyId, name: SHIPPED_PUBLISHER },
    });
  });
  const made = await read(db);
  return { keyId: made!.key_id, privateKeyPem: made!.private_key };
}

/** The publisher name of the plugins an installation ships. */
export const SHIPPED_PUBLISHER = 'Fenghuo (shipped with this installation)';

/** Plugin packages in a folder: sub-folders whose package.json has `fenghuo.kind`. */
export function pluginPackages(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name))
    .filter((d) => {
      const pkg = join(d, 'package.json');
      if (!existsSync(pkg)) return false;
      const kind = (JSON.parse(readFileSync(pkg, 'utf8')) as { fenghuo?: { kind?: string } }).fenghuo?.kind;
      return kind === 'risk-type' || kind === 'sensor';
    });
}

/** The SDK's codes for a package that could not be built into a bundle (not a definition problem). */
const NOT_BUILT = new Set<string>([
  sdkErrors.PACKAGE_INVALID.code,
  sdkErrors.BUNDLE_BUILD_FAILED.code,
  sdkErrors.BUNDLE_NODE_BUILTIN.code,
  sdkErrors.BUNDLE_EVAL_FAILED.code,
  sdkErrors.BUNDLE_NO_DEFINITION.code,
]);

/**
 * Install the plugins shipped in `dir`: each package is built into its bundle and signed with the
 * installation's key exactly as `fenghuo plugin pack` would, then installed by `installBundle`.
 */
export async function installShipped(
  deps: RegistryDeps,
  dir: string,
  opts: { cacheDir: string | null } = { cacheDir: null },
): Promise<InstallResult[]> {
  const packages = pluginPackages(dir);
  if (packages.length === 0) return [];
  const key = await shippedKey(deps.db);
  // Build and sign every package first: a duplicate id or a broken package refuses the whole folder
  // before anything of it is installed.
  const ready: { manifest: Manifest; code: string }[] = [];
  const seen = new Map<string, string>();
  for (const pluginDir of packages) {
    let signed: Manifest;
    let code: string;
    try {
      const built = await cachedBuild(pluginDir, opts.cacheDir);
      code = built.code;
      const first = seen.get(built.def.id);
      if (first) throw coreErrors.PLUGIN_DUPLICATE({ id: built.def.id, first, second: pluginDir });
      seen.set(built.def.id, pluginDir);
      signed = signManifest(
        makeManifest(built.def, code, {
          kind: built.kind,
          publisher: { name: SHIPPED_PUBLISHER, keyId: key.keyId },
        }),
        key.privateKeyPem,
      );
    } catch (err) {
      // A definition error keeps its FH_SDK_* code and details; anything else (a syntax error, a
      // missing file, a failed build) becomes a plugin load error naming the folder.
      if (err instanceof FenghuoError && !NOT_BUILT.has(err.code)) throw err;
      throw coreErrors.PLUGIN_LOAD_FAILED(
        { dir: pluginDir, reason: (err as Error).message },
        err instanceof FenghuoError ? { cause: err.code } : undefined,
      );
    }
    ready.push({ manifest: signed, code });
  }
  const results: InstallResult[] = [];
  for (const r of ready) {
    results.push(
      await installBundle(deps, { manifest: r.manifest, bundle: r.code, actor: 'system', source: 'shipped' }),
    );
  }
  return results;
}

/**
 * Load into this process what the store says is served: for each plugin its latest version and every
 * version a city pinned, then the cities' choices. Versions loaded already are kept.
 */
export async function loadStored(deps: RegistryDeps): Promise<void> {
  // Quarantines this process's sandbox holds and the registry knows as stored, taken before reading the
  // store: one that the store no longer has was released (by another process) and is released here too.
  const held = deps.sandbox.quarantined().filter((q) => knownStored(deps.plugins, q));
  const states = await listCityStates(deps.db);
  const versions = await listVersions(deps.db);
  const byId = new Map<string, VersionRow[]>();
  for (const v of versions) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
  const wanted = new Set<string>();
  for (const [id, list] of byId) {
    const latest = list.reduce((a, b) => (newer(b.version, a.version) ? b : a));
    wanted.add(`${id}@${latest.version}`);
  }
  for (const s of states) {
    if (s.state.pinnedVersion) wanted.add(`${s.plugin}@${s.state.pinnedVersion}`);
  }
  for (const v of versions) {
    const key = `${v.id}@${v.version}`;
    if (!wanted.has(key) || deps.plugins.version(v.id, v.version)) continue;
    await ensureLoaded(deps, v.id, v.version);
  }
  deps.plugins.setStates(states);
  for (const q of held) if (!knownStored(deps.plugins, q)) deps.sandbox.release(q.city, q.key);
}

/** Whether the registry holds the sandbox's quarantine of a plugin version for a city as stored. */
function knownStored(plugins: PluginRegistry, q: QuarantineRecord): boolean {
  const at = q.key.lastIndexOf('@');
  return plugins.state(q.key.slice(0, at), q.city)?.quarantine?.version === q.key.slice(at + 1);
}

/** Load a stored version into this process if it is not loaded. Throws FH_PLUGIN_VERSION_NOT_FOUND. */
export async function ensureLoaded(deps: RegistryDeps, id: string, version: string): Promise<void> {
  if (deps.plugins.version(id, version)) return;
  const row = await getVersion(deps.db, id, version);
  if (!row) {
    const known = (await listVersions(deps.db, id)).map((v) => v.version);
    if (known.length === 0) throw coreErrors.PLUGIN_NOT_FOUND({ id });
    throw coreErrors.PLUGIN_VERSION_NOT_FOUND({ id, version, known: known.join(', ') });
  }
  // The stored bundle was verified when it was installed; check it was not changed in the database since,
  // and that this platform's SDK (perhaps upgraded since) still satisfies the range it was built for.
  const digest = bundleDigest(row.bundle);
  if (digest.sha256 !== row.sha256) {
    deps.log.error(
      { plugin: `${id}@${version}` },
      'stored plugin bundle does not match its SHA-256; not loaded',
    );
    return;
  }
  if (!satisfies(SDK_VERSION, row.manifest.sdk)) {
    deps.log.error(
      { plugin: `${id}@${version}`, range: row.manifest.sdk, host: SDK_VERSION },
      'stored plugin version was built for an SDK range this platform no longer satisfies; not loaded',
    );
    return;
  }
  await loadVersion(deps, row.manifest, row.bundle, row.source);
}

const newer = (a: string, b: string) => compareVersions(a, b) > 0;

/**
 * The registry of a process: shipped plugins installed (unless `shipped` is false), stored versions and
 * choices loaded.
 */
export async function openRegistry(
  db: Db,
  sandbox: SandboxHost,
  opts: { pluginsDir: string; buildCacheDir?: string | null; log: RegistryDeps['log'] },
): Promise<PluginRegistry> {
  const deps: RegistryDeps = { db, sandbox, plugins: new Registry(), log: opts.log };
  await installShipped(deps, opts.pluginsDir, { cacheDir: opts.buildCacheDir ?? null });
  await loadStored(deps);
  return deps.plugins;
}
