import { Type } from '@sinclair/typebox';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { riskTypeProblems, sensorProblems } from './check/definition.js';
import { checkRiskType, checkSensor, defineRiskType, defineSensor } from './define.js';
import { FenghuoError, type Problem } from './errors.js';
import type { AnalysisResult, RiskTypeDef } from './types.js';

/** A valid risk type, as plain data so that each test can break one thing. */
function valid(): Record<string, unknown> & RiskTypeDef {
  return {
    id: 'gas-pipeline',
    version: '1.0.0',
    domain: 'lifeline',
    name: { zh: '燃气管线泄漏', en: 'Gas pipeline leak' },
    objects: {
      valve_well: {
        name: { zh: '阀门井', en: 'Valve well' },
        attributes: Type.Object({ depthM: Type.Number(), material: Type.String() }),
      },
      pipe: {
        name: { zh: '管段', en: 'Pipe segment' },
        attributes: Type.Object({ designPressureMPa: Type.Optional(Type.Number()) }),
      },
    },
    metrics: {
      ch4: {
        schema: Type.Number({ minimum: 0, maximum: 100 }),
        unit: '%LEL',
        name: { zh: '甲烷', en: 'Methane' },
      },
      o2: {
        schema: Type.Number({ minimum: 0, maximum: 30 }),
        unit: '%vol',
        name: { zh: '氧气', en: 'Oxygen' },
      },
      pressure: { schema: Type.Number({ minimum: 0 }), unit: 'MPa', name: { zh: '压力', en: 'Pressure' } },
    },
    thresholds: {
      ch4: {
        direction: 'rising',
        levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 },
        durationSec: 30,
      },
      o2: { direction: 'falling', levels: { blue: 19.5, orange: 16, red: 12 }, hysteresis: 0.3 },
      pressure: {
        direction: 'rising',
        levels: { yellow: 1.1, red: 1.3 },
        ratioOf: 'designPressureMPa',
        ratePerMin: { yellow: 0.05, red: 0.1 },
      },
    },
    config: Type.Object({ radiusM: Type.Number({ minimum: 0 }), windFactor: Type.Number() }),
    defaults: { radiusM: 200, windFactor: 1.5 },
    analyze: () => ({ tier: null, findings: [], actions: [] }),
    warning: {
      title: { zh: '{{object}}{{tierZh}}', en: '{{tierEn}}: {{objectEn}}' },
      body: { zh: '{{metric}} {{value}}{{unit}}', en: '{{metricEn}} {{value}} {{unit}}' },
      instructions: { zh: '{{actionsZh}}', en: '{{actionsEn}}' },
    },
  };
}

type Def = ReturnType<typeof valid>;
const problems = (change: (d: Def) => void): Problem[] => {
  const d = valid();
  change(d);
  return riskTypeProblems(d);
};
const codes = (change: (d: Def) => void): string[] => problems(change).map((p) => p.code);
// biome-ignore lint/suspicious/noExplicitAny: tests put wrong types on purpose
const loose = (v: unknown): any => v;

describe('risk-type definition checks', () => {
  it('accept a well-formed risk type', () => {
    expect(riskTypeProblems(valid())).toEqual([]);
    expect(() => checkRiskType(valid())).not.toThrow();
  });

  it('reject a definition that is not an object', () => {
    expect(riskTypeProblems(null).map((p) => p.code)).toEqual(['FH_SDK_DEFINITION_NOT_OBJECT']);
    expect(riskTypeProblems(loose(() => 1))[0]?.message).toContain('got function');
  });

  it('reject an id that is not kebab-case', () => {
    for (const id of ['GasPipeline', 'gas_pipeline', '-gas', 'gas-', 'gas--pipeline', '1gas', '']) {
      expect(problems((d) => (d.id = id))).toEqual([
        expect.objectContaining({ path: '/id', code: 'FH_SDK_ID_NOT_KEBAB' }),
      ]);
    }
    expect(codes((d) => (d.id = 'bridge-2'))).toEqual([]);
  });

  it('reject a version that is not semver', () => {
    for (const version of ['1', '1.0', 'v1.0.0', '01.0.0', '1.0.0.0']) {
      expect(codes((d) => (d.version = version))).toEqual(['FH_SDK_VERSION_NOT_SEMVER']);
    }
    expect(codes((d) => (d.version = '2.1.0-beta.1+build.5'))).toEqual([]);
  });

  it('reject a domain outside the four', () => {
    expect(problems((d) => (d.domain = loose('industry')))).toEqual([
      expect.objectContaining({ path: '/domain', code: 'FH_SDK_DOMAIN_UNKNOWN' }),
    ]);
  });

  it('require non-empty zh and en names of the risk type, its metrics and object kinds', () => {
    expect(problems((d) => (d.name = { zh: ' ', en: 'Gas' }))).toEqual([
      expect.objectContaining({ path: '/name/zh', code: 'FH_SDK_NAME_MISSING' }),
    ]);
    expect(problems((d) => (d.metrics['ch4']!.name = loose({ zh: '甲烷' })))).toEqual([
      expect.objectContaining({ path: '/metrics/ch4/name/en', code: 'FH_SDK_NAME_MISSING' }),
    ]);
    expect(problems((d) => (d.objects['pipe']!.name = loose(undefined))).map((p) => p.path)).toEqual([
      '/objects/pipe/name/zh',
      '/objects/pipe/name/en',
    ]);
  });

  it('require at least one object kind, each with a TypeBox object schema', () => {
    expect(codes((d) => (d.objects = {}))).toContain('FH_SDK_OBJECTS_EMPTY');
    expect(problems((d) => (d.objects['valve_well']!.attributes = loose({ type: 'object' })))).toEqual([
      expect.objectContaining({
        path: '/objects/valve_well/attributes',
        code: 'FH_SDK_OBJECT_SCHEMA_NOT_OBJECT',
      }),
    ]);
  });

  it('require at least one metric', () => {
    expect(codes((d) => (d.metrics = {}))).toContain('FH_SDK_METRICS_EMPTY');
  });

  it('require a unit on every metric', () => {
    expect(problems((d) => (d.metrics['o2']!.unit = ''))).toEqual([
      expect.objectContaining({ path: '/metrics/o2/unit', code: 'FH_SDK_METRIC_UNIT_MISSING' }),
    ]);
    expect(codes((d) => delete loose(d.metrics['o2']).unit)).toEqual(['FH_SDK_METRIC_UNIT_MISSING']);
  });

  it('require a TypeBox number schema on every metric', () => {
    expect(codes((d) => (d.metrics['o2']!.schema = loose(Type.String())))).toEqual([
      'FH_SDK_METRIC_SCHEMA_NOT_NUMBER',
    ]);
    expect(codes((d) => (d.metrics['o2']!.schema = loose({ type: 'number' })))).toEqual([
      'FH_SDK_METRIC_SCHEMA_NOT_NUMBER',
    ]);
    expect(codes((d) => (d.metrics['o2']!.schema = loose(Type.Integer({ minimum: 0 }))))).toEqual([]);
  });

  it('reject a metric range whose minimum is above its maximum', () => {
    expect(codes((d) => (d.metrics['o2']!.schema = Type.Number({ minimum: 30, maximum: 0 })))).toContain(
      'FH_SDK_METRIC_RANGE_INVALID',
    );
  });

  it('reject a non-positive expected interval', () => {
    expect(problems((d) => (d.metrics['o2']!.intervalSec = 0))).toEqual([
      expect.objectContaining({ path: '/metrics/o2/intervalSec', code: 'FH_SDK_FIELD_INVALID' }),
    ]);
  });

  it('accept a held re-analysis schedule in whole seconds and counts, and reject anything else', () => {
    expect(problems((d) => (loose(d).heldReanalysis = { afterSec: 21_600, max: 28 }))).toEqual([]);
    for (const bad of [
      { afterSec: 30, max: 3 },
      { afterSec: 3_600, max: 0 },
      { afterSec: 3_600.5, max: 3 },
      { afterSec: 3_600, max: 3, every: 'day' },
      { afterSec: 3_600 },
      'hourly',
    ]) {
      expect(problems((d) => (loose(d).heldReanalysis = bad))).toEqual([
        expect.objectContaining({ path: '/heldReanalysis', code: 'FH_SDK_FIELD_INVALID' }),
      ]);
    }
  });

  it('reject a threshold on a metric the plugin does not declare', () => {
    const found = problems((d) => (loose(d.thresholds).co = { direction: 'rising', levels: { red: 100 } }));
    expect(found).toEqual([
      expect.objectContaining({ path: '/thresholds/co', code: 'FH_SDK_THRESHOLD_UNKNOWN_METRIC' }),
    ]);
    expect(found[0]!.message).toContain('ch4, o2, pressure');
  });

  it('reject a threshold direction other than rising or falling', () => {
    expect(codes((d) => (d.thresholds['o2']!.direction = loose('down')))).toEqual([
      'FH_SDK_THRESHOLD_DIRECTION_INVALID',
    ]);
  });

  it('require at least one level', () => {
    expect(codes((d) => (d.thresholds['o2']!.levels = {}))).toEqual(['FH_SDK_THRESHOLD_NO_LEVELS']);
    expect(codes((d) => (d.thresholds['o2']!.levels = loose(undefined)))).toEqual([
      'FH_SDK_THRESHOLD_NO_LEVELS',
    ]);
  });

  it('reject a level that is not one of the five or whose value is not a finite number', () => {
    expect(problems((d) => (loose(d.thresholds['ch4']!.levels).green = 3))).toEqual([
      expect.objectContaining({
        path: '/thresholds/ch4/levels/green',
        code: 'FH_SDK_THRESHOLD_LEVEL_INVALID',
      }),
    ]);
    expect(problems((d) => (d.thresholds['ch4']!.levels.red = loose('50')))).toEqual([
      expect.objectContaining({ path: '/thresholds/ch4/levels/red', code: 'FH_SDK_THRESHOLD_LEVEL_INVALID' }),
    ]);
  });

  it('require rising levels to increase strictly from alarm to red, skipping missing ones', () => {
    const found = problems((d) => (d.thresholds['ch4']!.levels = { alarm: 5, blue: 10, yellow: 10, red: 8 }));
    expect(found.map((p) => [p.path, p.code])).toEqual([
      ['/thresholds/ch4/levels/yellow', 'FH_SDK_THRESHOLD_LEVELS_ORDER'],
      ['/thresholds/ch4/levels/red', 'FH_SDK_THRESHOLD_LEVELS_ORDER'],
    ]);
    expect(found[0]!.message).toContain('blue is 10 and yellow is 10');
  });

  it('require falling levels to decrease strictly from alarm to red', () => {
    expect(codes((d) => (d.thresholds['o2']!.levels = { blue: 16, orange: 19.5 }))).toEqual([
      'FH_SDK_THRESHOLD_LEVELS_ORDER',
    ]);
  });

  it('reject an absolute limit the metric can never reach', () => {
    expect(problems((d) => (d.thresholds['ch4']!.levels.red = 150))).toEqual([
      expect.objectContaining({
        path: '/thresholds/ch4/levels/red',
        code: 'FH_SDK_THRESHOLD_LEVEL_UNREACHABLE',
      }),
    ]);
  });

  it('require rate-of-change limits to be positive and increasing', () => {
    expect(problems((d) => (d.thresholds['pressure']!.ratePerMin = { yellow: 0 }))).toEqual([
      expect.objectContaining({
        path: '/thresholds/pressure/ratePerMin/yellow',
        code: 'FH_SDK_THRESHOLD_RATE_NOT_POSITIVE',
      }),
    ]);
    expect(codes((d) => (d.thresholds['pressure']!.ratePerMin = { yellow: 0.2, red: 0.1 }))).toEqual([
      'FH_SDK_THRESHOLD_RATE_ORDER',
    ]);
  });

  it('require durationSec and hysteresis to be non-negative numbers', () => {
    expect(problems((d) => (d.thresholds['ch4']!.durationSec = -1))).toEqual([
      expect.objectContaining({ path: '/thresholds/ch4/durationSec', code: 'FH_SDK_THRESHOLD_NEGATIVE' }),
    ]);
    expect(codes((d) => (d.thresholds['o2']!.hysteresis = loose('0.3')))).toEqual([
      'FH_SDK_THRESHOLD_NEGATIVE',
    ]);
  });

  it('require ratioOf to name a number attribute of some object kind', () => {
    expect(problems((d) => (d.thresholds['pressure']!.ratioOf = 'material'))).toEqual([
      expect.objectContaining({
        path: '/thresholds/pressure/ratioOf',
        code: 'FH_SDK_THRESHOLD_RATIO_UNKNOWN_ATTRIBUTE',
      }),
    ]);
    expect(codes((d) => (d.thresholds['pressure']!.ratioOf = 'nominalMPa'))).toEqual([
      'FH_SDK_THRESHOLD_RATIO_UNKNOWN_ATTRIBUTE',
    ]);
    expect(codes((d) => (d.thresholds['pressure']!.ratioOf = 'depthM'))).toEqual([]);
  });

  it('require analyze to be a function', () => {
    expect(problems((d) => (d.analyze = loose('analyze.js')))).toEqual([
      expect.objectContaining({ path: '/analyze', code: 'FH_SDK_ANALYZE_NOT_FUNCTION' }),
    ]);
  });

  it('require zh and en templates for title, body and instructions', () => {
    expect(problems((d) => (d.warning.body = loose({ zh: '正文' })))).toEqual([
      expect.objectContaining({ path: '/warning/body/en', code: 'FH_SDK_WARNING_TEMPLATE_MISSING' }),
    ]);
    expect(codes((d) => (d.warning = loose(undefined)))).toHaveLength(6);
  });

  it('require config to be a TypeBox object schema', () => {
    expect(codes((d) => (d.config = loose({ radiusM: 200 })))).toEqual(['FH_SDK_CONFIG_SCHEMA_NOT_OBJECT']);
  });

  it('check defaults against the config schema and report each path', () => {
    const found = problems((d) => (d.defaults = loose({ radiusM: -5 })));
    expect(found.map((p) => [p.path, p.code]).sort()).toEqual([
      ['/defaults/radiusM', 'FH_SDK_CONFIG_DEFAULTS_INVALID'],
      ['/defaults/windFactor', 'FH_SDK_CONFIG_DEFAULTS_INVALID'],
    ]);
    expect(codes((d) => delete d.defaults)).toEqual([
      'FH_SDK_CONFIG_DEFAULTS_INVALID',
      'FH_SDK_CONFIG_DEFAULTS_INVALID',
    ]);
  });

  it('reject defaults without a config schema', () => {
    expect(problems((d) => delete d.config)).toEqual([
      expect.objectContaining({ path: '/defaults', code: 'FH_SDK_FIELD_INVALID' }),
    ]);
  });

  it('collect every problem into one FH_SDK_DEFINITION_INVALID error', () => {
    const d = valid();
    d.id = 'Gas Pipeline';
    d.metrics['ch4']!.unit = '';
    loose(d.thresholds).co = { direction: 'rising', levels: { red: 1 } };
    d.thresholds['o2']!.levels = { blue: 12, red: 19.5 };
    d.analyze = loose(null);
    let err: unknown;
    try {
      checkRiskType(d);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FenghuoError);
    const fe = err as FenghuoError;
    expect(fe.code).toBe('FH_SDK_DEFINITION_INVALID');
    expect(fe.status).toBe(400);
    expect((fe.details as Problem[]).map((p) => p.code)).toEqual([
      'FH_SDK_ID_NOT_KEBAB',
      'FH_SDK_METRIC_UNIT_MISSING',
      'FH_SDK_THRESHOLD_LEVELS_ORDER',
      'FH_SDK_THRESHOLD_UNKNOWN_METRIC',
      'FH_SDK_ANALYZE_NOT_FUNCTION',
    ]);
    expect(fe.message).toContain('risk type "Gas Pipeline" is not valid (5 problem(s))');
    expect(fe.message).toContain('/thresholds/co: threshold names metric "co"');
  });
});

describe('defineRiskType', () => {
  it('returns its argument unchanged', () => {
    const d = valid();
    expect(defineRiskType(d)).toBe(d);
  });

  it('throws at definition time when the definition is wrong', () => {
    expect(() =>
      defineRiskType({
        ...valid(),
        thresholds: { ch4: { direction: 'rising', levels: { blue: 20, yellow: 10 } } },
      }),
    ).toThrow(/FH_SDK_THRESHOLD_LEVELS_ORDER/);
  });

  it('types analyze from the plugin’s own metrics and config', () => {
    const plugin = defineRiskType({
      ...valid(),
      metrics: {
        deflection: {
          schema: Type.Number({ minimum: 0 }),
          unit: 'mm',
          name: { zh: '挠度', en: 'Deflection' },
        },
        strain: { schema: Type.Number(), unit: 'με', name: { zh: '应变', en: 'Strain' } },
      },
      thresholds: { deflection: { direction: 'rising', levels: { red: 40 } } },
      config: Type.Object({ combine: Type.Boolean() }),
      defaults: { combine: true },
      analyze: (event, _ctx, config): AnalysisResult => {
        expectTypeOf(event.metric).toEqualTypeOf<'deflection' | 'strain'>();
        expectTypeOf(config).toEqualTypeOf<{ combine: boolean }>();
        return { tier: null, findings: [], actions: [] };
      },
    });
    expectTypeOf(plugin.metrics).toHaveProperty('strain');
    // A typed plugin is still a plain RiskTypeDef to hosts such as core and the harness.
    expectTypeOf(plugin).toExtend<RiskTypeDef>();
    expect(plugin.id).toBe('gas-pipeline');
  });

  it('rejects at compile time a threshold on a metric that is not declared', () => {
    const make = () =>
      defineRiskType({
        ...valid(),
        metrics: { ch4: { schema: Type.Number(), unit: '%LEL', name: { zh: '甲烷', en: 'Methane' } } },
        // @ts-expect-error co is not a metric of this plugin
        thresholds: { co: { direction: 'rising', levels: { red: 1 } } },
      });
    expect(make).toThrow(/FH_SDK_THRESHOLD_UNKNOWN_METRIC/);
  });
});

describe('sensor definition checks', () => {
  const sensor = () => ({
    id: 'acme-ch4',
    version: '1.0.0',
    vendor: 'ACME',
    model: 'M1',
    metrics: {
      ch4: {
        schema: Type.Number({ minimum: 0, maximum: 100 }),
        unit: '%LEL',
        name: { zh: '甲烷', en: 'Methane' },
      },
    },
    decode: (payload: unknown) => [{ values: { ch4: Number(payload) } }],
  });

  it('accept a well-formed sensor and return it from defineSensor', () => {
    const s = sensor();
    expect(sensorProblems(s)).toEqual([]);
    expect(defineSensor(s)).toBe(s);
  });

  it('require decode to be a function', () => {
    expect(sensorProblems({ ...sensor(), decode: 'decode' })).toEqual([
      expect.objectContaining({ path: '/decode', code: 'FH_SDK_DECODE_NOT_FUNCTION' }),
    ]);
  });

  it('require vendor and model, a kebab id, semver, and metrics with units', () => {
    const found = sensorProblems({
      ...sensor(),
      id: 'ACME_CH4',
      version: '1',
      vendor: '',
      metrics: { ch4: { schema: Type.Number(), unit: '', name: { zh: '甲烷', en: 'Methane' } } },
    });
    expect(found.map((p) => [p.path, p.code])).toEqual([
      ['/id', 'FH_SDK_ID_NOT_KEBAB'],
      ['/version', 'FH_SDK_VERSION_NOT_SEMVER'],
      ['/vendor', 'FH_SDK_FIELD_INVALID'],
      ['/metrics/ch4/unit', 'FH_SDK_METRIC_UNIT_MISSING'],
    ]);
    expect(() => checkSensor({ ...sensor(), metrics: {} })).toThrow(/FH_SDK_METRICS_EMPTY/);
    expect(sensorProblems('acme').map((p) => p.code)).toEqual(['FH_SDK_DEFINITION_NOT_OBJECT']);
  });
});
