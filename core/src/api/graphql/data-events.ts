/**
 * Queries behind the event part of the GraphQL API (alarms, their archive, warnings, notifications).
 * Lists are newest first with keyset cursors on (time, id), served by the `(city_id, time DESC)` indexes.
 * Every function takes the caller's city and never reads another's rows.
 */
import { LEVELS, type Level } from '@fenghuo/sdk';
import { ALARM_COLUMNS, type AlarmRow } from '../../alarms/rows.js';
import type { Queryable } from '../../store/db.js';
import { decodeCursor, encodeCursor, type Page, toPage } from './cursor.js';

export interface AlarmModel {
  id: string;
  kind: string;
  sensorId: string;
  objectId: string;
  riskType: string;
  metric: string;
  level: Level;
  maxLevel: Level;
  status: string;
  cause: string;
  value: number | null;
  limit: number | null;
  readingTs: Date | string | null;
  raisedAt: Date | string;
  updatedAt: Date | string;
  acknowledgedAt: Date | string | null;
  acknowledgedBy: string | null;
  clearedAt: Date | string | null;
  closedAt: Date | string | null;
}

export function alarmModel(r: AlarmRow): AlarmModel {
  return {
    id: r.id,
    kind: r.kind,
    sensorId: r.sensor_id,
    objectId: r.object_id,
    riskType: r.risk_type,
    metric: r.metric,
    level: r.level,
    maxLevel: r.max_level,
    status: r.status,
    cause: r.cause,
    value: r.value,
    limit: r.limit_value,
    readingTs: r.reading_ts,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    clearedAt: r.cleared_at,
    closedAt: r.closed_at,
  };
}

/** Levels at or above `min` (all when `min` is null). */
export function levelsFrom(min: Level | null | undefined): Level[] {
  if (!min) return [...LEVELS];
  return LEVELS.slice(LEVELS.indexOf(min));
}

const ID_RE = /^\d{1,18}$/;
/** Keep only ids that can be bigints (anything else matches no row). */
export const validIds = (ids: string[]) => ids.filter((id) => ID_RE.test(id));

export async function listAlarms(
  q: Queryable,
  city: string,
  f: { status?: string[] | null; minLevel?: Level | null; first: number; after?: string | null },
): Promise<Page<AlarmModel>> {
  const after = f.after ? decodeCursor('alarms', f.after, 2) : null;
  const { rows } = await q.query<AlarmRow & { cursor_at: string }>(
    `SELECT ${ALARM_COLUMNS}, raised_at::text AS cursor_at FROM alarms
      WHERE city_id = $1
        AND ($2::text[] IS NULL OR status = ANY($2::text[]))
        AND max_level = ANY($3::text[])
        AND ($4::timestamptz IS NULL OR (raised_at, id) < ($4::timestamptz, $5::bigint))
      ORDER BY alarms.raised_at DESC, alarms.id DESC LIMIT $6`,
    [
      city,
      f.status && f.status.length > 0 ? f.status : null,
      levelsFrom(f.minLevel),
      after?.[0] ?? null,
      after?.[1] ?? null,
      f.first + 1,
    ],
  );
  const cursors = new Map(rows.map((r) => [r.id, encodeCursor('alarms', [r.cursor_at, r.id])]));
  return toPage(rows.map(alarmModel), f.first, (a) => cursors.get(a.id)!);
}

export async function alarmsByIds(
  q: Queryable,
  city: string,
  ids: string[],
): Promise<Map<string, AlarmModel>> {
  const { rows } = await q.query<AlarmRow>(
    `SELECT ${ALARM_COLUMNS} FROM alarms WHERE city_id = $1 AND id = ANY($2::bigint[])`,
    [city, validIds(ids)],
  );
  return new Map(rows.map((r) => [r.id, alarmModel(r)]));
}

export interface ArchiveEventModel {
  id: string;
  kind: string;
  actor: string;
  at: Date | string;
  warningId: string | null;
  data: unknown;
}

export async function archiveByAlarmIds(
  q: Queryable,
  city: string,
  alarmIds: string[],
): Promise<Map<string, ArchiveEventModel[]>> {
  const { rows } = await q.query<ArchiveEventModel & { alarm_id: string }>(
    `SELECT id::text, alarm_id::text, kind, actor, at, warning_id::text AS "warningId", data
       FROM archive_events WHERE city_id = $1 AND alarm_id = ANY($2::bigint[]) ORDER BY archive_events.alarm_id, archive_events.at, archive_events.id`,
    [city, validIds(alarmIds)],
  );
  const out = new Map<string, ArchiveEventModel[]>(alarmIds.map((id) => [id, []]));
  for (const { alarm_id, ...e } of rows) out.get(alarm_id)?.push(e);
  return out;
}

export interface WarningModel {
  id: string;
  alarmId: string;
  objectId: string;
  riskType: string;
  tier: string;
  status: string;
  impact: unknown;
  impactRadiusM: number | null;
  targets: unknown;
  findings: unknown;
  actions: unknown;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  instructions: { zh: string; en: string };
  revision: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

interface WarningRow {
  id: string;
  alarm_id: string;
  object_id: string;
  risk_type: string;
  tier: string;
  status: string;
  impact: unknown;
  impact_radius_m: number | null;
  targets: unknown;
  findings: unknown;
  actions: unknown;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  instructions_zh: string;
  instructions_en: string;
  revision: number;
  created_at: Date | string;
  updated_at: Date | string;
}

const WARNING_COLUMNS = `id::text, alarm_id::text, object_id, risk_type, tier, status, impact, impact_radius_m, targets,
  findings, actions, title_zh, title_en, body_zh, body_en, instructions_zh, instructions_en, revision, created_at,
  updated_at`;

const warningModel = (r: WarningRow): WarningModel => ({
  id: r.id,
  alarmId: r.alarm_id,
  objectId: r.object_id,
  riskType: r.risk_type,
  tier: r.tier,
  status: r.status,
  impact: r.impact,
  impactRadiusM: r.impact_radius_m,
  targets: r.targets ?? [],
  findings: r.findings ?? [],
  actions: r.actions ?? [],
  title: { zh: r.title_zh, en: r.title_en },
  body: { zh: r.body_zh, en: r.body_en },
  instructions: { zh: r.instructions_zh, en: r.instructions_en },
  revision: r.revision,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function listWarnings(
  q: Queryable,
  city: string,
  f: { minTier?: Level | null; status?: string | null; first: number; after?: string | null },
): Promise<Page<WarningModel>> {
  const after = f.after ? decodeCursor('warnings', f.after, 2) : null;
  const { rows } = await q.query<WarningRow & { cursor_at: string }>(
    `SELECT ${WARNING_COLUMNS}, created_at::text AS cursor_at FROM warnings
      WHERE city_id = $1 AND tier = ANY($2::text[]) AND ($3::text IS NULL OR status = $3)
        AND ($4::timestamptz IS NULL OR (created_at, id) < ($4::timestamptz, $5::bigint))
      ORDER BY warnings.created_at DESC, warnings.id DESC LIMIT $6`,
    [
      city,
      levelsFrom(f.minTier).filter((l) => l !== 'alarm'),
      f.status ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      f.first + 1,
    ],
  );
  const cursors = new Map(rows.map((r) => [r.id, encodeCursor('warnings', [r.cursor_at, r.id])]));
  return toPage(rows.map(warningModel), f.first, (w) => cursors.get(w.id)!);
}

export async function warningsByIds(
  q: Queryable,
  city: string,
  ids: string[],
): Promise<Map<string, WarningModel>> {
  const { rows } = await q.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM warnings WHERE city_id = $1 AND id = ANY($2::bigint[])`,
    [city, validIds(ids)],
  );
  return new Map(rows.map((r) => [r.id, warningModel(r)]));
}

export async function warningsByAlarmIds(
  q: Queryable,
  city: string,
  ids: string[],
): Promise<Map<string, WarningModel>> {
  const { rows } = await q.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM warnings WHERE city_id = $1 AND alarm_id = ANY($2::bigint[])`,
    [city, validIds(ids)],
  );
  return new Map(rows.map((r) => [r.alarm_id, warningModel(r)]));
}

export interface NotificationModel {
  id: string;
  unitId: string;
  alarmId: string | null;
  warningId: string | null;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  createdAt: Date | string;
  readAt: Date | string | null;
}

export async function listNotifications(
  q: Queryable,
  city: string,
  f: { unit?: string | null; first: number; after?: string | null },
): Promise<Page<NotificationModel>> {
  const after = f.after ? decodeCursor('notifications', f.after, 2) : null;
  const { rows } = await q.query<{
    id: string;
    unit_id: string;
    alarm_id: string | null;
    warning_id: string | null;
    kind: string;
    title: string;
    body: string;
    title_en: string | null;
    body_en: string | null;
    created_at: Date | string;
    read_at: Date | string | null;
    cursor_at: string;
  }>(
    `SELECT id::text, unit_id, alarm_id::text, warning_id::text, kind, title, body, title_en, body_en, created_at, read_at,
            created_at::text AS cursor_at
       FROM notifications
      WHERE city_id = $1 AND ($2::text IS NULL OR unit_id = $2)
        AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::bigint))
      ORDER BY notifications.created_at DESC, notifications.id DESC LIMIT $5`,
    [city, f.unit ?? null, after?.[0] ?? null, after?.[1] ?? null, f.first + 1],
  );
  const cursors = new Map(rows.map((r) => [r.id, encodeCursor('notifications', [r.cursor_at, r.id])]));
  return toPage(
    rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      alarmId: r.alarm_id,
      warningId: r.warning_id,
      kind: r.kind,
      title: { zh: r.title, en: r.title_en ?? r.title },
      body: { zh: r.body, en: r.body_en ?? r.body },
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
    f.first,
    (n) => cursors.get(n.id)!,
  );
}
