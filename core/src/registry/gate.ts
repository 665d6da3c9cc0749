/**
 * The check before plugin code runs for a city: the plugin must be enabled there and its serving version
 * not quarantined.
 */
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';

/** Throws FH_PLUGIN_DISABLED or FH_PLUGIN_QUARANTINED when the plugin may not run for the city. */
export function assertRuns(core: Pick<Core, 'plugins'>, id: string, city: string): void {
  const gate = core.plugins.gate(id, city);
  if (gate.ok || gate.reason === 'unknown') return;
  if (gate.reason === 'disabled') throw coreErrors.PLUGIN_DISABLED({ id, city });
  const q = gate.quarantine;
  throw coreErrors.PLUGIN_QUARANTINED(
    { id, version: gate.version, city, at: q.at, failures: q.failures, code: q.code },
    q,
  );
}
