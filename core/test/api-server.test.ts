import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markDraining } from '../src/api/health.js';
import { bodyLimitFor, buildServer } from '../src/api/server.js';
import { loadInventory } from '../src/catalog/load.js';
import { generatedFiles, SCHEMA_FILE } from '../src/cli.js';
import { coreErrors } from '../src/errors.js';
import { gql } from './api-helpers.js';
import { testInventory, testPlugins, tokenOf } from './catalog-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

describe('HTTP server', () => {
  let core: TestCore;
  let app: FastifyInstance;
  const logged: string[] = [];

  beforeAll(async () => {
    core = await makeTestCore('api_server', { plugins: testPlugins() });
    // Capture the server's log lines.
    core.log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, cb) {
          logged.push(String(chunk));
          cb();
        },
      }),
    );
    await loadInventory(core, testInventory('alpha'));
    app = await buildServer(core);
    // Routes that exercise the error handler (registered before the server is ready).
    app.post(
      '/test/typed',
      { schema: { body: Type.Object({ sensor: Type.String(), value: Type.Number({ minimum: 0 }) }) } },
      async () => ({ ok: true }),
    );
    app.get('/test/coded', async () => {
      throw coreErrors.API_NOT_FOUND({ what: 'thing', id: '42' });
    });
    app.get('/test/crash', async () => {
      throw new Error('secret connection string postgres://user:pw@db');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await core.dispose();
  });

  it('reports health: database, plugins, sensors, jobs mode and version', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    const h = res.json();
    expect(h).toMatchObject({
      status: 'ok',
      version: JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version,
      db: { ok: true, kind: core.db.kind },
      plugins: [{ id: 'test-gas', version: '1.0.0' }],
      sensors: 4,
    });
    expect(['embedded', 'bullmq', 'off']).toContain(h.jobs);
  });

  it('is ready while the database answers, and not once it drains for shutdown', async () => {
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const other = await buildServer(core);
    markDraining(other);
    const res = await other.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ready: false, reason: 'draining' });
    await other.close();
  });

  it('answers validation errors with 400, FH_API_VALIDATION and the path of each bad field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/test/typed',
      payload: { sensor: { id: 7 }, value: -1 },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('FH_API_VALIDATION');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'body/sensor',
      'body/value',
    ]);
    expect(body.error.message).toMatch(/body\/value must be >= 0/);
  });

  it('answers coded errors with their status, code and message', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/coded' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'FH_API_NOT_FOUND', message: 'no thing "42" in this city' },
    });
  });

  it('answers unexpected errors with 500 and no internals, and logs them', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/crash' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('FH_API_INTERNAL');
    expect(res.body).not.toContain('postgres://');
    expect(logged.join('')).toContain('secret connection string');
  });

  it('answers unknown routes with FH_API_ROUTE_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('FH_API_ROUTE_NOT_FOUND');
  });

  it('accepts a body as large as the biggest ingest batch, and not much more', async () => {
    expect(bodyLimitFor(core.config.maxBatch)).toBeGreaterThanOrEqual(core.config.maxBatch * 120);
    const big = 'x'.repeat(bodyLimitFor(core.config.maxBatch) + 10);
    const res = await app.inject({
      method: 'POST',
      url: '/test/typed',
      headers: { 'content-type': 'application/json' },
      payload: `{"sensor":"${big}","value":1}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FH_API_BODY_TOO_LARGE');
  });

  it('never writes a bearer token to the log', async () => {
    app.log.info({ req: { headers: { authorization: `Bearer ${tokenOf('alpha', 'admin')}` } } }, 'probe');
    const line = logged.find((l) => l.includes('"probe"'))!;
    expect(line).toBeDefined();
    expect(line).not.toContain(tokenOf('alpha', 'admin'));
  });

  it('gives GraphQL syntax and validation errors the code FH_API_VALIDATION', async () => {
    const token = tokenOf('alpha', 'viewer');
    for (const q of [
      '{ objects(',
      '{ nope }',
      '{ readings(sensor: "x", metric: "y", from: "soon", to: "later") { unit } }',
    ]) {
      const r = await gql(app, token, q);
      expect(r.errors?.length, q).toBeGreaterThan(0);
      expect(new Set(r.errors?.map((e) => e.extensions?.code)), q).toEqual(new Set(['FH_API_VALIDATION']));
    }
  });

  it('serves GraphiQL for people trying the API', async () => {
    const res = await app.inject({ method: 'GET', url: '/graphiql' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });

  it('keeps docs/reference/schema.graphql in step with the schema in code', async () => {
    const gen = (await generatedFiles()).find((f) => f.path === SCHEMA_FILE)!;
    const onDisk = readFileSync(SCHEMA_FILE, 'utf8');
    expect(onDisk.startsWith('# GENERATED')).toBe(true);
    expect(gen.matches(onDisk), 'docs/reference/schema.graphql is stale: run `fenghuo-core generate`').toBe(
      true,
    );
    // The check notices a change.
    expect(
      gen.matches(onDisk.replace('acknowledgeAlarm(id: ID!): Alarm!', 'acknowledgeAlarm(id: ID!): Alarm')),
    ).toBe(false);
  });
});
