/**
 * What the analysis reads through `ctx`: the latest track bulletin, the weather stations of the city and
 * the city's objects. One call per metric and station, fetched once per analysis.
 */
import { type AlarmEvent, type AnalysisContext, type CityObject, haversineM, type Point } from '@fenghuo/sdk';
import type { TyphoonConfig } from './definition.js';
import { representativePoint } from './geo.js';
import type { LonLat, TrackFix } from './wind.js';

export interface Track {
  sensorId: string;
  objectId: string;
  /** Bulletin time. */
  ts: string;
  /** Hours from the bulletin to the event (≥ 0). */
  ageH: number;
  centre: LonLat;
  maxWindMs: number;
  r7Km: number | null;
  r10Km: number | null;
  /** Fixes with hours counted from the event's time: the bulletin's own at −ageH, then +12 h, +24 h. */
  fixes: TrackFix[];
}

const MAX_SEARCH_M = 100_000;

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
 * The latest bulletin no older than `trackMaxAgeH`: from the event's own sensor when it is the track feed,
 * else from the nearest track feed within 100 km. Forecast fixes and wind radii are used only when they
 * belong to the same bulletin (same timestamp as the centre).
 */
export async function readTrack(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: TyphoonConfig,
): Promise<Track | null> {
  let sensorId: string | null = null;
  let objectId = '';
  if (event.sensor.metrics.includes('track_lon')) {
    sensorId = event.sensor.id;
    objectId = event.object.id;
  } else {
    const feeds = await ctx.neighbours(MAX_SEARCH_M, { metric: 'track_lon' });
    const feed = feeds[0];
    if (feed) {
      sensorId = feed.id;
      objectId = feed.objectId;
    }
  }
  if (sensorId === null) return null;
  const endMs = Date.parse(event.ts);
  const from = new Date(endMs - cfg.trackMaxAgeH * 3_600_000).toISOString();
  const to = event.ts;
  const names = [
    'track_lon',
    'track_lat',
    'max_wind',
    'r7_km',
    'r10_km',
    'fc12_lon',
    'fc12_lat',
    'fc24_lon',
    'fc24_lat',
  ];
  const got = new Map<string, Point | null>();
  for (const m of names) got.set(m, await latest(ctx, sensorId, m, from, to));
  const lon = got.get('track_lon');
  const lat = got.get('track_lat');
  const vmax = got.get('max_wind');
  if (!lon || !lat || !vmax) return null;
  const bulletinMs = Date.parse(lon.ts);
  const same = (p: Point | null | undefined): p is Point => !!p && Date.parse(p.ts) === bulletinMs;
  const ageH = Math.max(0, (endMs - bulletinMs) / 3_600_000);
  const fixes: TrackFix[] = [{ h: -ageH, at: [lon.value, lat.value] }];
  for (const lead of [12, 24]) {
    const fl = got.get(`fc${lead}_lon`);
    const fa = got.get(`fc${lead}_lat`);
    if (same(fl) && same(fa)) fixes.push({ h: lead - ageH, at: [fl.value, fa.value] });
  }
  const r7 = got.get('r7_km');
  const r10 = got.get('r10_km');
  return {
    sensorId,
    objectId,
    ts: lon.ts,
    ageH,
    centre: [lon.value, lat.value],
    maxWindMs: vmax.value,
    r7Km: same(r7) ? r7.value : null,
    r10Km: same(r10) ? r10.value : null,
    fixes,
  };
}

export interface Station {
  id: string;
  objectId: string;
  at: LonLat;
  mean: number[];
  gust: number[];
  rain24h: number | null;
}

/** The event's station (when it is one) and the other stations within the city radius, nearest first. */
export async function readStations(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: TyphoonConfig,
): Promise<Station[]> {
  const list: { id: string; objectId: string; at: LonLat }[] = [];
  const isStation =
    event.sensor.metrics.includes('wind_speed') || event.sensor.metrics.includes('gust_speed');
  if (isStation)
    list.push({ id: event.sensor.id, objectId: event.sensor.objectId, at: event.sensor.location });
  const near = await ctx.neighbours(Math.min(MAX_SEARCH_M, cfg.cityRadiusM));
  for (const s of near) {
    if (list.length >= cfg.maxStations) break;
    if (
      !s.metrics.includes('wind_speed') &&
      !s.metrics.includes('gust_speed') &&
      !s.metrics.includes('rain_24h')
    )
      continue;
    list.push({ id: s.id, objectId: s.objectId, at: s.location });
  }
  const from = new Date(Date.parse(event.ts) - cfg.spikeWindowMin * 60_000).toISOString();
  const out: Station[] = [];
  for (const s of list) {
    const mean = (await ctx.history(s.id, 'wind_speed', { from })).map((p) => p.value);
    const gust = (await ctx.history(s.id, 'gust_speed', { from })).map((p) => p.value);
    const rain = await ctx.history(s.id, 'rain_24h', { limit: 1 });
    out.push({ ...s, mean, gust, rain24h: rain[rain.length - 1]?.value ?? null });
  }
  return out;
}

export interface Place {
  object: CityObject;
  at: LonLat;
  distanceM: number;
}

/** Every object of the city within `cityRadiusM` of the event's sensor, with a representative point. */
export async function readPlaces(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: TyphoonConfig,
): Promise<Place[]> {
  const objs = await ctx.within(Math.min(MAX_SEARCH_M, cfg.cityRadiusM));
  return objs
    .filter((o) => o.kind !== 'typhoon_track')
    .map((o) => ({
      object: o,
      at: representativePoint(o.geometry),
      distanceM: o.distanceM ?? haversineM(event.sensor.location, representativePoint(o.geometry)),
    }));
}
