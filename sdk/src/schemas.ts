/**
 * TypeBox schemas of the contract's data shapes, for hosts that receive them from untrusted code or
 * files: core checks what `analyze` returns from the sandbox, the harness checks fixtures, the studio
 * renders forms. Each schema's static type matches the interface of the same name in `types.ts`.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { sdkErrors } from './errors.js';
import type { AnalysisResult } from './types.js';

/**
 * Bilingual text `{ zh, en }`.
 *
 * @example
 * Value.Check(I18nSchema, { zh: '3号阀门井', en: 'Valve well 3' }); // true
 */
export const I18nSchema = Type.Object({ zh: Type.String(), en: Type.String() });

/**
 * `[longitude, latitude]` in WGS 84 degrees.
 *
 * @example
 * Value.Check(LonLatSchema, [120.15, 30.27]); // true
 */
export const LonLatSchema = Type.Tuple([
  Type.Number({ minimum: -180, maximum: 180 }),
  Type.Number({ minimum: -90, maximum: 90 }),
]);

/**
 * GeoJSON geometry as objects and impact areas carry it: Point, LineString, Polygon or MultiPolygon.
 *
 * @example
 * Value.Check(GeometrySchema, { type: 'Point', coordinates: [120.15, 30.27] }); // true
 */
export const GeometrySchema = Type.Union([
  Type.Object({ type: Type.Literal('Point'), coordinates: LonLatSchema }),
  Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(LonLatSchema, { minItems: 2 }) }),
  Type.Object({
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LonLatSchema, { minItems: 4 }), { minItems: 1 }),
  }),
  Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(LonLatSchema, { minItems: 4 }), { minItems: 1 }), {
      minItems: 1,
    }),
  }),
]);

/**
 * A warning tier: `blue | yellow | orange | red`.
 *
 * @example
 * Value.Check(TierSchema, 'orange'); // true
 */
export const TierSchema = Type.Union([
  Type.Literal('blue'),
  Type.Literal('yellow'),
  Type.Literal('orange'),
  Type.Literal('red'),
]);

/**
 * An alarm level: `alarm` or a tier.
 *
 * @example
 * Value.Check(LevelSchema, 'alarm'); // true
 */
export const LevelSchema = Type.Union([Type.Literal('alarm'), TierSchema]);

/**
 * An object's role: `monitored | target | hazard`.
 *
 * @example
 * Value.Check(ObjectRoleSchema, 'target'); // true
 */
export const ObjectRoleSchema = Type.Union([
  Type.Literal('monitored'),
  Type.Literal('target'),
  Type.Literal('hazard'),
]);

const StatementSchema = I18nSchema;

/**
 * What `analyze` must return ({@link AnalysisResult}). Hosts check a result against it before turning it
 * into a warning, because a plugin's code is not trusted to keep the contract.
 *
 * @example
 * const errors = [...Value.Errors(AnalysisResultSchema, result)];
 * if (errors.length > 0) throw sdkErrors.ANALYSIS_RESULT_INVALID({ reason: `${errors[0].path} ${errors[0].message}` });
 */
export const AnalysisResultSchema = Type.Object({
  tier: Type.Union([TierSchema, Type.Null()]),
  impact: Type.Optional(GeometrySchema),
  impactRadiusM: Type.Optional(Type.Number({ minimum: 0 })),
  targets: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        kind: Type.String(),
        role: ObjectRoleSchema,
        name: I18nSchema,
        distanceM: Type.Number({ minimum: 0 }),
      }),
    ),
  ),
  findings: Type.Array(StatementSchema),
  actions: Type.Array(StatementSchema),
  data: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
});

/**
 * The static type of {@link AnalysisResultSchema}; the same shape as `AnalysisResult`.
 *
 * @example
 * const r: AnalysisResultData = { tier: 'blue', findings: [], actions: [] };
 */
export type AnalysisResultData = Static<typeof AnalysisResultSchema>;

/**
 * Check what an `analyze` returned and return it typed; throws `FH_SDK_ANALYSIS_RESULT_INVALID` naming
 * the first wrong field. Core and the harness both call it, so a result the harness accepts is one core
 * accepts.
 *
 * @example
 * const result = checkAnalysisResult(await sandbox.run(def.analyze, event, ctx, config));
 */
export function checkAnalysisResult(value: unknown): AnalysisResult {
  const first = Value.Errors(AnalysisResultSchema, value).First();
  if (first) throw sdkErrors.ANALYSIS_RESULT_INVALID({ reason: `${first.path || '/'} ${first.message}` });
  return value as AnalysisResult;
}
