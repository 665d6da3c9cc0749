/**
 * `POST /api/v1/inventory`: a city's administrator loads the city's inventory (the same file
 * `fenghuo-core load` takes: YAML or JSON) into the running platform — for instance to bind sensors to a
 * sensor plugin just enabled. The file must be the caller's city; all of it is checked before anything
 * is written. `?replace=true` removes what the file does not list, as `load --replace` does.
 */
import type { FastifyInstance } from 'fastify';
import { authenticate, CAN, hashToken } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { loadInventory, parseInventoryText } from './load.js';
import { isRecord } from './validate.js';

/** Largest inventory accepted over HTTP, bytes (100,000 sensors in JSON is about 25 MB). */
const MAX_INVENTORY_BYTES = 32 * 1024 * 1024;

export function registerInventoryRoute(app: FastifyInstance, core: Core): void {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      ['application/yaml', 'application/x-yaml', 'text/yaml'],
      { parseAs: 'string', bodyLimit: MAX_INVENTORY_BYTES },
      (_req, body, done) => {
        try {
          done(null, parseInventoryText(body as string, 'inventory.yaml'));
        } catch (err) {
          done(err as Error, undefined);
        }
      },
    );
    scope.post<{ Querystring: { replace?: string } }>(
      '/api/v1/inventory',
      { bodyLimit: MAX_INVENTORY_BYTES },
      async (req) => {
        const p = await authenticate(core.db, req.headers.authorization);
        if (!p) throw coreErrors.AUTH_UNAUTHENTICATED();
        if (!CAN.configure.includes(p.role))
          throw coreErrors.AUTH_FORBIDDEN({ action: 'load the inventory' });
        const input = req.body;
        if (!isRecord(input)) {
          throw coreErrors.CATALOG_UNREADABLE({
            source: 'request',
            reason: 'the body must be an inventory object',
          });
        }
        const city = isRecord(input['city']) ? input['city']['id'] : undefined;
        if (city !== p.city) {
          throw coreErrors.AUTH_FORBIDDEN({
            action: `load the inventory of city ${String(city)} (yours is ${p.city})`,
          });
        }
        // Tokens a city may make for itself; never the platform operator's (one that exists already,
        // unchanged, may be listed: the demo inventory lists its own).
        const tokens = Array.isArray(input['tokens']) ? input['tokens'] : [];
        for (const t of tokens) {
          if (!isRecord(t) || t['role'] !== 'platform') continue;
          const { rows } =
            typeof t['token'] === 'string'
              ? await core.db.query(
                  `SELECT 1 FROM api_tokens WHERE token_sha256 = $1 AND role = 'platform' AND city_id = $2 AND name = $3`,
                  [hashToken(t['token']), p.city, t['name']],
                )
              : { rows: [] };
          if (rows.length === 0) {
            throw coreErrors.AUTH_FORBIDDEN({ action: 'make a platform token from a city inventory' });
          }
        }
        const replace = req.query.replace === 'true' || req.query.replace === '1';
        const summary = await loadInventory(core, input, { replace, sourceName: 'request' });
        // Secrets made now are shown once, to the administrator who asked.
        return summary;
      },
    );
  });
}
