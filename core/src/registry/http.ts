/**
 * The registry's HTTP API (`/api/v1/plugins…`). Uploads come as JSON `{ manifest, bundle: <base64> }`
 * (what `fenghuo plugin publish` sends) or as multipart with the parts `manifest` and `bundle`; a
 * publisher or administrator token may upload. Everything else is per city: the token's city is the
 * city whose plugins are listed and changed (an administrator changes, anyone who may read lists).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticate, CAN, type Principal, type Role } from '../auth/tokens.js';
import { isRecord } from '../catalog/validate.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { announce } from '../rules/sync.js';
import {
  type CityPluginChange,
  changeCityPlugin,
  cityPluginView,
  listOperatorAlarms,
  pluginDetail,
  rollbackCityPlugin,
} from './city.js';
import { installBundle } from './install.js';
import { revokePublisherKey, trustPublisherKey } from './keys.js';
import { getVersion, listAudit, listPublishers, listVersions } from './store.js';

/** Largest bundle accepted, bytes. A bundle is one script; the shipped ones are 100–260 kB
 * (the SDK's TypeBox is bundled in). */
export const MAX_BUNDLE_BYTES = 5 * 1024 * 1024;
const MAX_MANIFEST_BYTES = 256 * 1024;

async function principal(core: Core, req: FastifyRequest, roles: Role[], action: string): Promise<Principal> {
  const p = await authenticate(core.db, req.headers.authorization);
  if (!p) throw coreErrors.AUTH_UNAUTHENTICATED();
  if (!roles.includes(p.role)) throw coreErrors.AUTH_FORBIDDEN({ action });
  return p;
}

/** The upload from a JSON body. */
function fromJson(body: unknown): { manifest: unknown; bundle: Buffer } {
  if (!isRecord(body)) {
    throw coreErrors.PLUGIN_UPLOAD_INVALID({
      reason: 'the body must be { "manifest": {…}, "bundle": "<base64>" }',
    });
  }
  const { manifest, bundle } = body;
  if (!isRecord(manifest)) throw coreErrors.PLUGIN_UPLOAD_INVALID({ reason: '"manifest" must be an object' });
  if (typeof bundle !== 'string' || bundle.length === 0) {
    throw coreErrors.PLUGIN_UPLOAD_INVALID({ reason: '"bundle" must be the bundle file in base64' });
  }
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bundle)) {
    throw coreErrors.PLUGIN_UPLOAD_INVALID({ reason: '"bundle" is not base64' });
  }
  return { manifest, bundle: Buffer.from(bundle, 'base64') };
}

/** The upload from multipart parts `manifest` (JSON, a file or a field) and `bundle` (the file). */
async function fromMultipart(req: FastifyRequest): Promise<{ manifest: unknown; bundle: Buffer }> {
  let manifestText: string | undefined;
  let bundle: Buffer | undefined;
  try {
    for await (const part of req.parts({
      limits: { fileSize: MAX_BUNDLE_BYTES, files: 2, fields: 2, fieldSize: MAX_MANIFEST_BYTES, parts: 4 },
    })) {
      if (part.fieldname !== 'manifest' && part.fieldname !== 'bundle') {
        if (part.type === 'file') await part.toBuffer();
        throw coreErrors.PLUGIN_UPLOAD_INVALID({
          reason: `unexpected part "${part.fieldname}" (send "manifest" and "bundle")`,
        });
      }
      const data = part.type === 'file' ? await part.toBuffer() : Buffer.from(String(part.value), 'utf8');
      if (part.fieldname === 'manifest') manifestText = data.toString('utf8');
      else bundle = data;
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && String(err.code).startsWith('FST_')) {
      throw coreErrors.PLUGIN_UPLOAD_INVALID({ reason: err.message });
    }
    throw err;
  }
  if (manifestText === undefined || bundle === undefined) {
    throw coreErrors.PLUGIN_UPLOAD_INVALID({
      reason: 'multipart uploads need a "manifest" part and a "bundle" part',
    });
  }
  try {
    return { manifest: JSON.parse(manifestText), bundle };
  } catch (err) {
    throw coreErrors.PLUGIN_UPLOAD_INVALID({ reason: `the manifest is not JSON: ${(err as Error).message}` });
  }
}

function changeFrom(body: unknown): CityPluginChange {
  if (!isRecord(body)) throw coreErrors.API_BAD_REQUEST({ reason: 'the body must be a JSON object' });
  const change: CityPluginChange = {};
  for (const key of Object.keys(body)) {
    if (!['enabled', 'pinnedVersion', 'config'].includes(key)) {
      throw coreErrors.API_BAD_REQUEST({ reason: `unknown field "${key}" (enabled, pinnedVersion, config)` });
    }
  }
  if ('enabled' in body) {
    if (typeof body['enabled'] !== 'boolean')
      throw coreErrors.API_BAD_REQUEST({ reason: '"enabled" must be true or false' });
    change.enabled = body['enabled'];
  }
  if ('pinnedVersion' in body) {
    const v = body['pinnedVersion'];
    if (v !== null && typeof v !== 'string') {
      throw coreErrors.API_BAD_REQUEST({ reason: '"pinnedVersion" must be a version or null' });
    }
    change.pinnedVersion = v;
  }
  if ('config' in body) {
    const c = body['config'];
    if (c !== null && !isRecord(c))
      throw coreErrors.API_BAD_REQUEST({ reason: '"config" must be an object or null' });
    change.config = c;
  }
  return change;
}

export async function registerPluginRoutes(app: FastifyInstance, core: Core): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(multipart);

    scope.post(
      '/api/v1/plugins',
      { bodyLimit: Math.ceil((MAX_BUNDLE_BYTES * 4) / 3) + MAX_MANIFEST_BYTES },
      async (req, reply) => {
        const p = await principal(core, req, CAN.publish, 'publish plugins');
        const upload = req.isMultipart() ? await fromMultipart(req) : fromJson(req.body);
        if (upload.bundle.byteLength > MAX_BUNDLE_BYTES) {
          throw coreErrors.PLUGIN_UPLOAD_INVALID({
            reason: `the bundle is ${upload.bundle.byteLength} bytes; at most ${MAX_BUNDLE_BYTES} are accepted`,
          });
        }
        const result = await installBundle(
          { db: core.db, sandbox: core.sandbox, plugins: core.plugins, log: core.log },
          { manifest: upload.manifest, bundle: upload.bundle, actor: p.name, source: 'upload' },
        );
        if (result.status !== 'unchanged') await announce(core, { kind: 'plugins', city: null });
        const { id, version, kind } = result.manifest;
        const view = cityPluginView(core, p.city, id);
        const message =
          result.status === 'unchanged'
            ? `${id}@${version} 已安装，内容相同 / already installed with this bundle`
            : view.enabled
              ? `${id}@${version} 已安装；本市${view.pinnedVersion ? `固定在 ${view.pinnedVersion}` : '已启用并使用最新版本'} / installed; ${view.pinnedVersion ? `your city is pinned to ${view.pinnedVersion}` : 'enabled for your city, which follows the latest version'}`
              : `${id}@${version} 已安装；本市尚未启用（PATCH /api/v1/plugins/${id} {"enabled":true}）/ installed; not enabled for your city yet (PATCH /api/v1/plugins/${id} {"enabled":true})`;
        return reply.code(result.status === 'unchanged' ? 200 : 201).send({
          status: result.status,
          id,
          version,
          kind,
          sha256: result.manifest.bundle.sha256,
          loadMs: Math.round(result.loadMs * 10) / 10,
          city: p.city,
          plugin: view,
          message,
        });
      },
    );

    scope.get('/api/v1/plugins', async (req) => {
      const p = await principal(core, req, CAN.read, 'list plugins');
      const ids = [...new Set([...core.plugins.riskTypes.keys(), ...core.plugins.sensors.keys()])].sort();
      return { city: p.city, plugins: await Promise.all(ids.map((id) => pluginDetail(core, p.city, id))) };
    });

    scope.get<{ Params: { id: string } }>('/api/v1/plugins/:id', async (req) => {
      const p = await principal(core, req, CAN.read, 'read plugins');
      return { city: p.city, ...(await pluginDetail(core, p.city, req.params.id)) };
    });

    scope.get<{ Params: { id: string; version: string } }>(
      '/api/v1/plugins/:id/versions/:version',
      async (req) => {
        await principal(core, req, CAN.read, 'read plugins');
        const row = await getVersion(core.db, req.params.id, req.params.version);
        if (!row) {
          const known = (await listVersions(core.db, req.params.id)).map((v) => v.version);
          if (known.length === 0) throw coreErrors.PLUGIN_NOT_FOUND({ id: req.params.id });
          throw coreErrors.PLUGIN_VERSION_NOT_FOUND({ ...req.params, known: known.join(', ') });
        }
        const { bundle: _bundle, ...rest } = row;
        return rest;
      },
    );

    scope.get<{ Params: { id: string } }>('/api/v1/plugins/:id/audit', async (req) => {
      const p = await principal(core, req, CAN.read, 'read the plugin audit');
      if (!core.plugins.kind(req.params.id)) throw coreErrors.PLUGIN_NOT_FOUND({ id: req.params.id });
      return { entries: await listAudit(core.db, { city: p.city, plugin: req.params.id }) };
    });

    scope.patch<{ Params: { id: string } }>('/api/v1/plugins/:id', async (req) => {
      const p = await principal(core, req, CAN.configure, 'change plugins');
      return changeCityPlugin(core, p.city, req.params.id, changeFrom(req.body), p.name);
    });

    scope.post<{ Params: { id: string } }>('/api/v1/plugins/:id/rollback', async (req) => {
      const p = await principal(core, req, CAN.configure, 'roll plugins back');
      const body = req.body;
      let to: string | undefined;
      if (isRecord(body) && body['to'] !== undefined) {
        if (typeof body['to'] !== 'string')
          throw coreErrors.API_BAD_REQUEST({ reason: '"to" must be a version' });
        to = body['to'];
      }
      return rollbackCityPlugin(core, p.city, req.params.id, p.name, to);
    });

    scope.get('/api/v1/publishers', async (req) => {
      await principal(core, req, [...CAN.read, ...CAN.platform], 'list publisher keys');
      return { publishers: await listPublishers(core.db) };
    });

    // Trusting a key is platform-wide: the platform operator's token only.
    scope.post('/api/v1/publishers', async (req, reply) => {
      const p = await principal(core, req, CAN.platform, 'trust publisher keys');
      const body = req.body;
      if (!isRecord(body) || typeof body['name'] !== 'string' || typeof body['publicKey'] !== 'string') {
        throw coreErrors.PLUGIN_KEY_INVALID({
          reason: 'the body must be { "name": "<publisher>", "publicKey": "<Ed25519 public key, PEM>" }',
        });
      }
      const key = await trustPublisherKey(core.db, {
        name: body['name'],
        publicKeyPem: body['publicKey'],
        actor: p.name,
      });
      return reply.code(201).send(key);
    });

    scope.delete<{ Params: { keyId: string } }>('/api/v1/publishers/:keyId', async (req) => {
      const p = await principal(core, req, CAN.platform, 'revoke publisher keys');
      return revokePublisherKey(core.db, req.params.keyId, p.name);
    });

    scope.get('/api/v1/operator-alarms', async (req) => {
      const p = await principal(core, req, CAN.read, 'read operator alarms');
      const open = (req.query as Record<string, unknown>)['open'];
      return { alarms: await listOperatorAlarms(core.db, p.city, { open: open === 'true' || open === '1' }) };
    });
  });
}
