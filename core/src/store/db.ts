/**
 * The storage port: one interface over PostgreSQL (`pg`, when DATABASE_URL is set) and PGlite (an
 * embedded PostgreSQL in a data folder). Both speak the same SQL; the rest of core sees only `Db`.
 */
import { mkdirSync } from 'node:fs';
import pg from 'pg';

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** Something that runs SQL: the pool or one transaction. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
}

export interface Db extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Run `fn` in one transaction; it commits when `fn` resolves and rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** A dedicated `pg` client for COPY and LISTEN (PostgreSQL only). */
  connect?(): Promise<pg.PoolClient>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** PostgreSQL connection string; without it, PGlite in `dataDir` (or in memory when `dataDir` is absent). */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** Schema to create and use (tests use one per file); default `public`. */
  schema?: string | undefined;
  /** Pool size for PostgreSQL. */
  max?: number;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openDb(opts: DbOptions): Promise<Db> {
  const schema = opts.schema ?? 'public';
  if (!SCHEMA_RE.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  if (opts.url) return openPostgres(opts.url, schema, opts.max ?? 10);
  // An empty data folder means in memory.
  return openPglite(opts.dataDir, schema);
}

async function openPostgres(url: string, schema: string, max: number): Promise<Db> {
  // Create the schema first, then let every pooled connection use it.
  const boot = new pg.Client({ connectionString: url });
  await boot.connect();
  try {
    await boot.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await boot.end();
  }
  const pool = new pg.Pool({ connectionString: url, max, options: `-c search_path=${schema}` });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  const db: Db = {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async tx<T>(fn: (q: Queryable) => Promise<T>) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const q: Queryable = {
          async query<R>(sql: string, params?: unknown[]) {
            const r = await client.query(sql, params as unknown[]);
            return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
          },
        };
        const out = await fn(q);
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    connect: () => pool.connect(),
    close: () => pool.end(),
  };
  return db;
}

async function openPglite(dataDir: string | undefined, schema: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  await lite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  // PGlite has one connection: queries are serialised, and a transaction holds it until it ends, so
  // the queue below keeps a query outside a transaction from landing inside it.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work);
    chain = next.catch(() => {});
    return next;
  };
  const run = async <T>(sql: string, params?: unknown[]) => {
    const r = await lite.query<T>(sql, params);
    return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
  };
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => serial(() => run<T>(sql, params)),
    tx: <T>(fn: (q: Queryable) => Promise<T>) =>
      serial(async () => {
        await lite.query('BEGIN');
        try {
          const out = await fn({ query: run });
          await lite.query('COMMIT');
          return out;
        } catch (err) {
          await lite.query('ROLLBACK').catch(() => {});
          throw err;
        }
      }),
    close: () => lite.close(),
  };
}
