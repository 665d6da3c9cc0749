import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { defineRiskType } from '../define.js';
import { FenghuoError } from '../errors.js';
import type { AnalysisContext, AnalysisResult, RiskTypeDef } from '../types.js';
import type { Fixture } from './fixture.js';
import { runScenario } from './run.js';
import { minute, scene, series, toy } from './toy-plugin.test-util.js';

const levels = (r: Awaited<ReturnType<typeof runScenario>>, i = 0) =>
  r.alarms[i]!.steps.map((s) => s.to ?? 'clear');

describe('runScenario', () => {
  it('steps one alarm up and down, warns once the rise is sustained and revises the warning on a step up', async () => {
    const r = await runScenario(toy, scene(series('GAS-1', 'ch4', [3, 12, 22, 27, 55, 30, 2])));
    expect(r.alarms).toHaveLength(1);
    expect(levels(r)).toEqual(['blue', 'yellow', 'orange', 'red', 'orange', 'clear']);
    expect(r.alarms[0]).toMatchObject({
      sensor: 'GAS-1',
      metric: 'ch4',
      object: 'VW-1',
      maxLevel: 'red',
      status: 'cleared',
    });
    expect(r.alarms[0]!.raisedAt).toBe(minute(1));
    expect(r.alarms[0]!.clearedAt).toBe(minute(6));
    // Analysed on the raise and each step up (blue, yellow, orange, red), never on the way down.
    expect(r.analyses.map((a) => [a.level, a.result?.tier])).toEqual([
      ['blue', null],
      ['yellow', null],
      ['orange', 'orange'],
      ['red', 'red'],
    ]);
    expect(r.warnings).toHaveLength(1);
    const w = r.warnings[0]!;
    expect(w).toMatchObject({
      alarmId: 'A1',
      object: 'VW-1',
      tier: 'red',
      status: 'active',
      revision: 2,
      impactRadiusM: 300,
    });
    expect(w.revisions.map((x) => x.tier)).toEqual(['orange', 'red']);
    expect(w.targets.map((t) => t.id)).toEqual(['SCH-1', 'HOS-1']);
    expect(w.title).toEqual({ zh: '1号阀门井红色预警', en: 'Red warning: Valve well 1' });
    expect(w.body.zh).toBe('1号阀门井甲烷55%LEL，影响300米内实验小学、人民医院');
    expect(w.instructions.en).toBe('1. Close the upstream valve');
    expect(w.findings[1]!.en).toBe('Neighbour GAS-2 at 96 m');
  });

  it('raises an alarm but no warning for a spike that falls back at once', async () => {
    const r = await runScenario(toy, scene(series('GAS-1', 'ch4', [3, 60, 2])));
    expect(levels(r)).toEqual(['red', 'clear']);
    expect(r.warnings).toEqual([]);
    expect(r.analyses[0]!.result!.findings[0]!.en).toBe('Transient spike');
  });

  it('lifts the warning when a later analysis gives no tier, and revises it when one comes back', async () => {
    const r = await runScenario(
      toy,
      scene([...series('GAS-1', 'ch4', [12, 22, 27, 95]), ...series('GAS-1', 'ch4', [30, 26, 60], 4)]),
    );
    const w = r.warnings[0]!;
    expect(r.warnings).toHaveLength(1);
    expect(w.revisions.map((x) => x.tier)).toEqual(['orange', 'red']);
    expect(w).toMatchObject({ status: 'active', revision: 2, tier: 'red' });
    expect(r.timeline.filter((t) => t.kind.startsWith('warning')).map((t) => t.kind)).toEqual([
      'warning-issued',
      'warning-lifted',
      'warning-updated',
    ]);
  });

  it('keeps a lifted warning lifted when no later analysis names a tier', async () => {
    const r = await runScenario(toy, scene(series('GAS-1', 'ch4', [12, 22, 27, 95])));
    expect(r.warnings[0]).toMatchObject({ status: 'lifted', tier: 'orange', liftedAt: minute(3) });
  });

  it('opens a new alarm and a new warning after the previous alarm cleared', async () => {
    const r = await runScenario(toy, scene(series('GAS-1', 'ch4', [12, 22, 27, 1, 12, 22, 27])));
    expect(r.alarms.map((a) => [a.id, a.status, a.maxLevel])).toEqual([
      ['A1', 'cleared', 'orange'],
      ['A2', 'open', 'orange'],
    ]);
    expect(r.warnings.map((w) => [w.alarmId, w.revision])).toEqual([
      ['A1', 1],
      ['A2', 1],
    ]);
  });

  it('rejects an out-of-range value without evaluating it, and keeps the good values of the same reading', async () => {
    const f = scene([
      { sensor: 'GAS-1', ts: minute(0), values: { ch4: 150 } },
      { sensor: 'GAS-1', ts: minute(1), values: { ch4: 3, co: 4 } },
      { sensor: 'GAS-1', ts: minute(2), values: {} },
    ]);
    const r = await runScenario(toy, f);
    expect(r.alarms).toEqual([]);
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([
      {
        index: 0,
        sensor: 'GAS-1',
        ts: minute(0),
        metric: 'ch4',
        reason: 'ch4 150 is outside its range [0, 100] %LEL',
      },
      { index: 1, sensor: 'GAS-1', ts: minute(1), metric: 'co', reason: 'sensor GAS-1 has no metric "co"' },
      { index: 2, sensor: 'GAS-1', ts: minute(2), reason: '"values" is empty' },
    ]);
  });

  it('ignores a resent reading and does not let a late one move the alarm', async () => {
    const r = await runScenario(
      toy,
      scene([
        { sensor: 'GAS-1', ts: minute(0), values: { ch4: 27 } },
        { sensor: 'GAS-1', ts: minute(0), values: { ch4: 2 } },
        { sensor: 'GAS-1', ts: minute(2), values: { ch4: 26 } },
        { sensor: 'GAS-1', ts: minute(1), values: { ch4: 1 } },
      ]),
    );
    expect(levels(r)).toEqual(['orange']);
    expect(r.alarms[0]!.status).toBe('open');
    expect(r.accepted).toBe(3);
    expect(r.timeline.find((t) => t.kind === 'duplicate')?.index).toBe(1);
  });

  it('applies the most specific override: sensor over object over scene-wide', async () => {
    const f: Fixture = {
      ...scene([
        { sensor: 'GAS-1', ts: minute(0), values: { ch4: 8 } },
        { sensor: 'GAS-2', ts: minute(0), values: { ch4: 8 } },
      ]),
      overrides: [
        { metric: 'ch4', levels: { alarm: 7.5, blue: 7.9 } },
        { metric: 'ch4', sensor: 'GAS-1', levels: { alarm: 2, blue: 4, yellow: 7 } },
        { metric: 'ch4', object: 'VW-1', levels: { alarm: 1 } },
      ],
    };
    const r = await runScenario(toy, f);
    expect(r.alarms.map((a) => [a.sensor, a.maxLevel])).toEqual([
      ['GAS-1', 'yellow'],
      ['GAS-2', 'blue'],
    ]);
  });

  it('scales limits by the object attribute named in ratioOf', async () => {
    const r = await runScenario(toy, scene(series('PRS-1', 'pressure', [1.0, 1.15, 1.35])));
    expect(levels(r)).toEqual(['yellow', 'red']);
    expect(r.alarms[0]!.steps[1]!.limit).toBeCloseTo(1.3);
  });

  it('does not evaluate a ratio threshold whose attribute is missing, and says so once', async () => {
    const f = scene(series('PRS-1', 'pressure', [1.2, 1.5]));
    f.objects = f.objects.map((o) => (o.id === 'PIPE-1' ? { ...o, attributes: { nominalMPa: 0 } } : o));
    const r = await runScenario(toy, f);
    expect(r.alarms).toEqual([]);
    expect(r.timeline.filter((t) => t.kind === 'unevaluated')).toHaveLength(1);
  });

  it('records an analysis that throws or returns a malformed result instead of stopping', async () => {
    const broken = (result: () => unknown): RiskTypeDef => ({
      ...toy,
      analyze: async () => result() as AnalysisResult,
    });
    const thrown = await runScenario(
      broken(() => {
        throw new Error('boom');
      }),
      scene(series('GAS-1', 'ch4', [30, 60])),
    );
    expect(thrown.analyses.map((a) => a.error)).toEqual(['boom', 'boom']);
    expect(levels(thrown)).toEqual(['orange', 'red']);
    const malformed = await runScenario(
      broken(() => ({ tier: 'purple', findings: [] })),
      scene(series('GAS-1', 'ch4', [30])),
    );
    expect(malformed.analyses[0]!.error).toMatch(/^analyze returned an invalid result: \//);
    expect(malformed.warnings).toEqual([]);
  });

  it('refuses a fixture that does not fit the plugin, with paths', async () => {
    const f = scene([]);
    f.sensors[0]!.metrics = ['methane'];
    f.objects[2]!.attributes = { nominalMPa: 'one' };
    const err = await runScenario(toy, f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FenghuoError);
    expect((err as FenghuoError).code).toBe('FH_SDK_FIXTURE_INVALID');
    expect((err as FenghuoError).details).toEqual([
      expect.objectContaining({ path: '/sensors/0/metrics/0', code: 'FH_SDK_FIXTURE_METRIC_UNKNOWN' }),
      expect.objectContaining({
        path: '/objects/2/attributes/nominalMPa',
        code: 'FH_SDK_FIXTURE_ATTRIBUTES_INVALID',
      }),
    ]);
    const g = scene([]);
    g.objects[0]!.kind = 'manhole';
    await expect(runScenario(toy, g)).rejects.toThrow(/FH_SDK_FIXTURE_KIND_UNKNOWN/);
  });
});

describe('the analysis context of the harness', () => {
  /** A risk type whose analysis only records what the context answers. */
  function probe(ask: (ctx: AnalysisContext) => Promise<unknown>) {
    const seen: unknown[] = [];
    const def = defineRiskType({
      ...toy,
      config: Type.Object({ factor: Type.Number(), label: Type.String() }),
      defaults: { factor: 1, label: 'default' },
      async analyze(_event, ctx, config) {
        seen.push({ answer: await ask(ctx), config });
        return { tier: null, findings: [], actions: [] };
      },
    });
    return { def, seen: seen as { answer: unknown; config: unknown }[] };
  }

  it('merges fixture config over the plugin defaults', async () => {
    const { def, seen } = probe(async () => null);
    await runScenario(def, { ...scene(series('GAS-1', 'ch4', [30])), config: { factor: 2 } });
    expect(seen[0]!.config).toEqual({ factor: 2, label: 'default' });
  });

  it('answers history up to the event only, oldest first, within the last hour by default', async () => {
    const { def, seen } = probe((ctx) => ctx.history('GAS-1', 'ch4'));
    const readings = [
      ...series('GAS-1', 'ch4', [1], -90),
      ...series('GAS-1', 'ch4', [2, 3], -30),
      { sensor: 'GAS-1', ts: minute(-10), values: { ch4: 4 } },
      { sensor: 'GAS-1', ts: minute(-20), values: { ch4: 3.5 } },
      ...series('GAS-1', 'ch4', [30, 31]),
    ];
    await runScenario(def, scene(readings));
    expect(seen[0]!.answer).toEqual([
      { ts: minute(-30), value: 2 },
      { ts: minute(-29), value: 3 },
      { ts: minute(-20), value: 3.5 },
      { ts: minute(-10), value: 4 },
      { ts: minute(0), value: 30 },
    ]);
  });

  it('honours history from, to and limit', async () => {
    const { def, seen } = probe(async (ctx) => [
      await ctx.history('GAS-1', 'ch4', { from: minute(1), limit: 2 }),
      await ctx.history('GAS-1', 'ch4', { from: minute(0), to: minute(1) }),
      await ctx.history('GAS-2', 'ch4'),
    ]);
    await runScenario(def, scene([...series('GAS-2', 'ch4', [1]), ...series('GAS-1', 'ch4', [1, 2, 3, 30])]));
    expect(seen[0]!.answer).toEqual([
      [
        { ts: minute(2), value: 3 },
        { ts: minute(3), value: 30 },
      ],
      [
        { ts: minute(0), value: 1 },
        { ts: minute(1), value: 2 },
      ],
      [{ ts: minute(0), value: 1 }],
    ]);
  });

  it('lists neighbours of the same risk type within the radius, nearest first, without the event sensor', async () => {
    const { def, seen } = probe(async (ctx) => [
      (await ctx.neighbours(500)).map((s) => [s.id, Math.round(s.distanceM!)]),
      (await ctx.neighbours(500, { metric: 'ch4' })).map((s) => s.id),
      (await ctx.neighbours(50)).map((s) => s.id),
    ]);
    await runScenario(def, scene(series('GAS-1', 'ch4', [30])));
    expect(seen[0]!.answer).toEqual([
      [
        ['PRS-1', 56],
        ['GAS-2', 96],
      ],
      ['GAS-2'],
      [],
    ]);
  });

  it('finds objects within a radius by role and kind, measuring to the nearest part of a line', async () => {
    const { def, seen } = probe(async (ctx) => [
      (await ctx.within(300)).map((o) => [o.id, Math.round(o.distanceM!)]),
      (await ctx.within(300, { roles: ['hazard'] })).map((o) => o.id),
      (await ctx.within(2000, { kinds: ['park'] })).map((o) => o.id),
      (await ctx.within(120, { at: [120.15, 30.2725] })).map((o) => o.id),
    ]);
    await runScenario(def, scene(series('GAS-1', 'ch4', [30])));
    expect(seen[0]!.answer).toEqual([
      [
        ['VW-1', 0],
        ['STA-1', 49],
        ['PIPE-1', 56],
        ['VW-2', 96],
        ['SCH-1', 111],
        ['HOS-1', 278],
      ],
      ['STA-1'],
      ['PARK-1'],
      ['HOS-1'],
    ]);
  });

  it('answers object, weather, effective thresholds and now from the fixture', async () => {
    const { def, seen } = probe(async (ctx) => ({
      object: (await ctx.object('SCH-1'))?.name.en,
      missing: await ctx.object('NOPE'),
      weather: await ctx.weather(),
      ch4: await ctx.thresholds('GAS-1', 'ch4'),
      pressure: await ctx.thresholds('PRS-1', 'pressure'),
      now: ctx.now(),
    }));
    const weather = { ts: minute(0), windFromDeg: 90, windSpeedMs: 3 };
    const f: Fixture = {
      ...scene(series('GAS-1', 'ch4', [30, 60])),
      weather,
      overrides: [{ metric: 'ch4', levels: { blue: 8 } }],
    };
    await runScenario(def, f);
    expect(seen[0]!.answer).toEqual({
      object: 'Primary school',
      missing: null,
      weather,
      ch4: { alarm: 5, blue: 8, yellow: 20, orange: 25, red: 50 },
      pressure: { yellow: 1.1, red: 1.3 },
      now: minute(0),
    });
    expect((seen[1]!.answer as { now: string }).now).toBe(minute(1));
    await runScenario(def, { ...f, now: '2026-11-29T09:00:00Z' });
    expect((seen[2]!.answer as { now: string; weather: unknown }).now).toBe('2026-11-29T09:00:00Z');
  });

  it('answers weather as null when the fixture has none', async () => {
    const { def, seen } = probe((ctx) => ctx.weather());
    await runScenario(def, scene(series('GAS-1', 'ch4', [30])));
    expect(seen[0]!.answer).toBeNull();
  });

  it('hands out copies, so an analysis cannot change the scene', async () => {
    const { def, seen } = probe(async (ctx) => {
      const o = await ctx.object('SCH-1');
      o!.name.en = 'changed';
      return (await ctx.object('SCH-1'))!.name.en;
    });
    await runScenario(def, scene(series('GAS-1', 'ch4', [30])));
    expect(seen[0]!.answer).toBe('Primary school');
  });
});
