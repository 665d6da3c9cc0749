/**
 * The building around an alarm, read through `ctx`: which building and floor each sensor is in, the
 * other sensors of that building, their fire-detection signals in the confirmation window, and the state
 * of its fire protection (fire water, tank, alarm panel).
 */
import type { AnalysisContext, CityObject, I18n, SensorInfo } from '@fenghuo/sdk';
import {
  type Impairment,
  panelImpairment,
  pressureState,
  readWater,
  tankImpairment,
  waterImpairment,
} from './capacity.js';
import { HOUR, MIN, num, type Sample, toSamples, withReading } from './common.js';
import type { FireConfig } from './config.js';
import { type BuildingUse, PANEL, thresholds } from './definition.js';
import { type DetectorKind, type Place, type Signal, seriesSignal } from './detection.js';

/** Reads objects once per analysis (never across calls). */
export class Objects {
  private cache = new Map<string, Promise<CityObject | null>>();
  constructor(private readonly ctx: AnalysisContext) {}
  get(id: string): Promise<CityObject | null> {
    let p = this.cache.get(id);
    if (!p) {
      p = this.ctx.object(id);
      this.cache.set(id, p);
    }
    return p;
  }
}

/** The building an object lies in (itself for a building), its floor and zone; fire water: the first building served. */
export function placeOf(obj: CityObject): Place & { buildingIds: string[] } {
  const a = obj.attributes;
  const str = (x: unknown) => (typeof x === 'string' && x !== '' ? x : null);
  const floor = num(a['floor']);
  if (obj.kind === 'fire_water') {
    const ids = Array.isArray(a['buildingIds'])
      ? a['buildingIds'].filter((x): x is string => typeof x === 'string')
      : [];
    return { buildingId: ids[0] ?? obj.id, buildingIds: ids, floor: null, zone: null };
  }
  const inside = str(a['buildingId']);
  // A building kind is its own building unless it lies in another (an e-bike room inside a block).
  const b = inside ?? obj.id;
  const ownFloors = num(a['floorsAbove']);
  // A one-storey venue's sensors are on floor 1 even when bound to the building itself.
  const f = floor ?? (b === obj.id && ownFloors === 1 ? 1 : null);
  return { buildingId: b, buildingIds: [b], floor: f, zone: str(a['zone']) };
}

export interface BuildingInfo {
  obj: CityObject;
  use: BuildingUse | 'other';
  floorsAbove: number;
  floorsBelow: number;
  heightM: number;
  highRise: boolean;
  vulnerable: boolean;
  livingInside: boolean;
  /** A confirmed fire here is red. */
  priority: boolean;
  occupants: number | null;
}

export function buildingInfo(obj: CityObject, cfg: FireConfig): BuildingInfo {
  const a = obj.attributes;
  const use = (typeof a['use'] === 'string' ? a['use'] : 'other') as BuildingUse;
  const floorsAbove = Math.max(1, num(a['floorsAbove']) ?? 1);
  const floorsBelow = Math.max(0, num(a['floorsBelow']) ?? 0);
  const heightM = num(a['heightM']) ?? floorsAbove * cfg.storeyHeightM;
  // GB 50016-2014 2.1.1: residential above 27 m, other buildings above 24 m are high-rise.
  const highRise =
    obj.kind === 'high_rise' ||
    heightM > (use === 'residential' ? cfg.highRiseHeightM.residential : cfg.highRiseHeightM.other);
  const livingInside = a['livingInside'] === true;
  const vulnerable = ['hospital', 'elderly_care', 'school', 'kindergarten'].includes(use);
  const priority =
    highRise || livingInside || cfg.priorityKinds.includes(obj.kind) || cfg.priorityUses.includes(use);
  return {
    obj,
    use,
    floorsAbove,
    floorsBelow,
    heightM,
    highRise,
    vulnerable,
    livingInside,
    priority,
    occupants: num(a['occupants']),
  };
}

export interface Member {
  sensor: SensorInfo;
  obj: CityObject;
  place: Place;
}

/**
 * The sensors of `buildingId` (the event's own first, then by floor distance from `floor`), at most
 * `maxSensors`; fire-water sensors count when their system serves the building.
 */
export async function buildingSensors(
  ctx: AnalysisContext,
  objs: Objects,
  self: Member,
  buildingId: string,
  cfg: FireConfig,
): Promise<Member[]> {
  const out: Member[] = [self];
  for (const s of await ctx.neighbours(cfg.buildingRadiusM)) {
    const obj = await objs.get(s.objectId);
    if (!obj) continue;
    const p = placeOf(obj);
    if (!p.buildingIds.includes(buildingId)) continue;
    out.push({ sensor: s, obj, place: { buildingId, floor: p.floor, zone: p.zone } });
  }
  const f = self.place.floor;
  const dist = (m: Member) => (f === null || m.place.floor === null ? 0 : Math.abs(m.place.floor - f));
  const rest = out.slice(1).sort((a, b) => dist(a) - dist(b) || a.sensor.id.localeCompare(b.sensor.id));
  return [self, ...rest].slice(0, cfg.maxSensors);
}

export interface EventReading {
  sensorId: string;
  metric: string;
  t: number;
  value: number;
}

/** One sensor's metric over `[from, to]` as samples, with the event's own reading in it. */
export async function series(
  ctx: AnalysisContext,
  sensorId: string,
  metric: string,
  from: number,
  to: number,
  ev: EventReading,
): Promise<Sample[]> {
  const s = toSamples(
    await ctx.history(sensorId, metric, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    }),
  );
  return ev.sensorId === sensorId && ev.metric === metric ? withReading(s, ev.t, ev.value) : s;
}

const DETECTORS: Array<{ metric: string; kind: DetectorKind }> = [
  { metric: 'smoke', kind: 'smoke' },
  { metric: 'flame', kind: 'flame' },
  { metric: 'heat', kind: 'heat' },
  { metric: 'panel_status', kind: 'panel' },
];
const HEAT_RATE = thresholds.heat?.ratePerMin?.alarm ?? null;

/** Fire signals of the building's sensors in the confirmation window ending at the event. */
export async function fireSignals(
  ctx: AnalysisContext,
  members: readonly Member[],
  ev: EventReading,
  cfg: FireConfig,
): Promise<Signal[]> {
  const windowFrom = ev.t - cfg.confirmWindowMin * MIN;
  const from = ev.t - Math.max(cfg.confirmWindowMin, cfg.chatter.windowMin) * MIN;
  const out: Signal[] = [];
  for (const m of members) {
    for (const d of DETECTORS) {
      if (!m.sensor.metrics.includes(d.metric)) continue;
      const samples = await series(ctx, m.sensor.id, d.metric, from, ev.t, ev);
      if (samples.length === 0) continue;
      let limit = 0.5;
      if (d.kind === 'panel') limit = PANEL.fire;
      if (d.kind === 'heat') limit = (await ctx.thresholds(m.sensor.id, 'heat')).alarm ?? 54;
      const sig = seriesSignal(
        d.kind === 'panel'
          ? samples.map((s) => ({ t: s.t, v: Math.round(s.v) === PANEL.fire ? 1 : 0 }))
          : samples,
        d.kind === 'panel' ? 0.5 : limit,
        windowFrom,
        d.kind === 'heat' ? HEAT_RATE : null,
      );
      if (!sig) continue;
      out.push({
        sensorId: m.sensor.id,
        kind: d.kind,
        place: m.place,
        name: m.obj.name,
        firstT: sig.firstT,
        peak: sig.peak,
        hot: d.kind === 'heat' && sig.peak >= cfg.confirmHeatC,
        chatter: d.kind !== 'heat' && sig.edges >= cfg.chatter.edges,
      });
    }
  }
  return out;
}

export interface Protection {
  impairments: Impairment[];
  /** Fire mains whose pressure fell after the first alarm: water flowing. */
  flowing: Array<{ sensorId: string; object: I18n; minutes: number }>;
  /** Fire mains below the minimum, not yet long enough to count as impaired without a fire. */
  lowFor: Array<{ sensorId: string; object: I18n; hours: number }>;
}

/**
 * The building's fire protection at the event: fire mains below their GB 50974 minimum, pools or tanks
 * below the fire reserve, the panel in isolate, fault or offline. `fireT` is the first fire signal
 * (null when there is none); with no fire, a low pressure counts as impaired after `waterImpairedHours`
 * or at once when severe.
 */
export async function protection(
  ctx: AnalysisContext,
  members: readonly Member[],
  ev: EventReading,
  fireT: number | null,
  cfg: FireConfig,
): Promise<Protection> {
  const out: Protection = { impairments: [], flowing: [], lowFor: [] };
  const from = ev.t - (cfg.waterImpairedHours + 1) * HOUR;
  for (const m of members) {
    const a = m.obj.attributes;
    if (m.sensor.metrics.includes('fire_water_pressure')) {
      const min = num(a['minPressureMpa']);
      const s = await series(ctx, m.sensor.id, 'fire_water_pressure', from, ev.t, ev);
      const p = min === null ? null : pressureState(s, min);
      if (p && min !== null) {
        const w = readWater(p, ev.t, fireT, cfg.waterSevereRatio, cfg.confirmWindowMin * MIN);
        if (w.state === 'flowing')
          out.flowing.push({ sensorId: m.sensor.id, object: m.obj.name, minutes: w.minutes });
        else if (w.state === 'impaired') {
          if (fireT !== null || w.severe || w.hours >= cfg.waterImpairedHours)
            out.impairments.push(waterImpairment(m.sensor.id, m.obj.name, p, min, w.hours, w.severe));
          else out.lowFor.push({ sensorId: m.sensor.id, object: m.obj.name, hours: w.hours });
        }
      }
    }
    if (m.sensor.metrics.includes('fire_tank_level')) {
      const reserve = num(a['reserveLevelM']);
      const s = await series(ctx, m.sensor.id, 'fire_tank_level', from, ev.t, ev);
      const imp = reserve === null ? null : tankImpairment(m.sensor.id, m.obj.name, s, reserve);
      if (imp) out.impairments.push(imp);
    }
    if (m.sensor.metrics.includes('panel_status')) {
      const s = await series(ctx, m.sensor.id, 'panel_status', ev.t - cfg.panelStaleHours * HOUR, ev.t, ev);
      const imp = panelImpairment(m.sensor.id, m.obj.name, s);
      if (imp) out.impairments.push(imp);
    }
  }
  return out;
}
