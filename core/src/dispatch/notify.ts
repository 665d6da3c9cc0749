/**
 * The `notify` job: tell the owner unit of an alarm's object about one step of the alarm (raised,
 * stepped, cleared, offline), in-app and by webhook. Idempotent: keyed by the step's archive event.
 */
import type { I18n, Level } from '@fenghuo/sdk';
import { alarmPayload, loadAlarm } from '../alarms/rows.js';
import { type ArchiveEvent, archiveEvent } from '../archive/archive.js';
import type { Core } from '../core.js';
import type { JobData } from '../jobs/types.js';
import { wakeJobs } from '../jobs/wake.js';
import { deliverToUnits } from './deliver.js';
import { type AlarmFacts, alarmTexts } from './texts.js';

interface Scene {
  name_zh: string;
  name_en: string;
  owner_unit: string | null;
  timezone: string;
}

function changeOf(
  kind: string | undefined,
  offline: boolean,
  fallback: JobData['notify']['change'],
): AlarmFacts['change'] {
  switch (kind) {
    case 'alarm.raised':
      return offline ? 'offline' : 'raised';
    case 'alarm.stepped_up':
      return 'stepped_up';
    case 'alarm.stepped_down':
      return 'stepped_down';
    case 'alarm.cleared':
      return offline ? 'online' : 'cleared';
    default:
      if (fallback === 'stepped') return 'stepped_up';
      if (fallback === 'cleared') return offline ? 'online' : 'cleared';
      return fallback;
  }
}

const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export async function handleNotify(core: Core, data: JobData['notify']): Promise<void> {
  const alarm = await loadAlarm(core.db, null, data.alarmId);
  if (!alarm) {
    core.log.warn({ alarm: data.alarmId }, 'notify: the alarm does not exist');
    return;
  }
  let event: ArchiveEvent | null = data.eventId
    ? await archiveEvent(core.db, data.eventId, alarm.city_id)
    : null;
  if (!event) {
    // A job written without its event: notify about the alarm's latest step.
    const { rows } = await core.db.query<{ id: string }>(
      `SELECT id::text FROM archive_events WHERE alarm_id = $1::bigint AND kind LIKE 'alarm.%' ORDER BY archive_events.id DESC LIMIT 1`,
      [alarm.id],
    );
    if (rows[0]) event = await archiveEvent(core.db, rows[0].id, alarm.city_id);
  }
  if (!event) {
    core.log.warn({ alarm: alarm.id }, 'notify: the alarm has no archived step');
    return;
  }
  const { rows } = await core.db.query<Scene>(
    `SELECT o.name_zh, o.name_en, o.owner_unit, c.timezone
       FROM objects o JOIN cities c ON c.id = o.city_id WHERE o.city_id = $1 AND o.id = $2`,
    [alarm.city_id, alarm.object_id],
  );
  const scene = rows[0];
  if (!scene?.owner_unit) {
    core.log.info({ alarm: alarm.id, object: alarm.object_id }, 'notify: the object has no owner unit');
    return;
  }
  const offline = alarm.kind === 'offline';
  const metricDef = core.plugins.metric(alarm.risk_type, alarm.metric);
  const metric: I18n = offline
    ? { zh: '', en: '' }
    : (metricDef?.name ?? { zh: alarm.metric, en: alarm.metric });
  const d = event.data;
  const level = (typeof d['level'] === 'string' ? d['level'] : alarm.level) as Level;
  const previousLevel = (typeof d['previousLevel'] === 'string' ? d['previousLevel'] : null) as Level | null;
  const change = changeOf(event.kind, offline, data.change);
  const ts =
    typeof d['ts'] === 'string'
      ? d['ts']
      : alarm.reading_ts
        ? new Date(alarm.reading_ts).toISOString()
        : null;
  const texts = alarmTexts({
    change,
    object: { zh: scene.name_zh, en: scene.name_en },
    sensor: alarm.sensor_id,
    metric,
    unit: offline ? '' : (metricDef?.unit ?? ''),
    level,
    previousLevel,
    value: numOrNull(d['value']),
    limit: numOrNull(d['limit']),
    cause: typeof d['cause'] === 'string' ? d['cause'] : alarm.cause,
    ts: offline && change === 'offline' && typeof d['lastSeen'] === 'string' ? d['lastSeen'] : ts,
    timeZone: scene.timezone,
    intervalSec: numOrNull(d['intervalSec']),
  });
  const payload = {
    ...alarmPayload(alarm, previousLevel),
    level,
    value: numOrNull(d['value']),
    limit: numOrNull(d['limit']),
    ts,
    kind: alarm.kind,
  };
  const { storedAtMs: _drop, ...alarmForWebhook } = payload;
  const out = await core.db.tx((q) =>
    deliverToUnits(core, q, {
      city: alarm.city_id,
      units: [scene.owner_unit!],
      alarmId: alarm.id,
      eventId: event.id,
      kind: event.kind,
      title: texts.title,
      body: texts.body,
      payload: { alarm: alarmForWebhook },
    }),
  );
  if (out.deliveries.length > 0) wakeJobs(core);
}
