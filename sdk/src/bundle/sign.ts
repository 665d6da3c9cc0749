/**
 * Signing a manifest with the publisher's Ed25519 key, and the checks a platform runs before it installs
 * a bundle: the manifest's shape, a trusted publisher key, the signature, the bundle's size and SHA-256,
 * and the SDK range.
 */
import { sign, verify } from 'node:crypto';
import { formatProblems, sdkErrors } from '../errors.js';
import { canonicalJson } from './canonical-json.js';
import { keyIdOf, privateKey, publicKey } from './keys.js';
import {
  bundleDigest,
  checkManifest,
  type Manifest,
  manifestProblems,
  type UnsignedManifest,
} from './manifest.js';
import { satisfies } from './semver.js';
import { SDK_VERSION } from './version.js';

/**
 * The bytes a signature covers: the canonical JSON (UTF-8) of the manifest without `signature`.
 *
 * @example
 * signedBytes(manifest).toString(); // '{"bundle":{"bytes":…},"createdAt":"…",…}'
 */
export function signedBytes(manifest: UnsignedManifest | Manifest): Buffer {
  const { signature: _ignored, ...unsigned } = manifest as Manifest;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

/**
 * Sign a manifest: returns it with `signature`, the base64 Ed25519 signature over {@link signedBytes}.
 * Throws `FH_SDK_KEY_INVALID` for a key that is not an Ed25519 private key, `FH_SDK_KEY_MISMATCH` when
 * the manifest's `publisher.keyId` is not this key's id, `FH_SDK_MANIFEST_INVALID` for a malformed
 * manifest.
 *
 * @example
 * const manifest = signManifest(makeManifest(def, code, { kind: 'risk-type', publisher }), privateKeyPem);
 */
export function signManifest(manifest: UnsignedManifest | Manifest, privateKeyPem: string): Manifest {
  const key = privateKey(privateKeyPem);
  const { signature: _old, ...unsigned } = manifest as Manifest;
  const problems = manifestProblems(unsigned, { signed: false });
  if (problems.length > 0) {
    throw sdkErrors.MANIFEST_INVALID({ count: problems.length, list: formatProblems(problems) }, problems);
  }
  const keyId = keyIdOf(key);
  if (unsigned.publisher.keyId !== keyId) {
    throw sdkErrors.KEY_MISMATCH({
      what: 'the manifest (publisher.keyId)',
      expected: unsigned.publisher.keyId,
      actual: keyId,
    });
  }
  return { ...unsigned, signature: sign(null, signedBytes(unsigned), key).toString('base64') };
}

/**
 * Whether a manifest's signature verifies with a public key (PEM).
 *
 * @example
 * verifySignature(manifest, readFileSync('fenghuo-key.pub.pem', 'utf8')); // true
 */
export function verifySignature(manifest: Manifest, publicKeyPem: string): boolean {
  const signature = Buffer.from(manifest.signature, 'base64');
  return verify(null, signedBytes(manifest), publicKey(publicKeyPem), signature);
}

/**
 * What {@link verifyBundle} checks.
 *
 * @example
 * const opts: VerifyBundleOptions = { manifest, code, trustedKeys: { [keyId]: publicKeyPem } };
 */
export interface VerifyBundleOptions {
  /** The manifest as received (parsed JSON, not trusted yet). */
  manifest: unknown;
  /** The bundle as received. */
  code: string | Uint8Array;
  /** The platform's trusted publisher keys: key id → public key PEM. */
  trustedKeys: Readonly<Record<string, string>>;
  /** The version of the SDK the platform runs; default this SDK's version. */
  hostSdkVersion?: string;
}

/**
 * Verify a bundle before installing it, in this order, each refusal with its own code:
 * 1. the manifest fits {@link ManifestSchema} — `FH_SDK_MANIFEST_INVALID` (details: every problem with its path);
 * 2. its publisher key is trusted — `FH_SDK_PUBLISHER_UNKNOWN` (and `FH_SDK_KEY_MISMATCH` when a trusted
 *    entry's key id is not the id of its own key);
 * 3. the signature verifies — `FH_SDK_SIGNATURE_INVALID`;
 * 4. the bundle has the manifest's size and SHA-256 — `FH_SDK_BUNDLE_TAMPERED`;
 * 5. the host SDK satisfies the manifest's `sdk` range — `FH_SDK_SDK_INCOMPATIBLE`.
 *
 * Returns the manifest, typed. It does not run the bundle.
 *
 * @example
 * const manifest = verifyBundle({ manifest: body.manifest, code: Buffer.from(body.bundle, 'base64'), trustedKeys });
 */
export function verifyBundle(opts: VerifyBundleOptions): Manifest {
  const manifest = checkManifest(opts.manifest);
  const { keyId, name } = manifest.publisher;
  const pem = Object.hasOwn(opts.trustedKeys, keyId) ? opts.trustedKeys[keyId] : undefined;
  if (pem === undefined) throw sdkErrors.PUBLISHER_UNKNOWN({ keyId, publisher: name });
  const actual = keyIdOf(pem);
  if (actual !== keyId) {
    throw sdkErrors.KEY_MISMATCH({ what: 'the trusted keys entry', expected: keyId, actual });
  }
  if (!verifySignature(manifest, pem)) {
    throw sdkErrors.SIGNATURE_INVALID({ id: manifest.id, version: manifest.version, keyId });
  }
  const digest = bundleDigest(opts.code);
  const file = manifest.bundle.file;
  if (digest.bytes !== manifest.bundle.bytes) {
    throw sdkErrors.BUNDLE_TAMPERED({
      file,
      reason: `it is ${digest.bytes} bytes long, the manifest says ${manifest.bundle.bytes}`,
    });
  }
  if (digest.sha256 !== manifest.bundle.sha256) {
    throw sdkErrors.BUNDLE_TAMPERED({
      file,
      reason: `its SHA-256 is ${digest.sha256}, the manifest says ${manifest.bundle.sha256}`,
    });
  }
  const host = opts.hostSdkVersion ?? SDK_VERSION;
  if (!satisfies(host, manifest.sdk)) {
    throw sdkErrors.SDK_INCOMPATIBLE({
      id: manifest.id,
      version: manifest.version,
      range: manifest.sdk,
      host,
    });
  }
  return manifest;
}
