/**
 * The HTTP server: fastify with the TypeBox type provider, the ingest route (`POST /api/v1/readings`),
 * GraphQL (`/graphql`, GraphiQL at `/graphiql`), and health (`/healthz`, `/readyz`). Errors leave in one
 * shape, `{ error: { code, message, details? } }`, with the status of their code.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { FenghuoError } from '@fenghuo/sdk';
import Fastify, { type FastifyError, type FastifyInstance, LogController } from 'fastify';
import { registerInventoryRoute } from '../catalog/http.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { registerIngest } from '../ingest/http.js';
import { registerPluginRoutes } from '../registry/http.js';
import { registerGraphql } from './graphql/index.js';
import { registerHealth } from './health.js';

/** Bytes per reading allowed in a request body (a reading is ~60–120 bytes of JSON). */
const BYTES_PER_READING = 200;

/** Routes too frequent to log each request of (errors are still logged by the error handler). */
const QUIET = /^\/(api\/v1\/readings|healthz|readyz)(\?|$)/;

export function bodyLimitFor(maxBatch: number): number {
  return Math.max(1_048_576, maxBatch * BYTES_PER_READING + 4096);
}

/** What an error becomes on the wire: its status and `{ error: { code, message, details? } }`. */
export function errorReply(
  err: unknown,
  requestId: string,
): { status: number; body: { error: Record<string, unknown> } } {
  if (err instanceof FenghuoError) {
    return {
      status: err.status,
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.details === undefined ? {} : { details: err.details }),
        },
      },
    };
  }
  const fe = err as Partial<FastifyError>;
  if (fe.validation) {
    const details = fe.validation.map((v) => ({
      path: `${fe.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'invalid',
    }));
    const e = coreErrors.API_VALIDATION(
      { reason: details.map((d) => `${d.path} ${d.message}`).join('; ') },
      details,
    );
    return { status: e.status, body: { error: { code: e.code, message: e.message, details } } };
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // fastify's own 4xx (body too large, unsupported media type, bad content length…); its FST_ code
    // goes into the details for whoever debugs the client.
    const reason = fe.message ?? 'bad request';
    const e =
      fe.statusCode === 413
        ? coreErrors.API_BODY_TOO_LARGE({ reason })
        : fe.statusCode === 415
          ? coreErrors.API_UNSUPPORTED_MEDIA_TYPE({ reason })
          : coreErrors.API_BAD_REQUEST({ reason });
    return {
      status: e.status,
      body: { error: { code: e.code, message: e.message, details: { cause: fe.code } } },
    };
  }
  const e = coreErrors.API_INTERNAL({ requestId });
  return { status: e.status, body: { error: { code: e.code, message: e.message } } };
}

/**
 * Build the HTTP server for a core (not yet listening: call `listen`, or `inject` in tests).
 *
 * @example
 * const app = await buildServer(core);
 * await app.listen({ port: core.config.port, host: core.config.host });
 */
export async function buildServer(core: Core): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: core.log.child(
      { component: 'http' },
      { redact: ['req.headers.authorization', 'headers.authorization'] },
    ),
    logController: new LogController({
      disableRequestLogging: (req: { url?: string }) => QUIET.test(req.url ?? ''),
    }),
    bodyLimit: bodyLimitFor(core.config.maxBatch),
    // Report every bad field of a request, not only the first (bodies are bounded by bodyLimit).
    ajv: { customOptions: { allErrors: true } },
    // Readings batches arrive as one request each from a few gateways: keep their connections open.
    keepAliveTimeout: 75_000,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Route schemas are TypeBox values validated by fastify's Ajv (TypeBox emits JSON Schema). The
  // TypeBox validator compiler cannot be set here: it refuses the plain JSON schemas of mercurius' routes.

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = errorReply(err, req.id);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.debug({ code: body.error['code'] }, 'request rejected');
    return reply.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) => {
    const e = coreErrors.API_ROUTE_NOT_FOUND({ method: req.method, url: req.url });
    return reply.code(e.status).send({ error: { code: e.code, message: e.message } });
  });

  registerHealth(app as unknown as FastifyInstance, core);
  registerIngest(app as unknown as FastifyInstance, core);
  await registerPluginRoutes(app as unknown as FastifyInstance, core);
  registerInventoryRoute(app as unknown as FastifyInstance, core);
  await registerGraphql(app as unknown as FastifyInstance, core);
  return app as unknown as FastifyInstance;
}
