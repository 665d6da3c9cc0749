/**
 * What the analysis reads around the event: the latest weather (the nearest fire-weather station of this
 * risk type, else the city's weather feed), the latest official danger level, and the detections of other
 * sources near the fire. All reads are bounded to the event's time (ctx.history caps `to` at it).
 */
import type { AlarmEvent, AnalysisContext, SensorInfo } from '@fenghuo/sdk';
import type { FireConfig } from './definition.js';

export interface Latest {
  value: number;
  ts: string;
  sensor: string;
  distanceM: number;
}

/** The weather used by the rating and the spread, each value with where it came from. */
export interface FireWeather {
  tempC?: Latest;
  rhPct?: Latest;
  windMs?: Latest;
  dryDays?: Latest;
  windFromDeg?: number;
  officialLevel?: Latest;
}

const MIN = 60_000;

/** The event's own sensor (distance 0) followed by the neighbours, nearest first. */
export async function sensorsAround(
  event: AlarmEvent,
  ctx: AnalysisContext,
  radiusM: number,
): Promise<SensorInfo[]> {
  const near = await ctx.neighbours(radiusM);
  return [{ ...event.sensor, distanceM: 0 }, ...near];
}

/** The latest reading of `metric` from the nearest sensor that has one in [from, event.ts]. */
export async function latestNear(
  ctx: AnalysisContext,
  sensors: SensorInfo[],
  metric: string,
  from: string,
  maxSensors = 8,
): Promise<Latest | undefined> {
  let tried = 0;
  for (const s of sensors) {
    if (!s.metrics.includes(metric)) continue;
    if (tried++ >= maxSensors) break;
    const pts = await ctx.history(s.id, metric, { from, limit: 1 });
    const p = pts[pts.length - 1];
    if (p) return { value: p.value, ts: p.ts, sensor: s.id, distanceM: s.distanceM ?? 0 };
  }
  return undefined;
}

/** Station weather near the event, completed from `ctx.weather()` when it is recent enough. */
export async function gatherWeather(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FireConfig,
  sensors: SensorInfo[],
): Promise<FireWeather> {
  const endT = Date.parse(event.ts);
  const from = new Date(endT - cfg.weatherMaxAgeMin * MIN).toISOString();
  // Danger levels and days without rain are daily products: look back 36 h for them.
  const fromDaily = new Date(endT - 36 * 60 * MIN).toISOString();
  const w: FireWeather = {};
  const t = await latestNear(ctx, sensors, 'air_temp', from);
  if (t) w.tempC = t;
  const h = await latestNear(ctx, sensors, 'rh', from);
  if (h) w.rhPct = h;
  const v = await latestNear(ctx, sensors, 'wind', from);
  if (v) w.windMs = v;
  const d = await latestNear(ctx, sensors, 'dry_days', fromDaily);
  if (d) w.dryDays = d;
  const l = await latestNear(ctx, sensors, 'fire_danger_level', fromDaily);
  if (l) w.officialLevel = l;

  const city = await ctx.weather();
  const cityT = city ? Date.parse(city.ts) : Number.NaN;
  // The feed is used only if it is not older than the limit (and not later than the event: determinism).
  if (city && Number.isFinite(cityT) && endT - cityT <= cfg.weatherMaxAgeMin * MIN && cityT <= endT + MIN) {
    const feed = (value: number): Latest => ({ value, ts: city.ts, sensor: 'weather', distanceM: 0 });
    if (!w.tempC && city.temperatureC !== undefined) w.tempC = feed(city.temperatureC);
    if (!w.rhPct && city.humidityPct !== undefined) w.rhPct = feed(city.humidityPct);
    if (!w.windMs && city.windSpeedMs !== undefined) w.windMs = feed(city.windSpeedMs);
    if (city.windFromDeg !== undefined) w.windFromDeg = city.windFromDeg;
  }
  return w;
}
