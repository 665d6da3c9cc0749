/**
 * Deliver one message to units: an in-app notification per unit and, for a unit with a `webhook_url`, a
 * webhook delivery and its job. Unique per (archive event, unit), so delivering the same event twice
 * (a job run twice) adds nothing.
 */
import type { I18n } from '@fenghuo/sdk';
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import type { Queryable } from '../store/db.js';

/** Attempts of one webhook delivery: with the default 1 s backoff doubling, about 8.5 minutes of retries. */
export const WEBHOOK_MAX_ATTEMPTS = 10;

export interface Message {
  city: string;
  /** Unit ids; unknown ones are skipped. */
  units: string[];
  alarmId: string | null;
  warningId?: string | null;
  /** The archive event this message is about (the idempotency key). */
  eventId: string;
  /** e.g. `alarm.raised`, `warning.issued`. */
  kind: string;
  title: I18n;
  body: I18n;
  /** What a webhook receives besides the texts (the alarm or warning). */
  payload: Record<string, unknown>;
}

export interface Delivered {
  /** Units that got a new in-app notification. */
  units: string[];
  /** Webhook deliveries made (their jobs are enqueued). */
  deliveries: string[];
}

/** Deliver `m` in the caller's transaction; call `wakeJobs(core)` after commit when `deliveries` is not empty. */
export async function deliverToUnits(core: Core, q: Queryable, m: Message): Promise<Delivered> {
  if (m.units.length === 0) return { units: [], deliveries: [] };
  const { rows: notified } = await q.query<{ unit_id: string }>(
    `INSERT INTO notifications (city_id, unit_id, alarm_id, warning_id, kind, title, body, title_en, body_en, event_id)
     SELECT u.city_id, u.id, $3::bigint, $4::bigint, $5, $6, $7, $8, $9, $10::bigint
       FROM units u WHERE u.city_id = $1 AND u.id = ANY($2::text[])
     ON CONFLICT (event_id, unit_id) WHERE event_id IS NOT NULL DO NOTHING
     RETURNING unit_id`,
    [
      m.city,
      m.units,
      m.alarmId,
      m.warningId ?? null,
      m.kind,
      m.title.zh,
      m.body.zh,
      m.title.en,
      m.body.en,
      m.eventId,
    ],
  );
  if (notified.length === 0) return { units: [], deliveries: [] };
  const units = notified.map((r) => r.unit_id);
  const body = {
    type: m.kind,
    city: m.city,
    eventId: m.eventId,
    ...m.payload,
    text: { title: m.title, body: m.body },
  };
  const { rows: deliveries } = await q.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (city_id, unit_id, url, payload, event_id, alarm_id, warning_id)
     SELECT u.city_id, u.id, u.webhook_url, $3::jsonb, $4::bigint, $5::bigint, $6::bigint
       FROM units u
      WHERE u.city_id = $1 AND u.id = ANY($2::text[]) AND u.webhook_url IS NOT NULL AND u.webhook_url <> ''
     ON CONFLICT (event_id, unit_id) WHERE event_id IS NOT NULL DO NOTHING
     RETURNING id::text`,
    [m.city, units, JSON.stringify(body), m.eventId, m.alarmId, m.warningId ?? null],
  );
  await core.enqueue.many(
    q,
    deliveries.map((d) => ({
      name: 'webhook' as const,
      data: { deliveryId: d.id },
      opts: { maxAttempts: WEBHOOK_MAX_ATTEMPTS },
    })),
  );
  await appendArchive(q, [
    {
      city: m.city,
      alarmId: m.alarmId,
      warningId: m.warningId ?? null,
      kind: 'notify.in_app',
      data: { about: m.kind, eventId: m.eventId, units, webhooks: deliveries.length, title: m.title },
    },
  ]);
  return { units, deliveries: deliveries.map((d) => d.id) };
}
