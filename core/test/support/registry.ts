/**
 * Helpers of the plugin-registry tests: test plugins built into bundles and signed by a vendor key,
 * uploads over HTTP (JSON and multipart), and cores that share one database — a restart, or two
 * processes on one PostgreSQL schema.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BuiltBundle,
  buildBundle,
  generateKeyPair,
  type KeyPair,
  type Manifest,
  makeManifest,
  signManifest,
} from '@fenghuo/sdk/bundle';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildServer } from '../../src/api/server.js';
import { createCore } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core.js';
import { ingestWriter } from '../../src/ingest/http.js';
import { trustPublisherKey } from '../../src/registry/keys.js';
import { testSchema } from '../helpers.js';
import { writePluginPackage } from './raw-plugins.js';

/** A vendor: its Ed25519 key pair and the name its manifests carry. */
export interface Vendor extends KeyPair {
  name: string;
}

export function makeVendor(name: string): Vendor {
  return { name, ...generateKeyPair() };
}

/** Trust a vendor's key on the platform, as the operator's `fenghuo-core keys trust` does. */
export async function trustVendor(core: Core, vendor: Vendor): Promise<void> {
  await trustPublisherKey(core.db, { name: vendor.name, publicKeyPem: vendor.publicKeyPem, actor: 'ops' });
}

/** Write a plugin package into `root/name` and build its bundle. */
export async function buildPlugin(
  root: string,
  name: string,
  kind: 'risk-type' | 'sensor',
  source: string,
): Promise<BuiltBundle> {
  writePluginPackage(root, name, kind, source);
  return buildBundle({ dir: join(root, name) });
}

/** What a publisher uploads. */
export interface Upload {
  manifest: Manifest;
  bundle: string;
}

/**
 * Sign a built plugin with a vendor's key, as `fenghuo plugin pack` does. `def` and `code` let a test
 * describe one thing and ship another.
 */
export function signed(
  built: Pick<BuiltBundle, 'def' | 'code' | 'kind'>,
  vendor: Vendor,
  opts: { def?: unknown; code?: string; sdkRange?: string } = {},
): Upload {
  const code = opts.code ?? built.code;
  const manifest = signManifest(
    makeManifest(opts.def ?? built.def, code, {
      kind: built.kind,
      publisher: { name: vendor.name, keyId: vendor.keyId },
      ...(opts.sdkRange ? { sdkRange: opts.sdkRange } : {}),
    }),
    vendor.privateKeyPem,
  );
  return { manifest, bundle: code };
}

const bearer = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});

/** `POST /api/v1/plugins` with a JSON body as given. */
export function postPlugins(
  app: FastifyInstance,
  token: string | null,
  body: unknown,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/plugins',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
}

/** `POST /api/v1/plugins` with `{ manifest, bundle: <base64> }`, as `fenghuo plugin publish` sends it. */
export function uploadJson(
  app: FastifyInstance,
  token: string | null,
  upload: Upload,
): Promise<LightMyRequestResponse> {
  return postPlugins(app, token, {
    manifest: upload.manifest,
    bundle: Buffer.from(upload.bundle, 'utf8').toString('base64'),
  });
}

/** A multipart part sent as a file (a plain string is sent as a field). */
export const file = (text: string): Blob => new Blob([text], { type: 'application/octet-stream' });

/** `POST /api/v1/plugins` as multipart: the parts, in order. */
export async function uploadMultipart(
  app: FastifyInstance,
  token: string | null,
  parts: Record<string, string | Blob>,
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, `${name}.bin`);
  }
  const req = new Request('http://local/', { method: 'POST', body: form });
  return app.inject({
    method: 'POST',
    url: '/api/v1/plugins',
    headers: { ...bearer(token), 'content-type': req.headers.get('content-type')! },
    payload: Buffer.from(await req.arrayBuffer()),
  });
}

/** The parts of a multipart upload of `upload`: both files, or the manifest as a field. */
export const multipartOf = (
  upload: Upload,
  manifestAs: 'file' | 'field' = 'file',
): Record<string, string | Blob> => ({
  manifest: manifestAs === 'file' ? file(JSON.stringify(upload.manifest)) : JSON.stringify(upload.manifest),
  bundle: file(upload.bundle),
});

/** A core and its HTTP server, closed together. */
export interface Served {
  core: Core;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * One test database that several cores open: in turn (a restart) or, with PostgreSQL, at once (two
 * processes). PGlite keeps its data in a folder so that a restarted core finds it.
 */
export interface SharedDatabase {
  /** Open a core (and its HTTP server) on the database. */
  open(overrides?: Partial<Config>): Promise<Served>;
  /** Close every core still open and drop the database. */
  dispose(): Promise<void>;
}

export function sharedDatabase(label: string, base: Partial<Config> = {}): SharedDatabase {
  const schema = testSchema(label);
  const url = process.env.DATABASE_URL || undefined;
  const dataDir = url ? '' : mkdtempSync(join(tmpdir(), 'fh-registry-'));
  const open = new Set<Served>();
  return {
    async open(overrides = {}) {
      const config = loadConfig(process.env, {
        schema,
        databaseUrl: url,
        dataDir,
        logLevel: process.env.LOG_LEVEL || 'silent',
        runJobs: false,
        ...base,
        ...overrides,
      });
      const core = await createCore(config, { logger: pino({ level: config.logLevel }) });
      const app = await buildServer(core);
      const served: Served = {
        core,
        app,
        async close() {
          if (!open.delete(served)) return;
          await app.close();
          await ingestWriter(core).close();
          core.sandbox.dispose();
          await core.db.close();
        },
      };
      open.add(served);
      return served;
    },
    async dispose() {
      for (const s of [...open]) await s.close();
      if (url) {
        const pg = (await import('pg')).default;
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        try {
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        } finally {
          await c.end();
        }
      } else {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Poll `check` until it returns true or `ms` pass. */
export async function eventually(check: () => Promise<boolean> | boolean, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}
