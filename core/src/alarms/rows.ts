/** Alarm rows as stored, and the payload the event bus carries for them. */
import type { Level } from '@fenghuo/sdk';
import type { AlarmEventPayload } from '../events.js';
import type { Queryable } from '../store/db.js';

export type AlarmStatus = 'raised' | 'acknowledged' | 'cleared' | 'closed' | 'false_alarm';
export type AlarmKind = 'threshold' | 'offline';

/** Statuses of an open alarm: the partial unique index `alarms_one_open` covers exactly these. */
export const OPEN_STATUSES: readonly AlarmStatus[] = ['raised', 'acknowledged'];

export interface AlarmRow {
  id: string;
  city_id: string;
  sid: number;
  sensor_id: string;
  object_id: string;
  risk_type: string;
  metric: string;
  kind: AlarmKind;
  level: Level;
  max_level: Level;
  status: AlarmStatus;
  cause: string;
  value: number | null;
  limit_value: number | null;
  reading_ts: Date | string | null;
  raised_at: Date | string;
  updated_at: Date | string;
  acknowledged_at: Date | string | null;
  acknowledged_by: string | null;
  cleared_at: Date | string | null;
  closed_at: Date | string | null;
}

const COLUMNS = [
  'sid',
  'city_id',
  'sensor_id',
  'object_id',
  'risk_type',
  'metric',
  'kind',
  'level',
  'max_level',
  'status',
  'cause',
  'value',
  'limit_value',
  'reading_ts',
  'raised_at',
  'updated_at',
  'acknowledged_at',
  'acknowledged_by',
  'cleared_at',
  'closed_at',
];

/** The columns of {@link AlarmRow}, qualified by a table alias when given. */
export function alarmColumns(alias = ''): string {
  const p = alias ? `${alias}.` : '';
  return [`${p}id::text AS id`, ...COLUMNS.map((c) => p + c)].join(', ');
}

/** The columns of {@link AlarmRow}, for `SELECT ${ALARM_COLUMNS} FROM alarms`. */
export const ALARM_COLUMNS = alarmColumns();

export function iso(v: Date | string | null): string | null {
  return v === null ? null : new Date(v).toISOString();
}

export function alarmPayload(a: AlarmRow, previousLevel: Level | null): AlarmEventPayload {
  return {
    id: a.id,
    city: a.city_id,
    sensorId: a.sensor_id,
    objectId: a.object_id,
    riskType: a.risk_type,
    metric: a.metric,
    level: a.level,
    previousLevel,
    status: a.status,
    value: a.value,
    limit: a.limit_value,
    ts: iso(a.reading_ts),
    storedAtMs: Date.now(),
  };
}

/** One alarm of a city, optionally locked for update; `null` when the id is malformed or not in the city. */
export async function loadAlarm(
  q: Queryable,
  city: string | null,
  id: string,
  lock = false,
): Promise<AlarmRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await q.query<AlarmRow>(
    `SELECT ${ALARM_COLUMNS} FROM alarms WHERE id = $1::bigint AND ($2::text IS NULL OR city_id = $2)${lock ? ' FOR UPDATE' : ''}`,
    [id, city],
  );
  return rows[0] ?? null;
}
