/**
 * The building's signals at the time of an alarm: every gauge's robust current value and level, rates
 * derived from the curves (crack growth, settlement rate and its convergence), and the three patterns that
 * explain an exceedance away: a lone spike, temperature-driven crack breathing and one drifting tilt gauge.
 */
import type { AnalysisContext, I18n, Level, LevelValues, SensorInfo } from '@fenghuo/sdk';
import { LEVELS } from '@fenghuo/sdk';
import { metrics, type OldBuildingConfig, thresholds } from './definition.js';
import {
  pairWithTemperature,
  robustLatest,
  type Sample,
  slopePerDay,
  spanHours,
  thermalFit,
  toSamples,
} from './series.js';

export type SignalKey = keyof OldBuildingConfig['weights'];
const DAY_MS = 86_400_000;
const MONTH_D = 30.44;

export interface Gauge {
  sensorId: string;
  metric: SignalKey;
  name: I18n;
  unit: string;
  /** The value judged: the median of the last samples (crack width: corrected to mean temperature). */
  value: number;
  raw: number;
  limits: LevelValues;
  level: Level | null;
  /** A fact about how the value was obtained, for the findings. */
  note: I18n | null;
  /** When set, the exceedance is explained away and the gauge does not count. */
  discounted: I18n | null;
  /** Tilt: change over the window (‰). */
  change: number | null;
  /** Time of the gauge's latest sample (ms). */
  lastT: number;
}

export function levelOf(value: number, limits: LevelValues): Level | null {
  let out: Level | null = null;
  for (const l of LEVELS) {
    const lim = limits[l];
    if (typeof lim === 'number' && Number.isFinite(lim) && value >= lim) out = l;
  }
  return out;
}

const last = (smp: Sample[]) => smp[smp.length - 1]!.v;
const r2 = (x: number) => Number(x.toPrecision(3));

export interface ReadInput {
  event: { sensorId: string; metric: string; t: number; value: number };
  attributes: Record<string, unknown>;
  kind: string;
}

async function read(
  ctx: AnalysisContext,
  s: SensorInfo,
  metric: string,
  fromT: number,
  input: ReadInput,
): Promise<Sample[]> {
  const points = await ctx.history(s.id, metric, {
    from: new Date(fromT).toISOString(),
    to: new Date(input.event.t).toISOString(),
  });
  let samples = toSamples(points);
  const last = samples[samples.length - 1];
  if (s.id === input.event.sensorId && metric === input.event.metric && (!last || last.t < input.event.t)) {
    samples = [...samples, { t: input.event.t, v: input.event.value }];
  }
  return samples;
}

/** Read every gauge of the building's sensors and judge each one. */
export async function readGauges(
  ctx: AnalysisContext,
  sensors: SensorInfo[],
  cfg: OldBuildingConfig,
  input: ReadInput,
): Promise<Gauge[]> {
  const out: Gauge[] = [];
  const from = input.event.t - cfg.windowDays * DAY_MS;
  const rateLimits = (m: 'crack_rate' | 'settlement_rate') => thresholds[m]!.levels;
  for (const s of sensors) {
    const has = (m: string) => s.metrics.includes(m);
    if (has('tilt')) {
      const smp = await read(ctx, s, 'tilt', from, input);
      if (smp.length > 0) {
        const value = robustLatest(smp, cfg.robustSamples);
        const first = robustLatest(smp.slice(0, cfg.robustSamples), cfg.robustSamples);
        const limits = await ctx.thresholds(s.id, 'tilt');
        out.push(gauge(s.id, 'tilt', value, last(smp), limits, null, value - first));
      }
    }
    if (has('crack_width')) {
      const smp = await read(ctx, s, 'crack_width', from, input);
      if (smp.length > 0) {
        const limits = await ctx.thresholds(s.id, 'crack_width');
        const temp = has('temperature') ? await read(ctx, s, 'temperature', from, input) : [];
        const fit = spanHours(smp) >= cfg.minTrendHours ? thermalFit(pairWithTemperature(smp, temp)) : null;
        const breathing = fit !== null && Math.abs(fit.r) >= cfg.breathingMinCorrelation;
        const robust = robustLatest(smp, cfg.robustSamples);
        const value = breathing ? fit.compensatedLatest : robust;
        const note: I18n | null = breathing
          ? {
              zh: `裂缝宽度随温度呼吸（${r2(fit.perDegree)} mm/°C，相关系数 ${r2(fit.r)}），当前 ${r2(fit.latestTemp)} °C，折算到均温 ${r2(fit.meanTemp)} °C 为 ${r2(fit.compensatedLatest)} mm`,
              en: `The crack breathes with temperature (${r2(fit.perDegree)} mm/°C, r = ${r2(fit.r)}); at ${r2(fit.latestTemp)} °C now, ${r2(fit.compensatedLatest)} mm at the mean ${r2(fit.meanTemp)} °C`,
            }
          : null;
        out.push(gauge(s.id, 'crack_width', value, last(smp), limits, note, null));
        // Growth: with the temperature effect removed when it can be, else the plain trend.
        const perDay =
          fit !== null && breathing
            ? fit.perDay
            : spanHours(smp) >= cfg.minTrendHours
              ? slopePerDay(smp)
              : null;
        if (perDay !== null) {
          const rate = Math.max(0, perDay);
          out.push(
            gauge(
              s.id,
              'crack_rate',
              rate,
              rate,
              rateLimits('crack_rate'),
              {
                zh: `由 ${r2(spanHours(smp))} 小时裂缝宽度曲线${breathing ? '（扣除温度影响）' : ''}拟合`,
                en: `fitted to ${r2(spanHours(smp))} h of crack width${breathing ? ' with the temperature effect removed' : ''}`,
              },
              null,
            ),
          );
        }
      }
    }
    if (has('crack_rate')) {
      const smp = await read(ctx, s, 'crack_rate', from, input);
      if (smp.length > 0)
        out.push(
          gauge(
            s.id,
            'crack_rate',
            robustLatest(smp, cfg.robustSamples),
            last(smp),
            await ctx.thresholds(s.id, 'crack_rate'),
            null,
            null,
          ),
        );
    }
    if (has('settlement_rate')) {
      const smp = await read(ctx, s, 'settlement_rate', from, input);
      if (smp.length > 0)
        out.push(
          gauge(
            s.id,
            'settlement_rate',
            robustLatest(smp, cfg.robustSamples),
            last(smp),
            await ctx.thresholds(s.id, 'settlement_rate'),
            null,
            null,
          ),
        );
    }
    if (has('settlement')) {
      const g = await settlementGauge(ctx, s, cfg, input, rateLimits('settlement_rate'));
      if (g) out.push(g);
    }
    if (has('vibration_ppv')) {
      const smp = await read(ctx, s, 'vibration_ppv', from, input);
      if (smp.length > 0) {
        const allow = allowablePpv(input, cfg);
        // Without the attribute the rules do not evaluate the metric; the analysis judges it against the
        // default allowable PPV of the structure.
        const given = typeof input.attributes['vibrationAllowCmS'] === 'number';
        const eff = given
          ? await ctx.thresholds(s.id, 'vibration_ppv')
          : scaled(thresholds.vibration_ppv!.levels, allow);
        // GB 6722 judges the peak of each event, so vibration counts by its recent peak, not a median.
        const since = input.event.t - cfg.vibrationPeakMin * 60_000;
        const peak = Math.max(...smp.filter((p) => p.t >= since).map((p) => p.v), 0);
        const vg = gauge(
          s.id,
          'vibration_ppv',
          peak,
          peak,
          eff,
          {
            zh: `允许振动速度 ${allow} cm/s（GB 6722）`,
            en: `allowable PPV ${allow} cm/s (GB 6722)`,
          },
          null,
        );
        vg.lastT = smp[smp.length - 1]!.t;
        out.push(vg);
      }
    }
  }
  return out;
}

function scaled(levels: LevelValues, k: number): LevelValues {
  const out: LevelValues = {};
  for (const l of LEVELS) {
    const v = levels[l];
    if (typeof v === 'number') out[l] = v * k;
  }
  return out;
}

export function allowablePpv(input: ReadInput, cfg: OldBuildingConfig): number {
  const a = input.attributes['vibrationAllowCmS'];
  if (typeof a === 'number' && a > 0) return a;
  if (input.kind === 'heritage' || input.attributes['use'] === 'heritage')
    return cfg.heritageVibrationAllowCmS;
  const st = input.attributes['structure'];
  return typeof st === 'string' && st in cfg.defaultVibrationAllowCmS
    ? cfg.defaultVibrationAllowCmS[st as keyof OldBuildingConfig['defaultVibrationAllowCmS']]
    : cfg.defaultVibrationAllowCmS.masonry;
}

/**
 * Settlement rate from the cumulative curve over the last `windowDays` (mm/month), and the JGJ 125 red
 * case: two consecutive periods of `convergenceDays` each at or above the orange rate without slowing.
 */
async function settlementGauge(
  ctx: AnalysisContext,
  s: SensorInfo,
  cfg: OldBuildingConfig,
  input: ReadInput,
  limits: LevelValues,
): Promise<Gauge | null> {
  const longFrom = input.event.t - 2 * cfg.convergenceDays * DAY_MS;
  const all = await read(
    ctx,
    s,
    'settlement',
    Math.min(longFrom, input.event.t - cfg.windowDays * DAY_MS),
    input,
  );
  const recent = all.filter((p) => p.t >= input.event.t - cfg.windowDays * DAY_MS);
  // A monthly rate from a day of data multiplies the gauge's noise thirtyfold: ask for a few days.
  if (spanHours(recent) < Math.max(cfg.minTrendHours, cfg.settlementMinDays * 24)) return null;
  const slope = slopePerDay(recent);
  if (slope === null) return null;
  const rate = Math.max(0, slope * MONTH_D);
  const split = input.event.t - cfg.convergenceDays * DAY_MS;
  const earlier = all.filter((p) => p.t < split);
  const later = all.filter((p) => p.t >= split);
  const covered = all.length > 0 && all[0]!.t <= longFrom + DAY_MS;
  const e = covered ? slopePerDay(earlier) : null;
  const l = covered ? slopePerDay(later) : null;
  const orange = limits.orange ?? Number.POSITIVE_INFINITY;
  const notConverging =
    e !== null && l !== null && e * MONTH_D >= orange && l * MONTH_D >= orange && l >= 0.9 * e;
  const g = gauge(
    s.id,
    'settlement_rate',
    rate,
    rate,
    limits,
    {
      zh: `由 ${r2(spanHours(recent) / 24)} 天累计沉降曲线拟合（当前累计 ${r2(recent[recent.length - 1]!.v)} mm）`,
      en: `fitted to ${r2(spanHours(recent) / 24)} d of cumulative settlement (${r2(recent[recent.length - 1]!.v)} mm so far)`,
    },
    null,
  );
  if (notConverging) {
    g.level = 'red';
    g.note = {
      zh: `连续两个 ${cfg.convergenceDays} 天沉降速率均 ≥ ${orange} mm/月且未收敛（${r2(e * MONTH_D)} → ${r2(l * MONTH_D)} mm/月）`,
      en: `two consecutive ${cfg.convergenceDays}-day periods at ≥ ${orange} mm/month without converging (${r2(e * MONTH_D)} → ${r2(l * MONTH_D)} mm/month)`,
    };
  }
  return g;
}

function gauge(
  sensorId: string,
  metric: SignalKey,
  value: number,
  raw: number,
  limits: LevelValues,
  note: I18n | null,
  change: number | null,
): Gauge {
  const def = metrics[metric];
  return {
    sensorId,
    metric,
    name: def.name,
    unit: def.unit,
    value,
    raw,
    limits,
    level: levelOf(value, limits),
    note,
    discounted: null,
    change,
    lastT: 0,
  };
}

/**
 * A knocked vibration gauge: the triggering gauge's recent peak is not seen by the other vibration gauges
 * on the same building (each peaked below `ratio ×` it). Real blasting or construction vibration reaches
 * the whole building. With a single vibration gauge, or none that has reported since the peak, the peak
 * counts.
 */
export function knocked(trigger: Gauge, gauges: Gauge[], ratio: number): Gauge | null {
  if (trigger.metric !== 'vibration_ppv' || trigger.value <= 0) return null;
  const others = gauges.filter((g) => g.metric === 'vibration_ppv' && g.sensorId !== trigger.sensorId);
  // A gauge that has not reported since the peak cannot deny it (readings of one blast arrive apart).
  const heard = others.filter((g) => g.lastT >= trigger.lastT);
  if (heard.length === 0 || !heard.every((g) => g.value < ratio * trigger.value)) return null;
  return heard.reduce((m, g) => (g.value > m.value ? g : m));
}

/**
 * Tilt gauge drift: the triggering tilt gauge changed by Δ over the window while another tilt gauge on the
 * same building changed by less than `ratio × Δ`, and no crack or settlement signal reaches a level. A
 * building that really tilts moves every gauge on it; one gauge alone creeping is its own drift.
 */
export function tiltDrift(trigger: Gauge, gauges: Gauge[], ratio: number): Gauge | null {
  if (trigger.metric !== 'tilt' || trigger.change === null || trigger.change <= 0) return null;
  const others = gauges.filter(
    (g) => g.metric === 'tilt' && g.sensorId !== trigger.sensorId && g.change !== null,
  );
  if (others.length === 0) return null;
  const corroborated = gauges.some(
    (g) =>
      (g.metric === 'crack_width' || g.metric === 'crack_rate' || g.metric === 'settlement_rate') &&
      g.level !== null,
  );
  if (corroborated) return null;
  const calm = others.find((g) => Math.abs(g.change!) < ratio * trigger.change!);
  return others.every((g) => Math.abs(g.change!) < ratio * trigger.change!) ? (calm ?? null) : null;
}
