/**
 * Gathers the 96333-style statistics of the alarmed lift and of the other lifts its maintenance company
 * keeps, through `ctx`: the lift's own event sensors (fault codes, trapped flag, maintenance status) and
 * the same risk type's sensors within `companyRadiusM`, grouped by object and kept when the object's
 * `maintenanceCompany` is the same.
 */
import type { AlarmEvent, AnalysisContext, Point, SensorInfo } from '@fenghuo/sdk';
import { type CompanyStats, companyStats, type LiftStats } from './classify.js';
import { faultOf } from './codes.js';
import type { ElevatorConfig } from './definition.js';
import { type EventHit, mergeSeries, onsets, since, withReading } from './events.js';

const DAY_MS = 86_400_000;
/** Distinct nearby objects looked up when searching the company's lifts (bounds the ctx calls). */
const MAX_OBJECT_LOOKUPS = 200;

export interface Gathered {
  own: LiftStats;
  faults: EventHit[];
  /** Latest fault onset within the concurrent window, or `null`. */
  recentFault: EventHit | null;
  /** People are trapped now (the latest trapped state inside the concurrent window is 1). */
  trappedNow: boolean;
  company: CompanyStats;
}

type Ev = AlarmEvent<string>;

/** One series of one metric over the sensors of one object, with the event's own reading. */
async function series(
  ctx: AnalysisContext,
  sensors: readonly SensorInfo[],
  metric: string,
  from: string,
  event: Ev,
): Promise<Point[]> {
  const parts: Point[][] = [];
  for (const s of sensors) {
    if (!s.metrics.includes(metric)) continue;
    let pts = await ctx.history(s.id, metric, { from, to: event.ts });
    if (s.id === event.sensor.id && metric === event.metric) pts = withReading(pts, event.ts, event.value);
    parts.push(pts);
  }
  return mergeSeries(parts);
}

/** Statistics of one lift from its fault and trapped series. */
export function liftStats(
  faultPts: readonly Point[],
  trappedPts: readonly Point[],
  overduePts: readonly Point[],
  endMs: number,
  c: ElevatorConfig,
): { stats: LiftStats; faults: EventHit[]; trapped: EventHit[] } {
  const faults = onsets(faultPts).filter((h) => faultOf(h.value) !== null);
  const trapped = onsets(trappedPts);
  const shortFrom = endMs - c.statsShortDays * DAY_MS;
  const longFrom = endMs - c.statsLongDays * DAY_MS;
  const fl = since(faults, longFrom);
  const lastOverdue = overduePts[overduePts.length - 1];
  return {
    stats: {
      faultsShort: since(faults, shortFrom).length,
      faultsLong: fl.length,
      doorFaultsLong: fl.filter((h) => faultOf(h.value)?.door === true).length,
      severeLong: fl.filter((h) => faultOf(h.value)?.tier === 'red').length,
      trappedShort: since(trapped, shortFrom).length,
      trappedLong: since(trapped, longFrom).length,
      overdueDays: lastOverdue ? lastOverdue.value : null,
    },
    faults: fl,
    trapped,
  };
}

/** Gathers the lift's and its company's statistics for an alarm. */
export async function gather(event: Ev, ctx: AnalysisContext, c: ElevatorConfig): Promise<Gathered> {
  const endMs = Date.parse(event.ts);
  const from = new Date(endMs - c.statsLongDays * DAY_MS).toISOString();
  const near = await ctx.neighbours(c.companyRadiusM);
  const byObject = new Map<string, SensorInfo[]>();
  for (const s of [event.sensor, ...near]) {
    const list = byObject.get(s.objectId) ?? [];
    list.push(s);
    byObject.set(s.objectId, list);
  }
  const ownSensors = byObject.get(event.object.id) ?? [event.sensor];
  const f = await series(ctx, ownSensors, 'fault_code', from, event);
  const t = await series(ctx, ownSensors, 'trapped', from, event);
  const o = await series(ctx, ownSensors, 'maintenance_overdue', from, event);
  const own = liftStats(f, t, o, endMs, c);

  const windowFrom = endMs - c.concurrentWindowMin * 60_000;
  const recent = since(own.faults, windowFrom);
  const lastT = t[t.length - 1];
  const trappedNow = lastT !== undefined && lastT.value >= 1 && Date.parse(lastT.ts) >= windowFrom;

  const company = String(event.object.attributes.maintenanceCompany ?? '');
  const all: LiftStats[] = [own.stats];
  let lookups = 0;
  for (const [objectId, sensors] of byObject) {
    if (objectId === event.object.id) continue;
    if (all.length >= c.companyMaxLifts || lookups >= MAX_OBJECT_LOOKUPS) break;
    if (!sensors.some((s) => s.metrics.includes('fault_code') || s.metrics.includes('trapped'))) continue;
    lookups++;
    const obj = await ctx.object(objectId);
    if (!obj || company === '' || obj.attributes.maintenanceCompany !== company) continue;
    const pf = await series(ctx, sensors, 'fault_code', from, event);
    const pt = await series(ctx, sensors, 'trapped', from, event);
    const po = await series(ctx, sensors, 'maintenance_overdue', from, event);
    all.push(liftStats(pf, pt, po, endMs, c).stats);
  }
  return {
    own: own.stats,
    faults: own.faults,
    recentFault: recent[recent.length - 1] ?? null,
    trappedNow,
    company: companyStats(company, all, c),
  };
}
