/**
 * Publisher keys: the Ed25519 public keys whose signed plugin bundles this platform installs. Trusting
 * and revoking are the platform operator's (the `fenghuo-core keys` command, with access to the
 * database), not a city's; every change goes to the plugin audit log.
 */
import { FenghuoError } from '@fenghuo/sdk';
import { keyIdOf, publicKey } from '@fenghuo/sdk/bundle';
import { coreErrors } from '../errors.js';
import type { Db } from '../store/db.js';
import { appendAudit, listPublishers, type PublisherRow } from './store.js';

/**
 * Trust a publisher's public key (PEM). Trusting a key again renames it and lifts a revocation.
 * Throws FH_PLUGIN_KEY_INVALID.
 */
export async function trustPublisherKey(
  db: Db,
  opts: { name: string; publicKeyPem: string; actor: string },
): Promise<PublisherRow> {
  const name = opts.name.trim();
  if (name === '') throw coreErrors.PLUGIN_KEY_INVALID({ reason: 'the publisher needs a name' });
  let keyId: string;
  let pem: string;
  try {
    const key = publicKey(opts.publicKeyPem);
    keyId = keyIdOf(key);
    pem = key.export({ type: 'spki', format: 'pem' }).toString();
  } catch (err) {
    throw coreErrors.PLUGIN_KEY_INVALID({
      reason: err instanceof FenghuoError || err instanceof Error ? err.message : String(err),
    });
  }
  await db.tx(async (q) => {
    await q.query(
      `INSERT INTO plugin_publishers (key_id, name, public_key, trusted_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key_id) DO UPDATE SET name = excluded.name, public_key = excluded.public_key,
         trusted_by = excluded.trusted_by, trusted_at = now(), revoked_at = NULL`,
      [keyId, name, pem, opts.actor],
    );
    await appendAudit(q, { actor: opts.actor, action: 'key_trusted', data: { keyId, name } });
  });
  return (await listPublishers(db)).find((k) => k.keyId === keyId)!;
}

/** Stop accepting new uploads signed by a key. Throws FH_PLUGIN_KEY_NOT_FOUND. */
export async function revokePublisherKey(db: Db, keyId: string, actor: string): Promise<PublisherRow> {
  const changed = await db.tx(async (q) => {
    const { rowCount } = await q.query(
      'UPDATE plugin_publishers SET revoked_at = now() WHERE key_id = $1 AND revoked_at IS NULL',
      [keyId],
    );
    if (rowCount > 0) await appendAudit(q, { actor, action: 'key_revoked', data: { keyId } });
    return rowCount > 0;
  });
  const row = (await listPublishers(db)).find((k) => k.keyId === keyId);
  if (!row || (!changed && !row.revokedAt)) throw coreErrors.PLUGIN_KEY_NOT_FOUND({ keyId });
  return row;
}
