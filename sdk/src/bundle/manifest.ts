/**
 * The plugin manifest: what a packed plugin says about itself — identity, kind, the SDK range it was
 * built for, its metrics, object kinds and config as JSON Schema, the SHA-256 of its bundle, and who
 * signed it. {@link ManifestSchema} is the format (docs/reference/plugin-manifest.md describes every
 * field); {@link makeManifest} writes one from a checked definition.
 */
import { createHash } from 'node:crypto';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value, ValueErrorType } from '@sinclair/typebox/value';
import { KEBAB_CASE, SEMVER } from '../check/definition.js';
import { checkRiskType, checkSensor } from '../define.js';
import { formatProblems, type Problem, sdkErrors } from '../errors.js';
import { I18nSchema } from '../schemas.js';
import type { I18n, MetricDef } from '../types.js';
import { defaultSdkRange, parseRange } from './semver.js';
import { SDK_VERSION } from './version.js';

/**
 * What a plugin package is: a risk type (`defineRiskType`) or a sensor (`defineSensor`).
 *
 * @example
 * const kind: PluginKind = 'sensor';
 */
export type PluginKind = 'risk-type' | 'sensor';

/**
 * The kinds, in the order the docs list them.
 *
 * @example
 * PLUGIN_KINDS.includes(pkg.fenghuo.kind); // a plugin package?
 */
export const PLUGIN_KINDS: readonly PluginKind[] = ['risk-type', 'sensor'];

const described = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description });
const strict = { additionalProperties: false } as const;
const JsonSchema = Type.Record(Type.String(), Type.Unknown(), { description: 'a JSON Schema object' });
const ISO_TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const manifestProperties = {
  manifestVersion: described(Type.Literal(1), 'manifest format version 1'),
  id: described(Type.String({ pattern: KEBAB_CASE.source }), 'a kebab-case plugin id such as gas-pipeline'),
  version: described(Type.String({ pattern: SEMVER.source }), 'a semantic version such as 1.0.0'),
  kind: described(Type.Union([Type.Literal('risk-type'), Type.Literal('sensor')]), 'risk-type or sensor'),
  sdk: described(
    Type.String({ minLength: 1 }),
    'the SDK version range the plugin was built for, e.g. ^0.1.0',
  ),
  name: I18nSchema,
  description: Type.Optional(I18nSchema),
  vendor: Type.Optional(Type.String({ minLength: 1 })),
  model: Type.Optional(Type.String({ minLength: 1 })),
  domain: Type.Optional(
    described(
      Type.Union([
        Type.Literal('lifeline'),
        Type.Literal('public'),
        Type.Literal('production'),
        Type.Literal('natural'),
      ]),
      'one of lifeline, public, production, natural',
    ),
  ),
  metrics: Type.Record(
    Type.String(),
    Type.Object(
      {
        unit: Type.String({ minLength: 1 }),
        name: I18nSchema,
        schema: JsonSchema,
        intervalSec: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
      },
      strict,
    ),
  ),
  objects: Type.Optional(
    Type.Record(Type.String(), Type.Object({ name: I18nSchema, attributes: JsonSchema }, strict)),
  ),
  config: Type.Optional(JsonSchema),
  bundle: Type.Object(
    {
      file: described(
        Type.String({ pattern: '^[a-z0-9][a-z0-9.+-]*\\.fhp\\.js$' }),
        'a file name ending in .fhp.js, such as gas-pipeline-1.0.0.fhp.js',
      ),
      bytes: Type.Integer({ minimum: 1 }),
      sha256: described(Type.String({ pattern: '^[0-9a-f]{64}$' }), '64 lowercase hex digits'),
    },
    strict,
  ),
  publisher: Type.Object(
    {
      name: Type.String({ minLength: 1 }),
      keyId: described(Type.String({ pattern: '^[0-9a-f]{16}$' }), '16 lowercase hex digits'),
    },
    strict,
  ),
  createdAt: described(
    Type.String({ pattern: ISO_TS.source }),
    'an ISO 8601 timestamp with a time zone, such as 2026-11-29T08:00:00.000Z',
  ),
};

/**
 * A manifest before it is signed: every field of {@link ManifestSchema} but `signature`.
 *
 * @example
 * Value.Check(UnsignedManifestSchema, makeManifest(def, code, { kind: 'risk-type', publisher })); // true
 */
export const UnsignedManifestSchema = Type.Object(manifestProperties, strict);

/**
 * The manifest format (version 1). Objects are closed: an unknown key is an error, so a misspelt field
 * cannot pass unnoticed. `signature` is the base64 Ed25519 signature over the canonical JSON of the
 * manifest without `signature`.
 *
 * @example
 * import { Value } from '@sinclair/typebox/value';
 * Value.Check(ManifestSchema, JSON.parse(readFileSync('gas-pipeline-1.0.0.manifest.json', 'utf8'))); // true
 */
export const ManifestSchema = Type.Object(
  {
    ...manifestProperties,
    signature: described(
      Type.String({ pattern: '^[A-Za-z0-9+/]{86}==$' }),
      'a base64 Ed25519 signature (64 bytes)',
    ),
  },
  strict,
);

/**
 * A signed manifest, the static type of {@link ManifestSchema}.
 *
 * @example
 * const manifest: Manifest = JSON.parse(readFileSync('gas-pipeline-1.0.0.manifest.json', 'utf8'));
 */
export type Manifest = Static<typeof ManifestSchema>;

/**
 * A manifest without its signature.
 *
 * @example
 * const unsigned: UnsignedManifest = makeManifest(def, code, { kind: 'sensor', publisher });
 */
export type UnsignedManifest = Static<typeof UnsignedManifestSchema>;

function schemaProblems(schema: TSchema, value: unknown): Problem[] {
  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of Value.Errors(schema, value)) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    let reason = e.message;
    if (e.type === ValueErrorType.ObjectAdditionalProperties) {
      reason = `unexpected property "${e.path.split('/').pop()}"`;
    } else if (typeof e.schema.description === 'string' && e.schema.description !== JsonSchema.description) {
      reason = `expected ${e.schema.description}`;
    }
    const err = sdkErrors.MANIFEST_FIELD_INVALID({ reason: `${e.path || '/'}: ${reason}` });
    out.push({ path: e.path, code: err.code, message: err.message });
  }
  return out;
}

function meaningProblems(m: UnsignedManifest): Problem[] {
  const out: Problem[] = [];
  const add = (path: string, reason: string) => {
    const err = sdkErrors.MANIFEST_FIELD_INVALID({ reason: `${path}: ${reason}` });
    out.push({ path, code: err.code, message: err.message });
  };
  try {
    parseRange(m.sdk);
  } catch (err) {
    const e = err as { code: string; message: string };
    out.push({ path: '/sdk', code: e.code, message: e.message });
  }
  if (Object.keys(m.metrics).length === 0) add('/metrics', 'a plugin declares at least one metric');
  if (Number.isNaN(Date.parse(m.createdAt))) add('/createdAt', `"${m.createdAt}" is not a real time`);
  if (m.kind === 'risk-type') {
    if (m.domain === undefined) add('/domain', 'a risk-type manifest needs its domain');
    if (m.objects === undefined || Object.keys(m.objects).length === 0) {
      add('/objects', 'a risk-type manifest needs its object kinds');
    }
  } else {
    if (m.vendor === undefined) add('/vendor', 'a sensor manifest needs its vendor');
    if (m.model === undefined) add('/model', 'a sensor manifest needs its model');
  }
  return out;
}

/**
 * Every problem of a manifest (shape first, then meaning: a supported `sdk` range, a real `createdAt`,
 * the fields its kind needs); `[]` when it is valid. With `signed: false` the `signature` must be absent.
 *
 * @example
 * manifestProblems({ manifestVersion: 2 })[0]; // { path: '/manifestVersion', code: 'FH_SDK_MANIFEST_FIELD_INVALID', … }
 */
export function manifestProblems(value: unknown, { signed = true } = {}): Problem[] {
  const shape = schemaProblems(signed ? ManifestSchema : UnsignedManifestSchema, value);
  return shape.length > 0 ? shape : meaningProblems(value as UnsignedManifest);
}

/**
 * Check a manifest and return it typed; throws `FH_SDK_MANIFEST_INVALID` whose `details` list every
 * problem with its path.
 *
 * @example
 * const manifest = checkManifest(JSON.parse(text));
 */
export function checkManifest(value: unknown): Manifest {
  const problems = manifestProblems(value);
  if (problems.length > 0) {
    throw sdkErrors.MANIFEST_INVALID({ count: problems.length, list: formatProblems(problems) }, problems);
  }
  return value as Manifest;
}

/**
 * The size in bytes (UTF-8) and SHA-256 (hex) of a bundle, as the manifest records them.
 *
 * @example
 * bundleDigest('globalThis.__fenghuo_plugin__ = {};'); // { bytes: 35, sha256: '…' }
 */
export function bundleDigest(code: string | Uint8Array): { bytes: number; sha256: string } {
  const bytes = typeof code === 'string' ? Buffer.from(code, 'utf8') : code;
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Options of {@link makeManifest}.
 *
 * @example
 * const opts: ManifestOptions = { kind: 'risk-type', publisher: { name: 'Fenghuo', keyId: pair.keyId } };
 */
export interface ManifestOptions {
  kind: PluginKind;
  publisher: { name: string; keyId: string };
  /** Default `^<major>.<minor>.0` of this SDK. */
  sdkRange?: string;
  /** Default now. */
  createdAt?: string;
  /** Default `<id>-<version>.fhp.js`. */
  file?: string;
}

/** A TypeBox value as plain JSON Schema: its symbol keys (Kind, Optional) are not JSON and go. */
const jsonSchema = (schema: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(schema));
const i18n = (v: I18n): I18n => ({ zh: v.zh, en: v.en });

function metricsOf(metrics: Record<string, MetricDef>): UnsignedManifest['metrics'] {
  const out: UnsignedManifest['metrics'] = {};
  for (const [key, m] of Object.entries(metrics)) {
    out[key] = {
      unit: m.unit,
      name: i18n(m.name),
      schema: jsonSchema(m.schema),
      ...(m.intervalSec === undefined ? {} : { intervalSec: m.intervalSec }),
    };
  }
  return out;
}

/**
 * The unsigned manifest of a checked definition and its bundle code. Checks the definition for its kind
 * (`checkRiskType`/`checkSensor`) and the result against {@link UnsignedManifestSchema}. A sensor has no
 * name of its own; its manifest is named `<vendor> <model>`.
 *
 * @example
 * const { code, def } = await buildBundle({ dir: 'plugins/gas-pipeline' });
 * const unsigned = makeManifest(def, code, { kind: 'risk-type', publisher: { name: 'Fenghuo', keyId } });
 * const manifest = signManifest(unsigned, privateKeyPem);
 */
export function makeManifest(
  def: unknown,
  code: string | Uint8Array,
  opts: ManifestOptions,
): UnsignedManifest {
  const sdk = opts.sdkRange ?? defaultSdkRange(SDK_VERSION);
  parseRange(sdk);
  const digest = bundleDigest(code);
  let fields: Pick<UnsignedManifest, 'id' | 'version' | 'name' | 'metrics'> &
    Partial<Pick<UnsignedManifest, 'description' | 'vendor' | 'model' | 'domain' | 'objects' | 'config'>>;
  if (opts.kind === 'risk-type') {
    checkRiskType(def);
    const objects: NonNullable<UnsignedManifest['objects']> = {};
    for (const [key, o] of Object.entries(def.objects)) {
      objects[key] = { name: i18n(o.name), attributes: jsonSchema(o.attributes) };
    }
    fields = {
      id: def.id,
      version: def.version,
      name: i18n(def.name),
      ...(def.description ? { description: i18n(def.description) } : {}),
      domain: def.domain,
      metrics: metricsOf(def.metrics),
      objects,
      ...(def.config ? { config: jsonSchema(def.config) } : {}),
    };
  } else {
    checkSensor(def);
    const label = `${def.vendor} ${def.model}`;
    fields = {
      id: def.id,
      version: def.version,
      name: { zh: label, en: label },
      vendor: def.vendor,
      model: def.model,
      metrics: metricsOf(def.metrics),
    };
  }
  const { id, version, ...described } = fields;
  const manifest: UnsignedManifest = {
    manifestVersion: 1,
    id,
    version,
    kind: opts.kind,
    sdk,
    ...described,
    bundle: { file: opts.file ?? `${id}-${version}.fhp.js`, ...digest },
    publisher: { name: opts.publisher.name, keyId: opts.publisher.keyId },
    createdAt: opts.createdAt ?? new Date().toISOString(),
  };
  const problems = manifestProblems(manifest, { signed: false });
  if (problems.length > 0) {
    throw sdkErrors.MANIFEST_INVALID({ count: problems.length, list: formatProblems(problems) }, problems);
  }
  return manifest;
}
