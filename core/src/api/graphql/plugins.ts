/**
 * The plugin registry and operator alarms in GraphQL: the same operations as the REST routes
 * (core/src/registry/http.ts), for the caller's city. Uploading stays REST (`POST /api/v1/plugins`),
 * where the bundle travels as bytes.
 */
import type { Core } from '../../core.js';
import { coreErrors } from '../../errors.js';
import {
  acknowledgeOperatorAlarm,
  changeCityPlugin,
  listOperatorAlarms,
  type OperatorAlarm,
  pluginDetail,
  rollbackCityPlugin,
} from '../../registry/city.js';
import { listAudit, listPublishers } from '../../registry/store.js';
import { type GqlContext, need } from './context.js';

type Args = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function operatorAlarmModel(a: OperatorAlarm) {
  return { ...a, title: { zh: a.titleZh, en: a.titleEn } };
}

function configArg(v: unknown): Record<string, unknown> | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw coreErrors.API_BAD_REQUEST({ reason: 'config must be a JSON object or null' });
  }
  return v as Record<string, unknown>;
}

export function pluginQueryResolvers(core: Core) {
  return {
    plugins: async (_: unknown, __: Args, ctx: GqlContext) => {
      const p = need(ctx, 'read', 'list plugins');
      const ids = [...new Set([...core.plugins.riskTypes.keys(), ...core.plugins.sensors.keys()])].sort();
      return Promise.all(ids.map((id) => pluginDetail(core, p.city, id)));
    },
    plugin: async (_: unknown, a: Args, ctx: GqlContext) => {
      const p = need(ctx, 'read', 'read plugins');
      const id = String(a['id']);
      return core.plugins.kind(id) ? pluginDetail(core, p.city, id) : null;
    },
    pluginAudit: async (_: unknown, a: Args, ctx: GqlContext) => {
      const p = need(ctx, 'read', 'read the plugin audit');
      const plugin = str(a['plugin']);
      return listAudit(core.db, {
        city: p.city,
        ...(plugin ? { plugin } : {}),
        limit: typeof a['first'] === 'number' ? a['first'] : 100,
      });
    },
    publishers: async (_: unknown, __: Args, ctx: GqlContext) => {
      need(ctx, 'read', 'list publisher keys');
      return listPublishers(core.db);
    },
    operatorAlarms: async (_: unknown, a: Args, ctx: GqlContext) => {
      const p = need(ctx, 'read', 'read operator alarms');
      return (await listOperatorAlarms(core.db, p.city, { open: a['open'] === true })).map(
        operatorAlarmModel,
      );
    },
  };
}

export function pluginMutationResolvers(core: Core) {
  const change = async (
    ctx: GqlContext,
    action: string,
    run: (city: string, actor: string) => Promise<unknown>,
    id: string,
  ) => {
    const p = need(ctx, 'configure', action);
    await run(p.city, p.name);
    return pluginDetail(core, p.city, id);
  };
  return {
    setPluginEnabled: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return change(
        ctx,
        'enable or disable plugins',
        (city, actor) => changeCityPlugin(core, city, id, { enabled: a['enabled'] === true }, actor),
        id,
      );
    },
    pinPluginVersion: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return change(
        ctx,
        'pin plugin versions',
        (city, actor) =>
          changeCityPlugin(core, city, id, { pinnedVersion: str(a['version']) ?? null }, actor),
        id,
      );
    },
    rollbackPlugin: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return change(
        ctx,
        'roll plugins back',
        (city, actor) => rollbackCityPlugin(core, city, id, actor, str(a['to'])),
        id,
      );
    },
    setPluginConfig: (_: unknown, a: Args, ctx: GqlContext) => {
      const id = String(a['id']);
      return change(
        ctx,
        'configure plugins',
        (city, actor) => changeCityPlugin(core, city, id, { config: configArg(a['config']) }, actor),
        id,
      );
    },
    acknowledgeOperatorAlarm: async (_: unknown, a: Args, ctx: GqlContext) => {
      const p = need(ctx, 'operate', 'acknowledge operator alarms');
      const id = String(a['id']);
      const done = await acknowledgeOperatorAlarm(core.db, p.city, id, p.name);
      if (!done) throw coreErrors.API_NOT_FOUND({ what: 'open operator alarm', id });
      return operatorAlarmModel(done);
    },
  };
}
