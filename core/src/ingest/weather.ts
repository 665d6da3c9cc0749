/**
 * Weather observations: `POST /api/v1/weather` with one observation or `{ "observations": [ … ] }`.
 * What the city's weather service or stations report is what `ctx.weather()` gives an analysis (wind
 * for a plume or a bridge's vibration, rain for floods and slopes). Idempotent on (city, ts).
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { authenticate, CAN } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';

export const WeatherObservation = Type.Object(
  {
    ts: Type.String({ description: 'RFC 3339 date-time with a zone' }),
    windFromDeg: Type.Optional(
      Type.Number({ minimum: 0, maximum: 360, description: 'direction the wind blows from' }),
    ),
    windSpeedMs: Type.Optional(Type.Number({ minimum: 0, maximum: 120 })),
    temperatureC: Type.Optional(Type.Number({ minimum: -60, maximum: 60 })),
    rainMmH: Type.Optional(Type.Number({ minimum: 0, maximum: 500 })),
    humidityPct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type WeatherObservation = Static<typeof WeatherObservation>;

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX = 1000;

export interface WeatherRejection {
  index: number;
  path: string;
  message: string;
}

/** Check observations; returns the good ones and a rejection per problem (by index and field path). */
export function validateWeather(
  items: unknown[],
  nowMs: number,
  futureToleranceMs: number,
): { ok: WeatherObservation[]; rejected: WeatherRejection[] } {
  const ok: WeatherObservation[] = [];
  const rejected: WeatherRejection[] = [];
  items.forEach((item, index) => {
    const errors = [...Value.Errors(WeatherObservation, item)];
    if (errors.length > 0) {
      for (const e of errors) rejected.push({ index, path: e.path || '/', message: e.message });
      return;
    }
    const o = item as WeatherObservation;
    const t = ISO_RE.test(o.ts) ? Date.parse(o.ts) : Number.NaN;
    if (Number.isNaN(t))
      rejected.push({ index, path: '/ts', message: 'must be an RFC 3339 date-time with a zone' });
    else if (t > nowMs + futureToleranceMs)
      rejected.push({ index, path: '/ts', message: 'is in the future' });
    else ok.push(o);
  });
  return { ok, rejected };
}

export async function storeWeather(core: Core, city: string, obs: WeatherObservation[]): Promise<void> {
  if (obs.length === 0) return;
  await core.db.query(
    `INSERT INTO weather (city_id, ts, data)
     SELECT $1, (o->>'ts')::timestamptz, o - 'ts' FROM jsonb_array_elements($2::jsonb) AS o
     ON CONFLICT (city_id, ts) DO UPDATE SET data = excluded.data`,
    [city, JSON.stringify(obs)],
  );
}

export function registerWeather(app: FastifyInstance, core: Core): void {
  app.post('/api/v1/weather', async (req, reply) => {
    const principal = await authenticate(core.db, req.headers.authorization);
    if (!principal) throw coreErrors.AUTH_UNAUTHENTICATED();
    if (!CAN.ingest.includes(principal.role)) throw coreErrors.AUTH_FORBIDDEN({ action: 'record weather' });
    const body = req.body as { observations?: unknown } | null;
    let items: unknown[];
    if (body && typeof body === 'object' && !Array.isArray(body) && 'observations' in body) {
      if (!Array.isArray(body.observations)) {
        throw coreErrors.INGEST_BODY_INVALID({ reason: '"observations" must be an array' });
      }
      items = body.observations;
    } else if (body && typeof body === 'object' && !Array.isArray(body)) items = [body];
    else throw coreErrors.INGEST_BODY_INVALID({ reason: 'send an observation or { "observations": [ … ] }' });
    if (items.length > MAX) throw coreErrors.INGEST_BATCH_TOO_LARGE({ count: items.length, max: MAX });
    const { ok, rejected } = validateWeather(items, Date.now(), core.config.futureToleranceSec * 1000);
    if (ok.length === 0) {
      const e = coreErrors.INGEST_NOTHING_ACCEPTED({ count: items.length });
      return reply
        .code(e.status)
        .send({ error: { code: e.code, message: e.message }, accepted: 0, rejected });
    }
    await storeWeather(core, principal.city, ok);
    return reply.code(200).send({ accepted: ok.length, rejected });
  });
}
