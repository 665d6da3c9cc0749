/**
 * The event archive (预警事件档案): every step of every alarm and warning appends one row, so that one
 * alarm's timeline reads from raise to close-out. Rows are only ever appended.
 */
import type { Queryable } from '../store/db.js';

/** What happened. Alarm states, analysis, warnings and notifications each have their kinds. */
export type ArchiveKind =
  | 'alarm.raised'
  | 'alarm.stepped_up'
  | 'alarm.stepped_down'
  | 'alarm.cleared'
  | 'alarm.acknowledged'
  | 'alarm.closed'
  | 'alarm.false_alarm'
  | 'alarm.held'
  | 'analysis.completed'
  | 'analysis.failed'
  | 'warning.issued'
  | 'warning.updated'
  | 'warning.lifted'
  | 'notify.in_app'
  | 'notify.webhook_delivered'
  | 'notify.webhook_failed'
  | 'plugin.enabled'
  | 'plugin.disabled'
  | 'plugin.pinned'
  | 'plugin.unpinned'
  | 'plugin.rolled_back'
  | 'plugin.config_changed'
  | 'plugin.quarantined'
  | 'plugin.released';

export interface ArchiveInput {
  city: string;
  alarmId?: string | null;
  warningId?: string | null;
  kind: ArchiveKind;
  /** `system` for the platform itself, otherwise the operator's name. */
  actor?: string;
  data?: Record<string, unknown>;
}

export interface ArchiveEvent {
  id: string;
  city: string;
  alarmId: string | null;
  warningId: string | null;
  kind: ArchiveKind;
  actor: string;
  at: string;
  data: Record<string, unknown>;
}

/** Append events in one statement; returns their ids in input order. */
export async function appendArchive(q: Queryable, events: ArchiveInput[]): Promise<string[]> {
  if (events.length === 0) return [];
  const { rows } = await q.query<{ id: string; ord: number }>(
    `INSERT INTO archive_events (city_id, alarm_id, warning_id, kind, actor, data)
     SELECT c, a, w, k, act, d FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::jsonb[])
       WITH ORDINALITY AS u(c, a, w, k, act, d, ord)
     ORDER BY ord
     RETURNING id::text`,
    [
      events.map((e) => e.city),
      events.map((e) => e.alarmId ?? null),
      events.map((e) => e.warningId ?? null),
      events.map((e) => e.kind),
      events.map((e) => e.actor ?? 'system'),
      events.map((e) => JSON.stringify(e.data ?? {})),
    ],
  );
  // bigserial values are assigned in insertion order, which `ORDER BY ord` fixes to the input order.
  return rows.map((r) => r.id).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

interface ArchiveRow {
  id: string;
  city_id: string;
  alarm_id: string | null;
  warning_id: string | null;
  kind: ArchiveKind;
  actor: string;
  at: Date | string;
  data: Record<string, unknown>;
}

function toEvent(r: ArchiveRow): ArchiveEvent {
  return {
    id: r.id,
    city: r.city_id,
    alarmId: r.alarm_id,
    warningId: r.warning_id,
    kind: r.kind,
    actor: r.actor,
    at: new Date(r.at).toISOString(),
    data: r.data,
  };
}

/** One alarm's timeline (its own events and those of its warning), oldest first. */
export async function alarmTimeline(q: Queryable, city: string, alarmId: string): Promise<ArchiveEvent[]> {
  if (!/^\d+$/.test(alarmId)) return [];
  const { rows } = await q.query<ArchiveRow>(
    `SELECT id::text, city_id, alarm_id::text, warning_id::text, kind, actor, at, data
       FROM archive_events WHERE city_id = $1 AND alarm_id = $2::bigint ORDER BY at, id`,
    [city, alarmId],
  );
  return rows.map(toEvent);
}

/** One archive event by id, scoped to a city (or any city when `city` is null). */
export async function archiveEvent(
  q: Queryable,
  id: string,
  city: string | null = null,
): Promise<ArchiveEvent | null> {
  if (!/^\d+$/.test(id)) return null;
  const { rows } = await q.query<ArchiveRow>(
    `SELECT id::text, city_id, alarm_id::text, warning_id::text, kind, actor, at, data
       FROM archive_events WHERE id = $1::bigint AND ($2::text IS NULL OR city_id = $2)`,
    [id, city],
  );
  return rows[0] ? toEvent(rows[0]) : null;
}
