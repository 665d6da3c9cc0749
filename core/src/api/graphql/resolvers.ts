/**
 * Query and type resolvers. Lists are keyset-paginated; nested fields go through the per-execution
 * batch loaders, so a page of 50 alarms with their sensors, objects and warnings is four queries, not 150.
 */
import type { Level } from '@fenghuo/sdk';
import type { Core } from '../../core.js';
import { coreErrors } from '../../errors.js';
import { type GqlContext, loaders, need } from './context.js';
import { pageSize } from './cursor.js';
import {
  type AlarmModel,
  listAlarms,
  listNotifications,
  listWarnings,
  type NotificationModel,
  type WarningModel,
} from './data-events.js';
import {
  cityInfo,
  listObjects,
  listOverrides,
  listSensors,
  listUnits,
  type ObjectModel,
  readingSeries,
  type SensorModel,
} from './data-inventory.js';
import { riskTypes } from './risk-types.js';

type Args = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Most points one readings query returns. */
export const MAX_READINGS = 100_000;

export function queryResolvers(core: Core) {
  const db = core.db;
  const read = (ctx: GqlContext) => need(ctx, 'read', 'read this city');
  return {
    me: (_: unknown, __: Args, ctx: GqlContext) => read(ctx),
    city: (_: unknown, __: Args, ctx: GqlContext) => cityInfo(db, read(ctx).city),
    units: (_: unknown, __: Args, ctx: GqlContext) => listUnits(db, read(ctx).city),
    objects: (_: unknown, a: Args, ctx: GqlContext) =>
      listObjects(db, read(ctx).city, {
        role: str(a['role']),
        riskType: str(a['riskType']),
        first: pageSize(a['first'] as number | null),
        after: str(a['after']),
      }),
    object: (_: unknown, a: Args, ctx: GqlContext) => loaders(core, ctx).object.load(String(a['id'])),
    sensors: (_: unknown, a: Args, ctx: GqlContext) =>
      listSensors(db, read(ctx).city, {
        objectId: str(a['objectId']),
        riskType: str(a['riskType']),
        first: pageSize(a['first'] as number | null),
        after: str(a['after']),
      }),
    sensor: (_: unknown, a: Args, ctx: GqlContext) => loaders(core, ctx).sensor.load(String(a['id'])),
    readings: async (_: unknown, a: Args, ctx: GqlContext) => {
      const city = read(ctx).city;
      const sensorId = String(a['sensor']);
      const metric = String(a['metric']);
      const from = a['from'] as Date;
      const to = a['to'] as Date;
      const bucket = (a['bucket'] as number | null | undefined) ?? null;
      const limit = (a['limit'] as number | null | undefined) ?? 10_000;
      if (from.getTime() > to.getTime())
        throw coreErrors.API_VALIDATION({ reason: 'from must not be after to' });
      if (bucket !== null && (bucket < 1 || bucket > 366 * 86_400)) {
        throw coreErrors.API_VALIDATION({ reason: 'bucket must be from 1 second to 366 days' });
      }
      if (limit < 1 || limit > MAX_READINGS) {
        throw coreErrors.API_VALIDATION({ reason: `limit must be from 1 to ${MAX_READINGS}` });
      }
      const { rows } = await db.query<{ sid: number; risk_type: string; metrics: string[] }>(
        'SELECT sid, risk_type, metrics FROM sensors WHERE city_id = $1 AND id = $2',
        [city, sensorId],
      );
      const s = rows[0];
      if (!s) throw coreErrors.API_NOT_FOUND({ what: 'sensor', id: sensorId });
      if (!s.metrics.includes(metric))
        throw coreErrors.API_NOT_FOUND({ what: `metric of sensor ${sensorId}`, id: metric });
      const metricId = core.sensors.metricIds.get(metric);
      const points =
        metricId === undefined ? [] : await readingSeries(db, s.sid, metricId, from, to, bucket, limit);
      return {
        sensor: sensorId,
        metric,
        unit: core.plugins.metric(s.risk_type, metric)?.unit ?? '',
        bucket,
        points,
      };
    },
    alarms: (_: unknown, a: Args, ctx: GqlContext) => {
      const minLevel =
        (a['minLevel'] as Level | null | undefined) ?? (a['minTier'] as Level | null | undefined) ?? null;
      return listAlarms(db, read(ctx).city, {
        status: (a['status'] as string[] | null | undefined) ?? null,
        minLevel,
        first: pageSize(a['first'] as number | null),
        after: str(a['after']),
      });
    },
    alarm: (_: unknown, a: Args, ctx: GqlContext) => loaders(core, ctx).alarm.load(String(a['id'])),
    warnings: (_: unknown, a: Args, ctx: GqlContext) =>
      listWarnings(db, read(ctx).city, {
        minTier: (a['minTier'] as Level | null | undefined) ?? null,
        status: str(a['status']),
        first: pageSize(a['first'] as number | null),
        after: str(a['after']),
      }),
    warning: (_: unknown, a: Args, ctx: GqlContext) => loaders(core, ctx).warning.load(String(a['id'])),
    riskTypes: (_: unknown, __: Args, ctx: GqlContext) => {
      return riskTypes(core.plugins, read(ctx).city);
    },
    thresholdOverrides: (_: unknown, a: Args, ctx: GqlContext) =>
      listOverrides(db, read(ctx).city, str(a['riskType'])),
    notifications: (_: unknown, a: Args, ctx: GqlContext) =>
      listNotifications(db, read(ctx).city, {
        unit: str(a['unit']),
        first: pageSize(a['first'] as number | null),
        after: str(a['after']),
      }),
  };
}

/** Resolvers of nested fields, each through a batch loader. */
export function typeResolvers(core: Core) {
  const l = (ctx: GqlContext) => loaders(core, ctx);
  /** A reference that must resolve (a row of the same city the database keeps consistent). */
  const must = async <T>(p: Promise<T | undefined>, what: string, id: string): Promise<T> => {
    const v = await p;
    if (v === undefined) throw coreErrors.API_NOT_FOUND({ what, id });
    return v;
  };
  return {
    CityObject: {
      ownerUnit: (o: ObjectModel, _: Args, ctx: GqlContext) =>
        o.ownerUnitId === null
          ? null
          : l(ctx)
              .unit.load(o.ownerUnitId)
              .then((u) => u ?? null),
      sensors: (o: ObjectModel, _: Args, ctx: GqlContext) =>
        l(ctx)
          .sensorsOfObject.load(o.id)
          .then((s) => s ?? []),
    },
    Sensor: {
      object: (s: SensorModel, _: Args, ctx: GqlContext) =>
        must(l(ctx).object.load(s.objectId), 'object', s.objectId),
      latest: (s: SensorModel, _: Args, ctx: GqlContext) =>
        l(ctx)
          .latest.load(s.id)
          .then((v) => v ?? []),
    },
    Alarm: {
      sensor: (a: AlarmModel, _: Args, ctx: GqlContext) =>
        must(l(ctx).sensor.load(a.sensorId), 'sensor', a.sensorId),
      object: (a: AlarmModel, _: Args, ctx: GqlContext) =>
        must(l(ctx).object.load(a.objectId), 'object', a.objectId),
      archive: (a: AlarmModel, _: Args, ctx: GqlContext) =>
        l(ctx)
          .archive.load(a.id)
          .then((v) => v ?? []),
      warning: (a: AlarmModel, _: Args, ctx: GqlContext) =>
        l(ctx)
          .warningOfAlarm.load(a.id)
          .then((w) => w ?? null),
    },
    Warning: {
      alarm: (w: WarningModel, _: Args, ctx: GqlContext) =>
        must(l(ctx).alarm.load(w.alarmId), 'alarm', w.alarmId),
      object: (w: WarningModel, _: Args, ctx: GqlContext) =>
        must(l(ctx).object.load(w.objectId), 'object', w.objectId),
    },
    Notification: {
      unit: (n: NotificationModel, _: Args, ctx: GqlContext) =>
        l(ctx)
          .unit.load(n.unitId)
          .then((u) => u ?? null),
    },
  };
}
