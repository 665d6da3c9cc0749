/**
 * The default risk catalogue (catalog/risk-catalogue.json, its JSON Schema and docs/catalogue.md) is
 * generated from the shipped risk-type plugins and must not drift from them; every default tier level
 * names its source and whether it is assumed.
 */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { RiskCatalogueSchema, renderCatalogue, riskCatalogue } from '../src/catalog/risk-catalogue.js';
import {
  CATALOGUE_DOC_FILE,
  generatedFiles,
  RISK_CATALOGUE_FILE,
  RISK_CATALOGUE_SCHEMA_FILE,
} from '../src/cli.js';
import { testGas } from './support/plugin.js';

describe('the default risk catalogue', () => {
  it('is in step with the plugins: catalog/risk-catalogue.json, its schema and docs/catalogue.md', async () => {
    const files = await generatedFiles();
    for (const path of [RISK_CATALOGUE_FILE, RISK_CATALOGUE_SCHEMA_FILE, CATALOGUE_DOC_FILE]) {
      const gen = files.find((f) => f.path === path)!;
      expect(gen.matches(readFileSync(path, 'utf8')), `${path} is stale: run \`fenghuo-core generate\``).toBe(
        true,
      );
    }
  }, 120_000);

  it('fits its JSON Schema, and every tier level of every shipped risk type has a source', () => {
    const cat = JSON.parse(readFileSync(RISK_CATALOGUE_FILE, 'utf8')) as unknown;
    expect([...Value.Errors(RiskCatalogueSchema, cat)].map((e) => `${e.path}: ${e.message}`)).toEqual([]);
    const { riskTypes } = cat as ReturnType<typeof riskCatalogue>;
    expect(riskTypes.map((r) => r.id)).toEqual(expect.arrayContaining(['bridge', 'gas-pipeline']));
    for (const r of riskTypes) {
      for (const m of r.metrics) {
        if (!m.threshold) continue;
        // Levels are set by value and, for some metrics, by rate of change (`ratePerMin`).
        const levels = [
          ...new Set([...Object.keys(m.threshold.levels), ...Object.keys(m.threshold.ratePerMin ?? {})]),
        ].sort();
        const perLevel = m.threshold.sources.some((s) => s.level === null)
          ? levels
          : m.threshold.sources.map((s) => s.level);
        expect(perLevel.sort(), `${r.id}.${m.key}: a source for every level`).toEqual(levels);
      }
    }
  });

  it('renders one table per risk type with sources and assumed flags', () => {
    const md = renderCatalogue(riskCatalogue([testGas]));
    expect(md).toContain(`## ${testGas.id}`);
    expect(md).toMatch(/\| `ch4` \| .+ \| %LEL \|/);
    const cat = riskCatalogue([testGas]);
    expect(Value.Check(RiskCatalogueSchema, cat)).toBe(true);
  });
});
