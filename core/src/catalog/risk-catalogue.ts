/**
 * The default risk catalogue, generated from the shipped risk-type plugins: for each risk type its
 * objects, metrics with units and ranges, default tiers with the source of every level and whether it is
 * assumed (a city should review those), and its tunable model parameters. The same entry serves the
 * GraphQL `riskTypes` query; `fenghuo-core generate` writes it to catalog/risk-catalogue.json (with a JSON
 * Schema beside it) and renders docs/catalogue.md, and a test fails when those drift from the plugins.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEVELS, type Level, type RiskTypeDef, type Source, type ThresholdDef } from '@fenghuo/sdk';
import { buildBundle } from '@fenghuo/sdk/bundle';
import { type Static, Type } from '@sinclair/typebox';

/** A TypeBox schema as plain JSON Schema (TypeBox's symbol keys dropped). */
const jsonSchema = (s: unknown): unknown => (s === undefined ? null : JSON.parse(JSON.stringify(s)));

const I18nJson = Type.Object({ zh: Type.String(), en: Type.String() }, { additionalProperties: false });
const LevelName = Type.Union(LEVELS.map((l) => Type.Literal(l)));
const LevelValuesJson = Type.Partial(
  Type.Object(
    Object.fromEntries(LEVELS.map((l) => [l, Type.Number()])) as Record<
      Level,
      ReturnType<typeof Type.Number>
    >,
    {
      additionalProperties: false,
    },
  ),
);
const JsonSchemaJson = Type.Record(Type.String(), Type.Unknown(), { description: 'a JSON Schema object' });

const SourceJson = Type.Object(
  {
    level: Type.Union([LevelName, Type.Null()], { description: 'null: one source for every level' }),
    basis: Type.String({ minLength: 1 }),
    assumed: Type.Boolean({ description: 'our engineering choice, which a city should review' }),
  },
  { additionalProperties: false },
);

const ThresholdJson = Type.Object(
  {
    direction: Type.Union([Type.Literal('rising'), Type.Literal('falling')]),
    levels: LevelValuesJson,
    durationSec: Type.Union([Type.Number(), Type.Null()]),
    hysteresis: Type.Union([Type.Number(), Type.Null()]),
    hysteresisIsFraction: Type.Union([Type.Boolean(), Type.Null()]),
    ratePerMin: Type.Union([LevelValuesJson, Type.Null()]),
    ratioOf: Type.Union([Type.String(), Type.Null()]),
    sources: Type.Array(SourceJson),
  },
  { additionalProperties: false },
);

/** One risk type of the catalogue. */
export const RiskTypeEntrySchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' }),
    version: Type.String(),
    domain: Type.Union([
      Type.Literal('lifeline'),
      Type.Literal('public'),
      Type.Literal('production'),
      Type.Literal('natural'),
    ]),
    name: I18nJson,
    description: Type.Union([I18nJson, Type.Null()]),
    objectKinds: Type.Array(
      Type.Object(
        { key: Type.String(), name: I18nJson, attributes: JsonSchemaJson },
        { additionalProperties: false },
      ),
    ),
    metrics: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          unit: Type.String(),
          name: I18nJson,
          min: Type.Union([Type.Number(), Type.Null()]),
          max: Type.Union([Type.Number(), Type.Null()]),
          intervalSec: Type.Union([Type.Number(), Type.Null()]),
          threshold: Type.Union([ThresholdJson, Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
    config: Type.Union([JsonSchemaJson, Type.Null()], { description: "the plugin's tunable parameters" }),
    defaults: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  },
  { additionalProperties: false },
);
export type RiskTypeEntry = Static<typeof RiskTypeEntrySchema>;

/** The catalogue file (catalog/risk-catalogue.json). */
export const RiskCatalogueSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    description: Type.String(),
    riskTypes: Type.Array(RiskTypeEntrySchema),
  },
  {
    $id: 'https://fenghuo.dev/schemas/risk-catalogue.json',
    title: 'Fenghuo default risk catalogue',
    additionalProperties: false,
  },
);
export type RiskCatalogue = Static<typeof RiskCatalogueSchema>;

function sources(src: ThresholdDef['source']): Static<typeof SourceJson>[] {
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

/** A risk type as the catalogue (and the API) describes it. */
export function riskTypeEntry(def: RiskTypeDef): RiskTypeEntry {
  return {
    id: def.id,
    version: def.version,
    domain: def.domain,
    name: def.name,
    description: def.description ?? null,
    objectKinds: Object.entries(def.objects).map(([key, k]) => ({
      key,
      name: k.name,
      attributes: jsonSchema(k.attributes) as Record<string, unknown>,
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
    config: jsonSchema(def.config) as Record<string, unknown> | null,
    defaults: (jsonSchema(def.defaults) as Record<string, unknown> | null) ?? null,
  };
}

/** The catalogue of the given risk types, sorted by id. */
export function riskCatalogue(defs: RiskTypeDef[]): RiskCatalogue {
  return {
    $schema: './risk-catalogue.schema.json',
    description:
      'Generated by `fenghuo-core generate` from the risk-type plugins in plugins/; do not edit. docs/catalogue.md renders it.',
    riskTypes: defs.map(riskTypeEntry).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/**
 * The risk types shipped in a plugins folder, each built into its bundle and read from it the way
 * `fenghuo plugin pack` does (the definition is the bundle's, not the source's).
 */
export async function shippedRiskTypes(dir: string): Promise<RiskTypeDef[]> {
  if (!existsSync(dir)) return [];
  const defs: RiskTypeDef[] = [];
  for (const name of readdirSync(dir).sort()) {
    const pkgFile = join(dir, name, 'package.json');
    if (!existsSync(pkgFile)) continue;
    const kind = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { fenghuo?: { kind?: string } }).fenghuo?.kind;
    if (kind !== 'risk-type') continue;
    const built = await buildBundle({ dir: join(dir, name) });
    defs.push(built.def as RiskTypeDef);
  }
  return defs;
}

const DOMAIN_NAMES: Record<RiskTypeEntry['domain'], string> = {
  lifeline: '城市生命线 / city lifelines',
  public: '公共安全 / public safety',
  production: '生产安全 / production safety',
  natural: '自然灾害 / natural hazards',
};

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const num = (n: number | null) => (n === null ? '—' : String(n));

/** docs/catalogue.md: one section per risk type, one table of its metrics and default tiers. */
export function renderCatalogue(cat: RiskCatalogue): string {
  const lines: string[] = [
    '# 风险目录 / The risk catalogue',
    '',
    '<!-- Generated by `fenghuo-core generate` from catalog/risk-catalogue.json; do not edit. -->',
    '',
    'The default risk types a city gets, as their plugins define them: metrics, units, default tiers',
    '(blue < yellow < orange < red; `alarm` goes to the owner unit only), and where every default comes from.',
    'A level marked **assumed** is an engineering choice, not a figure from a standard: a city should review',
    'it and override it (GraphQL `setThresholdOverride`, or `thresholds` in its inventory).',
    '',
    '| risk type | 名称 | domain | version | metrics |',
    '|---|---|---|---|---|',
    ...cat.riskTypes.map(
      (r) =>
        `| [\`${r.id}\`](#${r.id}) | ${cell(r.name.zh)} | ${r.domain} | ${r.version} | ${r.metrics.length} |`,
    ),
    '',
  ];
  for (const r of cat.riskTypes) {
    lines.push(
      `## ${r.id}`,
      '',
      `**${cell(r.name.zh)}** / ${cell(r.name.en)} — ${DOMAIN_NAMES[r.domain]}, version ${r.version}`,
      '',
    );
    if (r.description) lines.push(`${cell(r.description.zh)}`, '', `${cell(r.description.en)}`, '');
    lines.push(
      `Objects: ${r.objectKinds.map((k) => `\`${k.key}\` (${cell(k.name.zh)} / ${cell(k.name.en)})`).join(', ') || '—'}.`,
      '',
      '| metric | 名称 / name | unit | range | direction | alarm | blue | yellow | orange | red | hold (s) | sources |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const m of r.metrics) {
      const t = m.threshold;
      const lv = (l: Level) => (t && t.levels[l] !== undefined ? String(t.levels[l]) : '—');
      const src = t
        ? t.sources
            .map(
              (s) => `${s.level ? `${s.level}: ` : ''}${cell(s.basis)}${s.assumed ? ' (**assumed**)' : ''}`,
            )
            .join('; ') || '—'
        : 'no tiers';
      const dir = t ? `${t.direction}${t.ratioOf ? ` (× \`${t.ratioOf}\`)` : ''}` : '—';
      lines.push(
        `| \`${m.key}\` | ${cell(m.name.zh)} / ${cell(m.name.en)} | ${cell(m.unit)} | ${num(m.min)}–${num(m.max)} | ${dir} | ${lv('alarm')} | ${lv('blue')} | ${lv('yellow')} | ${lv('orange')} | ${lv('red')} | ${t ? num(t.durationSec) : '—'} | ${src} |`,
      );
    }
    const params = Object.keys((r.config?.['properties'] as object | undefined) ?? {});
    lines.push(
      '',
      params.length > 0
        ? `Tunable parameters (\`config\`): ${params.map((p) => `\`${p}\``).join(', ')}. See \`plugins/${r.id}/README.md\`.`
        : `See \`plugins/${r.id}/README.md\`.`,
      '',
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
