/**
 * The GraphQL context: who is asking (from the Bearer token, or the websocket's `connection_init`
 * payload) and the per-execution batch loaders, all bound to the caller's city.
 */
import { CAN, type Principal, type Role } from '../../auth/tokens.js';
import type { Core } from '../../core.js';
import { coreErrors } from '../../errors.js';
import {
  type AlarmModel,
  type ArchiveEventModel,
  alarmsByIds,
  archiveByAlarmIds,
  type WarningModel,
  warningsByAlarmIds,
  warningsByIds,
} from './data-events.js';
import {
  latestBySensorIds,
  type MetricValueModel,
  type ObjectModel,
  objectsByIds,
  type SensorModel,
  sensorsByIds,
  sensorsByObjectIds,
  type UnitModel,
  unitsByIds,
} from './data-inventory.js';
import { Loader } from './loader.js';

export interface Loaders {
  unit: Loader<string, UnitModel>;
  object: Loader<string, ObjectModel>;
  sensor: Loader<string, SensorModel>;
  sensorsOfObject: Loader<string, SensorModel[]>;
  latest: Loader<string, MetricValueModel[]>;
  alarm: Loader<string, AlarmModel>;
  archive: Loader<string, ArchiveEventModel[]>;
  warning: Loader<string, WarningModel>;
  warningOfAlarm: Loader<string, WarningModel>;
}

export interface GqlContext {
  principal?: Principal | null;
  /** Made on first use in each execution (see `loaders`). */
  fhLoaders?: Loaders;
}

function makeLoaders(core: Core, city: string): Loaders {
  const db = core.db;
  return {
    unit: new Loader((ids) => unitsByIds(db, city, ids)),
    object: new Loader((ids) => objectsByIds(db, city, ids)),
    sensor: new Loader((ids) => sensorsByIds(db, city, ids)),
    sensorsOfObject: new Loader((ids) => sensorsByObjectIds(db, city, ids)),
    latest: new Loader((ids) => latestBySensorIds(db, city, ids)),
    alarm: new Loader((ids) => alarmsByIds(db, city, ids)),
    archive: new Loader((ids) => archiveByAlarmIds(db, city, ids)),
    warning: new Loader((ids) => warningsByIds(db, city, ids)),
    warningOfAlarm: new Loader((ids) => warningsByAlarmIds(db, city, ids)),
  };
}

export type Permission = keyof typeof CAN;

/** The caller, who must hold a role allowed to `permission`; throws FH_AUTH_UNAUTHENTICATED / FH_AUTH_FORBIDDEN. */
export function need(ctx: GqlContext, permission: Permission, action: string): Principal {
  const p = ctx.principal;
  if (!p) throw coreErrors.AUTH_UNAUTHENTICATED();
  if (!(CAN[permission] as Role[]).includes(p.role)) throw coreErrors.AUTH_FORBIDDEN({ action });
  return p;
}

/** The batch loaders of this execution, for the caller's city (who must be allowed to read). */
export function loaders(core: Core, ctx: GqlContext): Loaders {
  const p = need(ctx, 'read', 'read this city');
  if (!ctx.fhLoaders) ctx.fhLoaders = makeLoaders(core, p.city);
  return ctx.fhLoaders;
}
