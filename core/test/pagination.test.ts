/**
 * Keyset pagination when many rows share a timestamp: alarms raised in one ingest batch share their
 * `raised_at`, so the order (and the cursor) must fall back on the numeric id — not on the id as text,
 * where "9" sorts after "10" and a page boundary would skip rows.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { createToken } from '../src/auth/tokens.js';
import { ok, send } from './api-helpers.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testRegistry } from './support/plugin.js';

const N = 23;

describe('pagination over rows that share a timestamp', () => {
  let core: TestCore;
  let app: FastifyInstance;
  let admin: string;

  beforeAll(async () => {
    core = await makeTestCore('pagination', { plugins: testRegistry(), config: { runJobs: false } });
    await seedCity(core.db, 'p', N);
    await core.sensors.reload();
    admin = await createToken(core.db, 'p', 'admin', 'admin');
    app = await buildServer(core);
    // One batch, one transaction: every alarm gets the same raised_at.
    const ts = new Date(Date.now() - 60_000).toISOString();
    await send(
      app,
      admin,
      Array.from({ length: N }, (_, i) => ({ sensor: `S${i}`, ts, values: { ch4: 7 } })),
    );
  });
  afterAll(async () => {
    await app?.close();
    await core?.dispose();
  });

  it('pages through every alarm exactly once, newest id first, whatever the page size', async () => {
    const { rows } = await core.db.query<{ n: string; at: string }>(
      "SELECT count(*)::text AS n, count(DISTINCT raised_at)::text AS at FROM alarms WHERE city_id = 'p'",
    );
    expect(rows[0]).toEqual({ n: String(N), at: '1' });
    for (const size of [1, 4, 10]) {
      const ids: number[] = [];
      let after: string | null = null;
      for (let page = 0; page < N + 2; page++) {
        const d: {
          alarms: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        } = await ok(
          app,
          admin,
          'query($first: Int, $after: String) { alarms(first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }',
          { first: size, after },
        );
        ids.push(...d.alarms.nodes.map((n) => Number(n.id)));
        if (!d.alarms.pageInfo.hasNextPage) break;
        after = d.alarms.pageInfo.endCursor;
      }
      expect(ids, `page size ${size}`).toHaveLength(N);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    }
  });
});
