/** Helpers of the API tests: GraphQL over `inject`, and readings through the real ingest route. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

/** GraphQL data as the tests read it: by path, checked by the assertions. */
// biome-ignore lint/suspicious/noExplicitAny: response data is navigated by path and checked by expect
export type Data = any;

export interface GqlResult<T = Data> {
  data: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; details?: unknown } }[];
}

export async function gql<T = Data>(
  app: FastifyInstance,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult<T>> {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    payload: { query, ...(variables ? { variables } : {}) },
  });
  return res.json() as GqlResult<T>;
}

/** The data of a query that must succeed. */
export async function ok<T = Data>(
  app: FastifyInstance,
  token: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const r = await gql<T>(app, token, query, variables);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
}

/** The extension codes of a query's errors. */
export async function codes(
  app: FastifyInstance,
  token: string | null,
  query: string,
  variables?: Record<string, unknown>,
): Promise<string[]> {
  const r = await gql(app, token, query, variables);
  return (r.errors ?? []).map((e) => e.extensions?.code ?? '(none)');
}

/** Post readings through `POST /api/v1/readings`; all must be accepted. */
export async function send(
  app: FastifyInstance,
  token: string,
  readings: { sensor: string; ts: string; values: Record<string, number> }[],
): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/readings',
    headers: { authorization: `Bearer ${token}` },
    payload: { readings },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().rejected).toEqual([]);
}

export const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();
