/** The loaded risk types as the API shows them: metrics with units and default tiers with their sources. */
import { LEVELS, type Level, type RiskTypeDef, type Source, type ThresholdDef } from '@fenghuo/sdk';
import type { PluginRegistry } from '../../registry/plugins.js';

/** A TypeBox schema as plain JSON Schema (TypeBox's symbol keys dropped). */
const jsonSchema = (s: unknown): unknown => JSON.parse(JSON.stringify(s));

function sources(src: ThresholdDef['source']): { level: Level | null; basis: string; assumed: boolean }[] {
  if (!src) return [];
  if ('basis' in src && typeof (src as Source).basis === 'string') {
    const s = src as Source;
    return [{ level: null, basis: s.basis, assumed: s.assumed }];
  }
  const per = src as Partial<Record<Level, Source>>;
  return LEVELS.filter((l) => per[l]).map((l) => ({
    level: l,
    basis: per[l]!.basis,
    assumed: per[l]!.assumed,
  }));
}

function riskType(def: RiskTypeDef) {
  return {
    id: def.id,
    version: def.version,
    domain: def.domain,
    name: def.name,
    description: def.description ?? null,
    objectKinds: Object.entries(def.objects).map(([key, k]) => ({
      key,
      name: k.name,
      attributes: jsonSchema(k.attributes),
    })),
    metrics: Object.entries(def.metrics).map(([key, m]) => {
      const th = def.thresholds[key];
      return {
        key,
        unit: m.unit,
        name: m.name,
        min: typeof m.schema.minimum === 'number' ? m.schema.minimum : null,
        max: typeof m.schema.maximum === 'number' ? m.schema.maximum : null,
        intervalSec: m.intervalSec ?? null,
        threshold: th
          ? {
              direction: th.direction,
              levels: th.levels,
              durationSec: th.durationSec ?? null,
              hysteresis: th.hysteresis ?? null,
              hysteresisIsFraction: th.hysteresisIsFraction ?? null,
              ratePerMin: th.ratePerMin ?? null,
              ratioOf: th.ratioOf ?? null,
              sources: sources(th.source),
            }
          : null,
      };
    }),
  };
}

/** The risk types as a city sees them: the version serving the city (it may pin one). */
export function riskTypes(plugins: PluginRegistry, city?: string) {
  return [...plugins.riskTypes.keys()]
    .map((id) => riskType(plugins.get(id, city)!.def))
    .sort((a, b) => a.id.localeCompare(b.id));
}
