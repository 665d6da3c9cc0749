/** The loaded risk types as the API shows them: metrics with units and default tiers with their sources. */
import { riskTypeEntry } from '../../catalog/risk-catalogue.js';
import type { PluginRegistry } from '../../registry/plugins.js';

/** The risk types as a city sees them: the version serving the city (it may pin one). */
export function riskTypes(plugins: PluginRegistry, city?: string) {
  return [...plugins.riskTypes.keys()]
    .map((id) => riskTypeEntry(plugins.get(id, city)!.def))
    .sort((a, b) => a.id.localeCompare(b.id));
}
