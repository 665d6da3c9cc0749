/**
 * HTTP ingest: `POST /api/v1/readings` with one reading `{ sensor, ts, values }` or a batch
 * `{ readings: [...] }`. The answer lists every rejected reading by index with its reason; the good
 * ones beside it are stored. 200 once the accepted readings are durably stored; 422 when none was.
 */
import type { FastifyInstance } from 'fastify';
import { applyLevelChanges } from '../alarms/apply.js';
import { authenticate, CAN } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { emptyBatch, type Rejection, validateReadings } from './batch.js';
import { decodeRaw } from './raw.js';
import { registerWeather } from './weather.js';
import { IngestWriter } from './writer.js';

const writers = new WeakMap<Core, IngestWriter>();

/** The process's ingest writer for this core (made on first use). */
export function ingestWriter(core: Core): IngestWriter {
  let w = writers.get(core);
  if (!w) {
    w = new IngestWriter(core, (q, changes) => applyLevelChanges(core, q, changes));
    writers.set(core, w);
  }
  return w;
}

export interface IngestResponse {
  accepted: number;
  rejected: Rejection[];
}

/** Most bytes of one raw payload: device frames are small; a logger's JSON message stays well below. */
const RAW_LIMIT = 256 * 1024;

export function registerIngest(app: FastifyInstance, core: Core): void {
  const writer = ingestWriter(core);
  const { config } = core;

  /** Validate reading items for a city, store the good ones and say what became of each. */
  const store = async (
    city: string,
    items: unknown[],
  ): Promise<{ status: number; body: Record<string, unknown> }> => {
    const batch = emptyBatch(items.length * 2);
    const rejected: Rejection[] = [];
    validateReadings(
      core.sensors,
      items,
      {
        city,
        nowMs: Date.now(),
        futureToleranceMs: config.futureToleranceSec * 1000,
        maxAgeMs: config.maxAgeDays * 86_400_000,
      },
      batch,
      rejected,
    );
    if (batch.length === 0) {
      const e = coreErrors.INGEST_NOTHING_ACCEPTED({ count: rejected.length });
      return {
        status: e.status,
        body: { error: { code: e.code, message: e.message }, accepted: 0, rejected },
      };
    }
    await writer.write(batch);
    const res: IngestResponse = { accepted: batch.length, rejected };
    return { status: 200, body: res as unknown as Record<string, unknown> };
  };
  app.register(async (scope) => {
    // Our own JSON parser: a malformed body gets an ingest error code, and no prototype scan is
    // needed because ingest never merges the parsed object into anything.
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: config.maxBatch * 200 + 4096 },
      (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch (err) {
          done(coreErrors.INGEST_MALFORMED_JSON({ reason: (err as Error).message }), undefined);
        }
      },
    );

    registerWeather(scope, core);

    scope.post('/api/v1/readings', async (req, reply) => {
      const principal = await authenticate(core.db, req.headers.authorization);
      if (!principal) throw coreErrors.AUTH_UNAUTHENTICATED();
      if (!CAN.ingest.includes(principal.role))
        throw coreErrors.AUTH_FORBIDDEN({ action: 'ingest readings' });
      const body = req.body as { readings?: unknown } | null;
      let items: unknown[];
      if (body && typeof body === 'object' && !Array.isArray(body) && 'readings' in body) {
        if (!Array.isArray(body.readings))
          throw coreErrors.INGEST_BODY_INVALID({ reason: '"readings" must be an array' });
        items = body.readings;
      } else if (body && typeof body === 'object' && !Array.isArray(body)) {
        items = [body];
      } else {
        throw coreErrors.INGEST_BODY_INVALID({
          reason: 'the body must be a reading object or { "readings": [ … ] }',
        });
      }
      if (items.length > config.maxBatch)
        throw coreErrors.INGEST_BATCH_TOO_LARGE({ count: items.length, max: config.maxBatch });
      const { status, body: out } = await store(principal.city, items);
      return reply.code(status).send(out);
    });

    // Raw vendor payloads: bytes (application/octet-stream), JSON, or text (hex or base64 for the plugin).
    scope.addContentTypeParser(
      ['application/octet-stream', 'text/plain'],
      { parseAs: 'buffer', bodyLimit: RAW_LIMIT },
      (req, body, done) => {
        const buf = body as Buffer;
        done(
          null,
          req.headers['content-type']?.startsWith('text/plain') ? buf.toString('utf8') : new Uint8Array(buf),
        );
      },
    );
    scope.post<{ Params: { sensor: string } }>(
      '/api/v1/raw/:sensor',
      { bodyLimit: RAW_LIMIT },
      async (req, reply) => {
        const principal = await authenticate(core.db, req.headers.authorization);
        if (!principal) throw coreErrors.AUTH_UNAUTHENTICATED();
        if (!CAN.ingest.includes(principal.role))
          throw coreErrors.AUTH_FORBIDDEN({ action: 'ingest raw payloads' });
        const items = await decodeRaw(
          core,
          principal.city,
          req.params.sensor,
          req.body,
          new Date().toISOString(),
        );
        const { status, body: out } = await store(principal.city, items);
        return reply.code(status).send({ ...out, decoded: items.length });
      },
    );
  });
}
