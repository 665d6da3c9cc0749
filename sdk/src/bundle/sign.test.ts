import { createHash, generateKeyPairSync } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { beforeAll, describe, expect, it } from 'vitest';
import { defineSensor } from '../define.js';
import { buildBundle } from './build.js';
import { canonicalJson } from './canonical-json.js';
import { generateKeyPair, type KeyPair, keyIdOf } from './keys.js';
import { type Manifest, ManifestSchema, makeManifest, UnsignedManifestSchema } from './manifest.js';
import { signManifest, verifyBundle, verifySignature } from './sign.js';

const GAS = fileURLToPath(new URL('../../../plugins/gas-pipeline', import.meta.url));
const CREATED = '2026-11-29T08:00:00.000Z';

let code: string;
let def: Awaited<ReturnType<typeof buildBundle>>['def'];
let pub: KeyPair;
let signed: Manifest;
const trusted = () => ({ [pub.keyId]: pub.publicKeyPem });

beforeAll(async () => {
  ({ code, def } = await buildBundle({ dir: GAS }));
  pub = generateKeyPair();
  signed = signManifest(
    makeManifest(def, code, {
      kind: 'risk-type',
      publisher: { name: '烽火 Fenghuo', keyId: pub.keyId },
      createdAt: CREATED,
    }),
    pub.privateKeyPem,
  );
});

/** A deep copy with changes by JSON-pointer path (`undefined` deletes), to tamper with. */
function edit(m: Manifest, changes: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(m)) as Record<string, unknown>;
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('/').slice(1);
    const last = keys.pop()!;
    const parent = keys.reduce((o, k) => o[k] as Record<string, unknown>, copy);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return copy;
}

describe('publisher keys', () => {
  it('names a key by the first 16 hex digits of the SHA-256 of its raw public key, from either half', () => {
    const pair = generateKeyPair();
    const { publicKey } = generateKeyPairSync('ed25519');
    expect(pair.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(pair.privateKeyPem)).toBe(pair.keyId);
    const raw = Buffer.from(String(publicKey.export({ format: 'jwk' }).x), 'base64url');
    expect(keyIdOf(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(
      createHash('sha256').update(raw).digest('hex').slice(0, 16),
    );
    expect(pair.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(pair.publicKeyPem).toContain('BEGIN PUBLIC KEY');
  });

  it('refuses a key that is not Ed25519 with FH_SDK_KEY_INVALID', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => keyIdOf(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_KEY_INVALID',
        message: expect.stringContaining('it is a rsa key'),
      }),
    );
    expect(() => signManifest(signed, 'not a key')).toThrow(
      expect.objectContaining({ code: 'FH_SDK_KEY_INVALID' }),
    );
  });
});

describe('the manifest of the gas-pipeline bundle', () => {
  it('describes the plugin, its schemas as JSON Schema, the bundle and the publisher', () => {
    const { signature, ...unsigned } = signed;
    expect(Value.Check(UnsignedManifestSchema, unsigned)).toBe(true);
    expect(Value.Check(ManifestSchema, signed)).toBe(true);
    expect(signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(unsigned).toMatchObject({
      manifestVersion: 1,
      id: 'gas-pipeline',
      version: '1.0.0',
      kind: 'risk-type',
      sdk: '^0.1.0',
      domain: 'lifeline',
      name: { zh: '燃气管线泄漏爆炸', en: 'Gas pipeline leak and explosion' },
      publisher: { name: '烽火 Fenghuo', keyId: pub.keyId },
      createdAt: CREATED,
      bundle: {
        file: 'gas-pipeline-1.0.0.fhp.js',
        bytes: Buffer.byteLength(code, 'utf8'),
        sha256: createHash('sha256').update(code).digest('hex'),
      },
    });
    expect(unsigned.metrics['ch4']).toMatchObject({ unit: '%LEL', schema: { type: 'number', minimum: 0 } });
    expect(unsigned.objects?.['valve_well']?.attributes).toMatchObject({ type: 'object' });
    expect(unsigned.config).toMatchObject({ type: 'object', properties: expect.any(Object) });
    expect(unsigned.vendor).toBeUndefined();
  });

  it('is plain JSON: a round trip through JSON changes nothing', () => {
    expect(JSON.parse(JSON.stringify(signed))).toEqual(signed);
  });

  it('names a sensor by vendor and model, without risk-type fields', () => {
    const sensor = defineSensor({
      id: 'acme-level',
      version: '2.0.0',
      vendor: 'ACME',
      model: 'WL-100',
      metrics: {
        water_depth: {
          schema: Type.Number({ minimum: 0 }),
          unit: 'cm',
          name: { zh: '积水深度', en: 'Water depth' },
        },
      },
      decode: () => [],
    });
    const m = makeManifest(sensor, 'globalThis.__fenghuo_plugin__ = {};', {
      kind: 'sensor',
      publisher: { name: 'ACME', keyId: pub.keyId },
    });
    expect(m).toMatchObject({
      kind: 'sensor',
      vendor: 'ACME',
      model: 'WL-100',
      name: { zh: 'ACME WL-100', en: 'ACME WL-100' },
    });
    expect(m).not.toHaveProperty('domain');
    expect(m).not.toHaveProperty('objects');
  });

  it('checks the definition against the kind it is packed as', () => {
    expect(() =>
      makeManifest(def, code, { kind: 'sensor', publisher: { name: 'x', keyId: pub.keyId } }),
    ).toThrow(expect.objectContaining({ code: 'FH_SDK_DEFINITION_INVALID' }));
  });
});

describe('verifyBundle', () => {
  it('accepts the signed manifest and its bundle, and returns the manifest', () => {
    expect(verifyBundle({ manifest: signed, code, trustedKeys: trusted() })).toEqual(signed);
    expect(verifyBundle({ manifest: signed, code: Buffer.from(code), trustedKeys: trusted() }).id).toBe(
      'gas-pipeline',
    );
  });

  it('verifies whatever the order of the manifest keys, since it signs canonical JSON', () => {
    const reversed = Object.fromEntries(Object.entries(signed).reverse()) as Manifest;
    expect(JSON.stringify(reversed)).not.toBe(JSON.stringify(signed));
    expect(canonicalJson(reversed)).toBe(canonicalJson(signed));
    expect(verifyBundle({ manifest: reversed, code, trustedKeys: trusted() }).id).toBe('gas-pipeline');
  });

  it('refuses a bundle with one byte changed as tampered', () => {
    const i = code.indexOf('gas-pipeline');
    const tampered = `${code.slice(0, i)}gas-pipelinf${code.slice(i + 12)}`;
    expect(tampered.length).toBe(code.length);
    expect(() => verifyBundle({ manifest: signed, code: tampered, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_BUNDLE_TAMPERED',
        message: expect.stringContaining('its SHA-256 is'),
      }),
    );
    expect(() => verifyBundle({ manifest: signed, code: `${code};`, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_BUNDLE_TAMPERED',
        message: expect.stringContaining('bytes long'),
      }),
    );
  });

  it('refuses a manifest changed after signing, or signed by another key under the trusted key id', () => {
    const changed = edit(signed, { '/metrics/ch4/unit': 'ppm' });
    expect(() => verifyBundle({ manifest: changed, code, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({ code: 'FH_SDK_SIGNATURE_INVALID' }),
    );
    const other = generateKeyPair();
    const forged = {
      ...signManifest({ ...signed, publisher: { name: 'x', keyId: other.keyId } }, other.privateKeyPem),
    };
    forged.publisher = { name: 'x', keyId: pub.keyId };
    expect(verifySignature(forged, pub.publicKeyPem)).toBe(false);
    expect(() => verifyBundle({ manifest: forged, code, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({ code: 'FH_SDK_SIGNATURE_INVALID' }),
    );
  });

  it('refuses a publisher key the platform does not trust', () => {
    const other = generateKeyPair();
    expect(() =>
      verifyBundle({ manifest: signed, code, trustedKeys: { [other.keyId]: other.publicKeyPem } }),
    ).toThrow(expect.objectContaining({ code: 'FH_SDK_PUBLISHER_UNKNOWN', status: 403 }));
    expect(() => verifyBundle({ manifest: signed, code, trustedKeys: {} })).toThrow(
      expect.objectContaining({ code: 'FH_SDK_PUBLISHER_UNKNOWN' }),
    );
  });

  it('refuses a trusted keys entry whose key is not the key its id names', () => {
    const other = generateKeyPair();
    expect(() =>
      verifyBundle({ manifest: signed, code, trustedKeys: { [pub.keyId]: other.publicKeyPem } }),
    ).toThrow(expect.objectContaining({ code: 'FH_SDK_KEY_MISMATCH' }));
  });

  it('refuses a plugin built for an SDK range the host does not satisfy', () => {
    const future = signManifest({ ...signed, sdk: '^0.2.0' }, pub.privateKeyPem);
    expect(() => verifyBundle({ manifest: future, code, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_SDK_INCOMPATIBLE',
        message:
          "gas-pipeline@1.0.0 was built for SDK ^0.2.0, which this platform's SDK 0.1.0 does not satisfy",
      }),
    );
    expect(
      verifyBundle({ manifest: future, code, trustedKeys: trusted(), hostSdkVersion: '0.2.3' }).sdk,
    ).toBe('^0.2.0');
    expect(() =>
      verifyBundle({ manifest: signed, code, trustedKeys: trusted(), hostSdkVersion: '1.0.0' }),
    ).toThrow(expect.objectContaining({ code: 'FH_SDK_SDK_INCOMPATIBLE' }));
  });

  it('refuses a malformed manifest with every problem and its path', () => {
    const broken = edit(signed, { '/id': undefined, '/bundle/sha256': 'XYZ', '/colour': 'red' });
    const err = (() => {
      try {
        verifyBundle({ manifest: broken, code, trustedKeys: trusted() });
      } catch (e) {
        return e as { code: string; details: { path: string; code: string; message: string }[] };
      }
    })();
    expect(err?.code).toBe('FH_SDK_MANIFEST_INVALID');
    expect(err?.details.map((p) => p.path).sort()).toEqual(['/bundle/sha256', '/colour', '/id']);
    expect(err?.details.find((p) => p.path === '/bundle/sha256')?.message).toBe(
      '/bundle/sha256: expected 64 lowercase hex digits',
    );
    expect(() => verifyBundle({ manifest: 'nope', code, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({ code: 'FH_SDK_MANIFEST_INVALID' }),
    );
  });

  it('refuses an unsupported sdk range and a risk-type manifest without its object kinds', () => {
    const bad = edit(signed, { '/sdk': '1.x', '/objects': undefined });
    expect(() => verifyBundle({ manifest: bad, code, trustedKeys: trusted() })).toThrow(
      expect.objectContaining({
        code: 'FH_SDK_MANIFEST_INVALID',
        details: [
          expect.objectContaining({ path: '/sdk', code: 'FH_SDK_RANGE_INVALID' }),
          expect.objectContaining({ path: '/objects', code: 'FH_SDK_MANIFEST_FIELD_INVALID' }),
        ],
      }),
    );
  });
});

describe('signManifest', () => {
  it('refuses to sign with a key other than the one the manifest names', () => {
    const other = generateKeyPair();
    expect(() => signManifest(signed, other.privateKeyPem)).toThrow(
      expect.objectContaining({ code: 'FH_SDK_KEY_MISMATCH', message: expect.stringContaining(other.keyId) }),
    );
  });

  it('replaces an old signature when a manifest is signed again', () => {
    const again = signManifest({ ...signed, createdAt: '2026-12-01T00:00:00.000Z' }, pub.privateKeyPem);
    expect(again.signature).not.toBe(signed.signature);
    expect(verifySignature(again, pub.publicKeyPem)).toBe(true);
  });
});
