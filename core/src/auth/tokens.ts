/**
 * Who is asking, for which city: API tokens (Bearer) map to a city and a role. Only a token's SHA-256
 * is stored; the token itself is shown once, when it is made.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../store/db.js';

/**
 * Roles: a city's `admin`, `operator`, `viewer` and `device` (ingest); a `publisher` uploads plugin
 * versions; `platform` is the platform operator's (trusts publisher keys, may upload). A token always
 * names a city; for `publisher` and `platform` it is the city the token was issued in.
 */
export type Role = 'admin' | 'operator' | 'viewer' | 'device' | 'publisher' | 'platform';

export interface Principal {
  city: string;
  role: Role;
  name: string;
}

/** What each role may do. */
export const CAN = {
  read: ['admin', 'operator', 'viewer'] as Role[],
  operate: ['admin', 'operator'] as Role[],
  ingest: ['admin', 'device'] as Role[],
  configure: ['admin'] as Role[],
  /** Upload plugin versions. */
  publish: ['admin', 'publisher', 'platform'] as Role[],
  /** Trust and revoke publisher keys (platform-wide). */
  platform: ['platform'] as Role[],
};

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Make a token for a city and role; returns the token (store nothing but its hash). */
export async function createToken(
  q: Queryable,
  city: string,
  role: Role,
  name: string,
  token?: string,
): Promise<string> {
  const t = token ?? `fh_${randomBytes(24).toString('base64url')}`;
  await q.query(
    `INSERT INTO api_tokens (token_sha256, city_id, role, name) VALUES ($1, $2, $3, $4)
     ON CONFLICT (token_sha256) DO UPDATE SET city_id = excluded.city_id, role = excluded.role, name = excluded.name`,
    [hashToken(t), city, role, name],
  );
  return t;
}

const cache = new Map<string, { p: Principal | null; at: number }>();
const CACHE_MS = 10_000;

/** Resolve an `Authorization: Bearer …` header to a principal, or `null`. Cached for 10 s. */
export async function authenticate(q: Queryable, header: string | undefined): Promise<Principal | null> {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) return null;
  const h = hashToken(m[1]!);
  const hit = cache.get(h);
  const now = Date.now();
  if (hit && now - hit.at < CACHE_MS) return hit.p;
  const { rows } = await q.query<{ city_id: string; role: Role; name: string }>(
    'SELECT city_id, role, name FROM api_tokens WHERE token_sha256 = $1',
    [h],
  );
  const r = rows[0];
  const p = r ? { city: r.city_id, role: r.role, name: r.name } : null;
  cache.set(h, { p, at: now });
  return p;
}

export function clearAuthCache(): void {
  cache.clear();
}
