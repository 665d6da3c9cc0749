/**
 * The state of every monitored metric of one bridge at the time of an alarm: its recent curve, the level
 * its latest value reaches against the effective limits, and whether that exceedance is sustained or a
 * lone sample.
 */
import {
  type AnalysisContext,
  type I18n,
  LEVELS,
  type Level,
  type LevelValues,
  type Sample,
  type SensorInfo,
  toSamples,
} from '@fenghuo/sdk';
import { metrics, thresholds } from './definition.js';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { type Sample, toSamples };

export type MetricKey = keyof typeof metrics;

/** Metrics of the structure's deformation and internal force (结构变形、结构受力). */
export const STRUCTURAL: readonly MetricKey[] = [
  'deflection',
  'strain',
  'displacement',
  'cable_force',
  'crack_width',
  'inclination',
];

export interface MetricState {
  sensorId: string;
  metric: MetricKey;
  name: I18n;
  unit: string;
  samples: Sample[];
  latest: number;
  /** Limits the state is judged against (the effective thresholds, or the baseline tiers). */
  limits: LevelValues;
  level: Level | null;
  /** Trailing samples at or above the lowest limit. */
  run: number;
  runMin: number;
  sustained: boolean;
  /** The design reference of a `ratioOf` metric (or the baseline), and the latest value's share of it. */
  reference: { value: number; name: I18n } | null;
  share: number | null;
}

/** The highest level a value reaches against rising limits, or `null` below them all. */
export function levelOf(value: number, limits: LevelValues): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (typeof lim === 'number' && Number.isFinite(lim) && value >= lim) out = l;
  }
  return out;
}

export function lowest(limits: LevelValues): number | null {
  let out: number | null = null;
  for (const l of LEVELS) {
    const v = limits[l];
    if (typeof v === 'number' && Number.isFinite(v)) out = out === null ? v : Math.min(out, v);
  }
  return out;
}

/** Trailing samples at or above `limit`, and the minutes they span. */
export function trailingRun(samples: Sample[], limit: number): { count: number; spanMin: number } {
  let count = 0;
  let start = Number.NaN;
  for (let i = samples.length - 1; i >= 0 && samples[i]!.v >= limit; i--) {
    count++;
    start = samples[i]!.t;
  }
  const last = samples[samples.length - 1];
  return { count, spanMin: count > 0 && last ? (last.t - start) / 60_000 : 0 };
}

const REFERENCE_NAME: Record<string, I18n> = {
  deflectionLimitMm: { zh: '设计限值', en: 'design limit' },
  strainDesignUe: { zh: '设计值', en: 'design value' },
  displacementDesignMm: { zh: '设计值', en: 'design value' },
  cableForceDesignKn: { zh: '设计索力', en: 'design force' },
  crackLimitMm: { zh: '裂缝宽度限值', en: 'crack-width limit' },
};

export interface ReadOptions {
  range: { from: string; to: string };
  sustainMinSamples: number;
  attributes: Record<string, unknown>;
  /** Replace the limits of a metric (a road bridge's acceleration judged against its baseline). */
  limitsFor?: (metric: MetricKey) => { limits: LevelValues; reference: { value: number; name: I18n } } | null;
  /** The event's own reading, added when the history does not hold it yet. */
  event: { sensorId: string; metric: string; t: number; value: number };
}

/** Read the state of every metric of the given sensors (all on one bridge). */
export async function readStates(
  ctx: AnalysisContext,
  sensors: SensorInfo[],
  o: ReadOptions,
): Promise<MetricState[]> {
  const out: MetricState[] = [];
  for (const s of sensors) {
    for (const m of s.metrics) {
      if (!(m in metrics)) continue;
      const metric = m as MetricKey;
      const def = metrics[metric];
      let samples = toSamples(await ctx.history(s.id, metric, o.range));
      const last = samples[samples.length - 1];
      if (s.id === o.event.sensorId && metric === o.event.metric && (!last || last.t < o.event.t)) {
        samples = [...samples, { t: o.event.t, v: o.event.value }];
      }
      const newest = samples[samples.length - 1];
      if (!newest) continue;
      const replaced = o.limitsFor?.(metric) ?? null;
      const limits = replaced?.limits ?? (await ctx.thresholds(s.id, metric));
      const ratioOf = thresholds[metric]?.ratioOf;
      const refValue = ratioOf ? o.attributes[ratioOf] : undefined;
      const reference =
        replaced?.reference ??
        (ratioOf && typeof refValue === 'number' && refValue > 0
          ? { value: refValue, name: REFERENCE_NAME[ratioOf] ?? { zh: ratioOf, en: ratioOf } }
          : null);
      const low = lowest(limits);
      const run = low === null ? { count: 0, spanMin: 0 } : trailingRun(samples, low);
      out.push({
        sensorId: s.id,
        metric,
        name: def.name,
        unit: def.unit,
        samples,
        latest: newest.v,
        limits,
        level: levelOf(newest.v, limits),
        run: run.count,
        runMin: run.spanMin,
        sustained: run.count >= o.sustainMinSamples,
        reference,
        share: reference ? newest.v / reference.value : null,
      });
    }
  }
  return out;
}
