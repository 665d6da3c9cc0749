/**
 * `@fenghuo/sdk/bundle` — plugin bundles for hosts and tools (Node only: it uses esbuild, `node:crypto`
 * and `node:vm`, so a plugin never imports it): build a plugin package into one self-contained script,
 * describe it in a manifest, sign the manifest with the publisher's Ed25519 key, and verify a bundle
 * before installing it. The format is in docs/reference/plugin-manifest.md.
 *
 * @example
 * import { buildBundle, generateKeyPair, makeManifest, signManifest, verifyBundle } from '@fenghuo/sdk/bundle';
 *
 * const { code, def, kind } = await buildBundle({ dir: 'plugins/gas-pipeline' });
 * const { privateKeyPem, publicKeyPem, keyId } = generateKeyPair();
 * const manifest = signManifest(makeManifest(def, code, { kind, publisher: { name: 'Fenghuo', keyId } }), privateKeyPem);
 * verifyBundle({ manifest, code, trustedKeys: { [keyId]: publicKeyPem } }); // returns the manifest, or throws FH_SDK_*
 */
export type { BuiltBundle, PluginPackage } from './build.js';
export { buildBundle, describeBundle, ESBUILD_VERSION, readPluginPackage } from './build.js';
export { canonicalJson } from './canonical-json.js';
export type { KeyPair } from './keys.js';
export { generateKeyPair, keyIdOf, privateKey, publicKey } from './keys.js';
export type { LoadedBundle } from './load.js';
export { loadBundle, PLUGIN_GLOBAL } from './load.js';
export type { Manifest, ManifestOptions, PluginKind, UnsignedManifest } from './manifest.js';
export {
  bundleDigest,
  checkManifest,
  ManifestSchema,
  makeManifest,
  manifestProblems,
  PLUGIN_KINDS,
  UnsignedManifestSchema,
} from './manifest.js';
export type { Comparator, SemVer } from './semver.js';
export {
  compareVersions,
  defaultSdkRange,
  isSupportedRange,
  parseRange,
  parseVersion,
  satisfies,
} from './semver.js';
export type { VerifyBundleOptions } from './sign.js';
export { signedBytes, signManifest, verifyBundle, verifySignature } from './sign.js';
export { SDK_EXPORTS, SDK_ROOT, SDK_VERSION } from './version.js';
