/**
 * Reads the situation at the confined space through `ctx`: the latest state the site system reported
 * (people inside, work, door, permit, attendant, protective equipment, elapsed time) and the latest
 * reading of every gas on the same space. The sensors of a space are the alarm's own sensor and the
 * other sensors of this risk type bound to the same object (found with `ctx.neighbours`).
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  LEVELS,
  type LevelValues,
  type Point,
  type SensorInfo,
} from '@fenghuo/sdk';
import {
  type CsConfig,
  GAS_METRICS,
  type GasMetric,
  SITE_METRICS,
  type SiteMetric,
  thresholds,
} from './definition.js';
import { levelOf } from './levels.js';

export interface GasReading {
  metric: GasMetric;
  sensorId: string;
  value: number;
  ts: string;
  /** Highest level met against the sensor's effective limits (-1: within limits). */
  levelIdx: number;
  limits: LevelValues;
}

/** The latest site state; `null` where the site system reported nothing within the look-back. */
export type SiteState = { [K in SiteMetric]: number | null };

export interface Situation {
  sensors: SensorInfo[];
  site: SiteState;
  /** Sensor and metric the site value came from (for exposure history and overtime limits). */
  siteSource: Partial<Record<SiteMetric, string>>;
  /** Worst reading per gas, the alarm's own included. */
  gases: GasReading[];
}

const minutes = (ms: number, min: number) => new Date(ms - min * 60_000).toISOString();

/** The space's sensors: the alarm's own first, then the others on the same object, nearest first. */
export async function spaceSensors(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: CsConfig,
): Promise<SensorInfo[]> {
  const near = await ctx.neighbours(cfg.siteRadiusM);
  return [event.sensor, ...near.filter((s) => s.objectId === event.object.id)];
}

async function latest(
  ctx: AnalysisContext,
  sensorId: string,
  metric: string,
  from: string,
  to: string,
): Promise<Point | null> {
  const pts = await ctx.history(sensorId, metric, { from, to, limit: 1 });
  return pts[pts.length - 1] ?? null;
}

/**
 * Read the situation at the event's time. The event's own reading stands for its metric (it is the value
 * that crossed the limit); every other value is the latest at or before the event.
 */
export async function readSituation(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: CsConfig,
): Promise<Situation> {
  const endMs = Date.parse(event.ts);
  const sensors = await spaceSensors(event, ctx, cfg);
  const site = Object.fromEntries(SITE_METRICS.map((m) => [m, null])) as SiteState;
  const siteSource: Partial<Record<SiteMetric, string>> = {};
  for (const metric of SITE_METRICS) {
    if (event.metric === metric) {
      site[metric] = event.value;
      siteSource[metric] = event.sensor.id;
      continue;
    }
    // The first sensor of the space that reports it (own sensor first) speaks for the space.
    for (const s of sensors) {
      if (!s.metrics.includes(metric)) continue;
      const p = await latest(ctx, s.id, metric, minutes(endMs, cfg.stateLookbackMin), event.ts);
      if (p) {
        site[metric] = p.value;
        siteSource[metric] = s.id;
        break;
      }
    }
  }

  const gases: GasReading[] = [];
  for (const metric of GAS_METRICS) {
    const rising = thresholds[metric]?.direction !== 'falling';
    let worst: GasReading | null = null;
    for (const s of sensors) {
      if (!s.metrics.includes(metric)) continue;
      let reading: GasReading;
      if (s.id === event.sensor.id && event.metric === metric) {
        // The evaluator's level (with its hysteresis) is the alarm's; recomputing it could disagree.
        const limits = await ctx.thresholds(s.id, metric);
        reading = {
          metric,
          sensorId: s.id,
          value: event.value,
          ts: event.ts,
          levelIdx: LEVELS.indexOf(event.level),
          limits,
        };
      } else {
        const p = await latest(ctx, s.id, metric, minutes(endMs, cfg.gasFreshMin), event.ts);
        if (!p) continue;
        const limits = await ctx.thresholds(s.id, metric);
        reading = {
          metric,
          sensorId: s.id,
          value: p.value,
          ts: p.ts,
          levelIdx: levelOf(p.value, limits, rising),
          limits,
        };
      }
      const worse =
        !worst ||
        reading.levelIdx > worst.levelIdx ||
        (reading.levelIdx === worst.levelIdx &&
          (rising ? reading.value > worst.value : reading.value < worst.value));
      if (worse) worst = reading;
    }
    if (worst) gases.push(worst);
  }
  return { sensors, site, siteSource, gases };
}
