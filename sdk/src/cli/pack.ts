/**
 * `fenghuo plugin pack --key PEM [--dir DIR] [--publisher NAME] [--out DIR] [--sdk RANGE]`: build the
 * bundle, describe it in a manifest, sign the manifest, check the result verifies, and write
 * `<id>-<version>.fhp.js` and `<id>-<version>.manifest.json`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildBundle } from '../bundle/build.js';
import { keyIdOf, privateKey, publicKey } from '../bundle/keys.js';
import { makeManifest } from '../bundle/manifest.js';
import { signManifest, verifyBundle } from '../bundle/sign.js';
import { sdkErrors } from '../errors.js';
import type { SensorDef } from '../types.js';
import { formatBytes, type Io, indent, UsageError } from './io.js';

/**
 * The names `pack` gives its two files.
 *
 * @example
 * packedFiles('gas-pipeline', '1.0.0'); // { bundle: 'gas-pipeline-1.0.0.fhp.js', manifest: 'gas-pipeline-1.0.0.manifest.json' }
 */
export function packedFiles(id: string, version: string): { bundle: string; manifest: string } {
  return { bundle: `${id}-${version}.fhp.js`, manifest: `${id}-${version}.manifest.json` };
}

/**
 * Run `plugin pack`.
 *
 * @example
 * await pluginPack(['--key', 'fenghuo-key.pem', '--publisher', 'ACME'], io); // 0
 */
export async function pluginPack(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      dir: { type: 'string' },
      key: { type: 'string' },
      publisher: { type: 'string' },
      out: { type: 'string' },
      sdk: { type: 'string' },
    },
    strict: true,
  });
  if (!values.key) throw new UsageError('缺少 --key <私钥文件> / --key <private key PEM> is required');
  const keyFile = resolve(io.cwd, values.key);
  if (!existsSync(keyFile)) {
    throw sdkErrors.KEY_INVALID({
      what: keyFile,
      reason: 'no such file (make one with `fenghuo keys generate`)',
    });
  }
  const pem = readFileSync(keyFile, 'utf8');
  privateKey(pem, keyFile);
  const keyId = keyIdOf(pem);
  const dir = resolve(io.cwd, values.dir ?? '.');
  const shown = (f: string) => relative(io.cwd, f) || f;
  io.out(`构建 / building ${shown(dir) || '.'} …`);
  const built = await buildBundle({ dir });
  for (const note of built.notes) io.out(indent(`注意 / note: ${note}`));
  const publisher =
    values.publisher ??
    built.pkg.author ??
    (built.kind === 'sensor' ? (built.def as SensorDef).vendor : undefined) ??
    `key ${keyId}`;
  const unsigned = makeManifest(built.def, built.code, {
    kind: built.kind,
    publisher: { name: publisher, keyId },
    ...(values.sdk === undefined ? {} : { sdkRange: values.sdk }),
  });
  const manifest = signManifest(unsigned, pem);
  // What a platform will check, checked here first: a pack that does not verify is never written.
  verifyBundle({
    manifest,
    code: built.code,
    trustedKeys: { [keyId]: publicKey(pem).export({ type: 'spki', format: 'pem' }).toString() },
  });
  const outDir = resolve(io.cwd, values.out ?? join(dir, 'dist'));
  mkdirSync(outDir, { recursive: true });
  const files = packedFiles(manifest.id, manifest.version);
  const bundleFile = join(outDir, files.bundle);
  const manifestFile = join(outDir, files.manifest);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  writeFileSync(bundleFile, built.code);
  writeFileSync(manifestFile, manifestText);
  io.out(`✓ 已打包 / packed ${manifest.id}@${manifest.version} (${manifest.kind}, SDK ${manifest.sdk})`);
  io.out(`  包 / bundle      ${shown(bundleFile)}  ${formatBytes(manifest.bundle.bytes)}`);
  io.out(`                   sha256 ${manifest.bundle.sha256}`);
  io.out(`  清单 / manifest  ${shown(manifestFile)}  ${formatBytes(Buffer.byteLength(manifestText))}`);
  io.out(`  发布者 / publisher ${publisher} (key ${keyId}), 已签名 / signed Ed25519`);
  return 0;
}
