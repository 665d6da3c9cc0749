/**
 * The `webhook` job: POST one delivery's JSON to its unit's URL with a time limit. A non-2xx answer or a
 * network failure is recorded on the delivery and thrown, so the runner retries it with backoff; when
 * the attempts are spent the delivery is marked failed. A delivered or failed delivery is never sent
 * again (a job run twice sends once, save for a crash between the POST and its record — receivers
 * deduplicate on the `X-Fenghuo-Delivery` header).
 *
 * The URL may carry a secret (a token in its query): it never reaches a log, an error or the archive.
 */
import { appendArchive } from '../archive/archive.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import type { JobData, JobRun } from '../jobs/types.js';

interface DeliveryRow {
  id: string;
  city_id: string;
  unit_id: string;
  url: string;
  payload: Record<string, unknown>;
  status: 'pending' | 'delivered' | 'failed';
  alarm_id: string | null;
  warning_id: string | null;
  event_id: string | null;
}

/** A failure in words, with the URL (and so any secret in it) removed. */
function reasonOf(err: unknown, url: string, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause =
    err instanceof Error ? (err.cause as { code?: string; message?: string } | undefined) : undefined;
  const text = cause?.code
    ? `network error ${cause.code}`
    : `network error: ${cause?.message ?? (err instanceof Error ? err.message : String(err))}`;
  return redact(text, url);
}

function redact(text: string, url: string): string {
  let out = text.split(url).join('<webhook url>');
  try {
    const u = new URL(url);
    if (u.search) out = out.split(u.search).join('?<redacted>');
    if (u.password) out = out.split(u.password).join('<redacted>');
  } catch {
    // Not a URL: nothing more to hide than the string itself.
  }
  return out;
}

export async function handleWebhook(
  core: Core,
  data: JobData['webhook'],
  run: JobRun,
  opts: { timeoutMs: number },
): Promise<void> {
  if (!/^\d{1,18}$/.test(data.deliveryId)) return;
  const { rows } = await core.db.query<DeliveryRow>(
    `SELECT id::text, city_id, unit_id, url, payload, status, alarm_id::text, warning_id::text, event_id::text
       FROM webhook_deliveries WHERE id = $1::bigint`,
    [data.deliveryId],
  );
  const d = rows[0];
  if (d?.status !== 'pending') return;

  let failure: string | null = null;
  let httpStatus: number | null = null;
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'fenghuo-webhook/1',
        'x-fenghuo-delivery': d.id,
        'x-fenghuo-event': String(d.payload['type'] ?? ''),
      },
      body: JSON.stringify({ deliveryId: d.id, ...d.payload }),
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    httpStatus = res.status;
    // Read (and drop) the answer so the connection can be reused; its content is the receiver's business.
    await res.arrayBuffer().catch(() => undefined);
    if (!res.ok) failure = `HTTP ${res.status}`;
  } catch (err) {
    failure = reasonOf(err, d.url, opts.timeoutMs);
  }

  if (failure === null) {
    await core.db.tx(async (q) => {
      const { rowCount } = await q.query(
        `UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), attempts = attempts + 1, last_error = NULL
          WHERE id = $1::bigint AND status = 'pending'`,
        [d.id],
      );
      if (rowCount === 0) return;
      await appendArchive(q, [
        {
          city: d.city_id,
          alarmId: d.alarm_id,
          warningId: d.warning_id,
          kind: 'notify.webhook_delivered',
          data: { delivery: d.id, unit: d.unit_id, eventId: d.event_id, attempt: run.attempt, httpStatus },
        },
      ]);
    });
    return;
  }

  const final = run.attempt >= run.maxAttempts;
  await core.db.tx(async (q) => {
    const { rowCount } = await q.query(
      `UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $2, status = $3
        WHERE id = $1::bigint AND status = 'pending'`,
      [d.id, failure, final ? 'failed' : 'pending'],
    );
    if (rowCount > 0 && final) {
      await appendArchive(q, [
        {
          city: d.city_id,
          alarmId: d.alarm_id,
          warningId: d.warning_id,
          kind: 'notify.webhook_failed',
          data: {
            delivery: d.id,
            unit: d.unit_id,
            eventId: d.event_id,
            attempts: run.attempt,
            error: failure,
          },
        },
      ]);
    }
  });
  core.log.warn(
    { delivery: d.id, unit: d.unit_id, attempt: run.attempt, final, error: failure },
    'webhook delivery failed',
  );
  // The delivery records its final failure; only an attempt that may still succeed asks for a retry.
  if (!final) {
    throw coreErrors.DISPATCH_WEBHOOK_FAILED({
      delivery: d.id,
      unit: d.unit_id,
      attempt: run.attempt,
      max: run.maxAttempts,
      reason: failure,
    });
  }
}
