import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { FenghuoError } from './errors.js';
import { checkAnalysisResult, GeometrySchema } from './schemas.js';

describe('analysis result check', () => {
  it('returns a well-formed result unchanged', () => {
    const r = {
      tier: 'red',
      impact: { type: 'Point', coordinates: [120.15, 30.27] },
      impactRadiusM: 200,
      targets: [
        { id: 'SCH-1', kind: 'school', role: 'target', name: { zh: '小学', en: 'School' }, distanceM: 80 },
      ],
      findings: [{ zh: '泄漏', en: 'Leak' }],
      actions: [],
      data: { source: 'VW-3', n: 2 },
    };
    expect(checkAnalysisResult(r)).toBe(r);
    expect(checkAnalysisResult({ tier: null, findings: [], actions: [] })).toEqual({
      tier: null,
      findings: [],
      actions: [],
    });
  });

  it('names the first wrong field of a malformed result', () => {
    const bad = (v: unknown) => {
      try {
        checkAnalysisResult(v);
      } catch (e) {
        expect(e).toBeInstanceOf(FenghuoError);
        expect((e as FenghuoError).code).toBe('FH_SDK_ANALYSIS_RESULT_INVALID');
        return (e as FenghuoError).message;
      }
      return 'accepted';
    };
    expect(bad({ tier: 'purple', findings: [], actions: [] })).toMatch(
      /^analyze returned an invalid result: \/tier /,
    );
    expect(bad({ tier: 'red', findings: ['leak'], actions: [] })).toMatch(/: \/findings\/0 /);
    expect(bad({ tier: 'red', findings: [], actions: [], impactRadiusM: Number.NaN })).toMatch(
      /: \/impactRadiusM /,
    );
    expect(bad(undefined)).toMatch(/: \/ /);
  });

  it('accepts GeoJSON geometries and refuses a polygon ring of fewer than four positions or a longitude past 180', () => {
    expect(
      Value.Check(GeometrySchema, {
        type: 'LineString',
        coordinates: [
          [120, 30],
          [120.1, 30],
        ],
      }),
    ).toBe(true);
    expect(
      Value.Check(GeometrySchema, {
        type: 'Polygon',
        coordinates: [
          [
            [120, 30],
            [120.1, 30],
            [120, 30],
          ],
        ],
      }),
    ).toBe(false);
    expect(Value.Check(GeometrySchema, { type: 'Point', coordinates: [200, 30] })).toBe(false);
  });
});
