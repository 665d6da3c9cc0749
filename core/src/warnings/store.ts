/**
 * Warnings (预警): one per alarm, written from its analysis. The first analysis that concludes a tier
 * issues it; a later one (the alarm stepped up) updates it, revision + 1; one that concludes `tier: null`
 * lifts it. Every change is archived and sent to the recipients: the object's owner unit, and for yellow
 * and above also the city's departments and governments.
 *
 * When the alarm clears, its warning stays active: the hazard the analysis described (a leak, a crack)
 * does not end because one reading fell below a limit, so an operator lifts the warning (liftWarning)
 * once the site is safe. A false alarm lifts its warning at once.
 */
import { type AnalysisResult, type I18n, TIER_INFO, type Tier } from '@fenghuo/sdk';
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import { deliverToUnits } from '../dispatch/deliver.js';
import type { WarningEventPayload } from '../events.js';
import type { Queryable } from '../store/db.js';

export type WarningStatus = 'active' | 'lifted';

export interface WarningRow {
  id: string;
  city_id: string;
  alarm_id: string;
  risk_type: string;
  object_id: string;
  tier: Tier;
  status: WarningStatus;
  impact: unknown;
  impact_radius_m: number | null;
  targets: unknown[];
  findings: I18n[];
  actions: I18n[];
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  instructions_zh: string;
  instructions_en: string;
  revision: number;
  source_event_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  lifted_at: Date | string | null;
  lifted_by: string | null;
}

export const WARNING_COLUMNS = `id::text AS id, city_id, alarm_id::text AS alarm_id, risk_type, object_id, tier, status,
  impact, impact_radius_m, targets, findings, actions, title_zh, title_en, body_zh, body_en, instructions_zh,
  instructions_en, revision, source_event_id::text AS source_event_id, created_at, updated_at, lifted_at, lifted_by`;

/** Tiers that reach the city's departments as well as the owner unit. */
const CITY_WIDE: readonly Tier[] = ['yellow', 'orange', 'red'];

export function warningPayload(w: WarningRow): WarningEventPayload {
  return { id: w.id, city: w.city_id, alarmId: w.alarm_id, tier: w.tier, revision: w.revision };
}

/** Everything a webhook receiver learns about a warning. */
function warningBody(w: WarningRow): Record<string, unknown> {
  return {
    id: w.id,
    alarmId: w.alarm_id,
    riskType: w.risk_type,
    objectId: w.object_id,
    tier: w.tier,
    status: w.status,
    revision: w.revision,
    impact: w.impact,
    impactRadiusM: w.impact_radius_m,
    targets: w.targets,
    findings: w.findings,
    actions: w.actions,
    title: { zh: w.title_zh, en: w.title_en },
    body: { zh: w.body_zh, en: w.body_en },
    instructions: { zh: w.instructions_zh, en: w.instructions_en },
  };
}

async function recipients(q: Queryable, w: WarningRow): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `SELECT o.owner_unit AS id FROM objects o WHERE o.city_id = $1 AND o.id = $2 AND o.owner_unit IS NOT NULL
     UNION
     SELECT u.id FROM units u WHERE u.city_id = $1 AND u.kind IN ('department', 'government') AND $3`,
    [w.city_id, w.object_id, CITY_WIDE.includes(w.tier)],
  );
  return rows.map((r) => r.id);
}

/** Send a warning change (archived as `eventId`) to its recipients; returns the webhook deliveries made. */
export async function sendWarning(
  core: Core,
  q: Queryable,
  w: WarningRow,
  eventId: string,
  kind: string,
): Promise<number> {
  const lifted = w.status === 'lifted';
  const tier = TIER_INFO[w.tier];
  const title: I18n = lifted
    ? { zh: `【预警解除】${w.title_zh}`, en: `[Warning lifted] ${w.title_en}` }
    : { zh: `【${tier.zh}】${w.title_zh}`, en: `[${tier.en}] ${w.title_en}` };
  const body: I18n = lifted
    ? { zh: `${tier.zh}已解除。${w.body_zh}`, en: `The ${tier.en.toLowerCase()} is lifted. ${w.body_en}` }
    : { zh: `${w.body_zh}\n${w.instructions_zh}`, en: `${w.body_en}\n${w.instructions_en}` };
  const out = await deliverToUnits(core, q, {
    city: w.city_id,
    units: await recipients(q, w),
    alarmId: w.alarm_id,
    warningId: w.id,
    eventId,
    kind,
    title,
    body,
    payload: { warning: warningBody(w) },
  });
  return out.deliveries.length;
}

export interface WarningTexts {
  title: I18n;
  body: I18n;
  instructions: I18n;
}

export interface StoredWarning {
  /** What changed: `null` when nothing did (no tier and no warning, or a stale analysis). */
  change: 'issued' | 'updated' | 'lifted' | null;
  warning: WarningRow | null;
  deliveries: number;
}

/**
 * Write the warning of an alarm from an analysis, in the caller's transaction (which holds the alarm's
 * row lock). `sourceEventId` is the archive event the analysis was for: a result for an older event than
 * the warning's current revision is dropped, so a job run twice or late changes nothing.
 */
export async function storeWarning(
  core: Core,
  q: Queryable,
  input: {
    city: string;
    alarmId: string;
    riskType: string;
    objectId: string;
    sourceEventId: string | null;
    result: AnalysisResult;
    texts: WarningTexts | null;
  },
): Promise<StoredWarning> {
  const { rows } = await q.query<WarningRow>(
    `SELECT ${WARNING_COLUMNS} FROM warnings WHERE alarm_id = $1::bigint FOR UPDATE`,
    [input.alarmId],
  );
  const existing = rows[0] ?? null;
  if (
    existing?.source_event_id &&
    input.sourceEventId &&
    BigInt(existing.source_event_id) >= BigInt(input.sourceEventId)
  ) {
    return { change: null, warning: existing, deliveries: 0 };
  }
  const r = input.result;
  if (r.tier === null) {
    if (!existing || existing.status === 'lifted') return { change: null, warning: existing, deliveries: 0 };
    const { rows: upd } = await q.query<WarningRow>(
      `UPDATE warnings SET status = 'lifted', revision = revision + 1, lifted_at = now(), lifted_by = 'system',
              source_event_id = $2::bigint, findings = $3::jsonb, actions = $4::jsonb, updated_at = now()
        WHERE id = $1::bigint RETURNING ${WARNING_COLUMNS}`,
      [existing.id, input.sourceEventId, JSON.stringify(r.findings), JSON.stringify(r.actions)],
    );
    const w = upd[0]!;
    const [eventId] = await appendArchive(q, [
      {
        city: w.city_id,
        alarmId: w.alarm_id,
        warningId: w.id,
        kind: 'warning.lifted',
        data: { by: 'analysis', tier: w.tier, revision: w.revision, findings: r.findings },
      },
    ]);
    return {
      change: 'lifted',
      warning: w,
      deliveries: await sendWarning(core, q, w, eventId!, 'warning.lifted'),
    };
  }

  const t = input.texts!;
  const values = [
    r.tier,
    r.impact ? JSON.stringify(r.impact) : null,
    r.impactRadiusM ?? null,
    JSON.stringify(r.targets ?? []),
    JSON.stringify(r.findings),
    JSON.stringify(r.actions),
    t.title.zh,
    t.title.en,
    t.body.zh,
    t.body.en,
    t.instructions.zh,
    t.instructions.en,
    input.sourceEventId,
  ];
  let w: WarningRow;
  let change: 'issued' | 'updated';
  if (!existing) {
    const { rows: ins } = await q.query<WarningRow>(
      `INSERT INTO warnings (tier, impact, impact_radius_m, targets, findings, actions, title_zh, title_en, body_zh,
                             body_en, instructions_zh, instructions_en, source_event_id, city_id, alarm_id, risk_type,
                             object_id)
       VALUES ($1, $2::jsonb, $3, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11, $12, $13::bigint, $14,
               $15::bigint, $16, $17)
       RETURNING ${WARNING_COLUMNS}`,
      [...values, input.city, input.alarmId, input.riskType, input.objectId],
    );
    w = ins[0]!;
    change = 'issued';
  } else {
    const { rows: upd } = await q.query<WarningRow>(
      `UPDATE warnings SET tier = $1, impact = $2::jsonb, impact_radius_m = $3, targets = $4::jsonb, findings = $5::jsonb,
              actions = $6::jsonb, title_zh = $7, title_en = $8, body_zh = $9, body_en = $10, instructions_zh = $11,
              instructions_en = $12, source_event_id = $13::bigint, status = 'active', lifted_at = NULL,
              lifted_by = NULL, revision = revision + 1, updated_at = now()
        WHERE id = $14::bigint RETURNING ${WARNING_COLUMNS}`,
      [...values, existing.id],
    );
    w = upd[0]!;
    // A warning lifted earlier and concluded again is issued anew (same record, next revision).
    change = existing.status === 'lifted' ? 'issued' : 'updated';
  }
  const kind = change === 'issued' ? 'warning.issued' : 'warning.updated';
  const [eventId] = await appendArchive(q, [
    {
      city: w.city_id,
      alarmId: w.alarm_id,
      warningId: w.id,
      kind,
      data: {
        tier: w.tier,
        previousTier: existing?.tier ?? null,
        revision: w.revision,
        impactRadiusM: w.impact_radius_m,
        targets: (r.targets ?? []).map((x) => x.id),
        title: t.title,
      },
    },
  ]);
  return { change, warning: w, deliveries: await sendWarning(core, q, w, eventId!, kind) };
}
