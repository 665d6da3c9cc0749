/**
 * Collect the major-hazard area of an alarm through `ctx`: the area object (tank farm, warehouse or
 * process unit), every sensor of the area within `areaRadiusM` (bound to the area itself, or to a tank,
 * reactor or detector whose `areaId` names it), their recent series, and what they say as equipment,
 * detectors, status signals and alarm-management counters.
 */
import type { AlarmEvent, AnalysisContext, CityObject, SensorInfo } from '@fenghuo/sdk';
import type { HazchemConfig } from './config.js';
import { type MetricKey, metrics } from './definition.js';
import type { Detector } from './leak.js';
import { type Sample, toSamples, withReading } from './series.js';
import type { AlarmInputs } from './state.js';
import { type Item, latestOf, numAttr, type SeriesView } from './view.js';

export const AREA_KINDS = ['tank_farm', 'warehouse', 'process_unit'] as const;
const VESSEL_KINDS = ['storage_tank', 'reactor'];
const VESSEL_METRICS: MetricKey[] = [
  'level',
  'temperature',
  'pressure',
  'humidity',
  'sis_bypass',
  'interlock_trip',
];
const ALARM_METRICS: MetricKey[] = ['alarms_overdue', 'alarm_unack_min', 'alarm_rate'];

export interface AreaView {
  area: CityObject;
  /** The area was found through the event object's `areaId` (or is the event object itself). */
  resolved: boolean;
  kind: 'storage' | 'unit';
  items: Item[];
  areaStatus: SeriesView[];
  detectors: Detector[];
  flame: boolean;
  alarm: AlarmInputs;
  /** The event's own series. */
  own: SeriesView | null;
}

const isMetric = (m: string): m is MetricKey => m in metrics;

/** The area object of the event: itself, the object its `areaId` names, or (unknown) itself. */
async function findArea(
  event: AlarmEvent,
  ctx: AnalysisContext,
): Promise<{ area: CityObject; resolved: boolean }> {
  if ((AREA_KINDS as readonly string[]).includes(event.object.kind))
    return { area: event.object, resolved: true };
  const id = event.object.attributes['areaId'];
  const area = typeof id === 'string' ? await ctx.object(id) : null;
  return area ? { area, resolved: true } : { area: event.object, resolved: false };
}

export async function buildArea(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: HazchemConfig,
  endT: number,
): Promise<AreaView> {
  const { area, resolved } = await findArea(event, ctx);
  const kind = area.kind === 'process_unit' || area.kind === 'reactor' ? 'unit' : 'storage';
  const objects = new Map<string, CityObject | null>([
    [area.id, area],
    [event.object.id, event.object],
  ]);
  const objectOf = async (id: string) => {
    if (!objects.has(id)) objects.set(id, await ctx.object(id));
    return objects.get(id) ?? null;
  };
  const near = await ctx.neighbours(cfg.areaRadiusM);
  const sensors: { info: SensorInfo; obj: CityObject }[] = [];
  for (const info of [event.sensor, ...near]) {
    const obj = await objectOf(info.objectId);
    if (!obj) continue;
    const inArea = obj.id === area.id || obj.attributes['areaId'] === area.id;
    if (inArea || (!resolved && obj.id === event.object.id)) sensors.push({ info, obj });
  }

  const from = new Date(endT - cfg.windowMin * 60_000).toISOString();
  const to = new Date(endT).toISOString();
  const items = new Map<string, Item>();
  const itemOf = (obj: CityObject) => {
    let it = items.get(obj.id);
    if (!it) {
      it = { id: obj.id, kind: obj.kind, name: obj.name, attributes: obj.attributes, series: [] };
      items.set(obj.id, it);
    }
    return it;
  };
  const view: AreaView = {
    area,
    resolved,
    kind,
    items: [],
    areaStatus: [],
    detectors: [],
    flame: false,
    alarm: { overdue: null, unackMin: null, ratePer10Min: null, offline: 0, total: 0 },
    own: null,
  };
  const counters: Record<'overdue' | 'unack' | 'rate', number[]> = { overdue: [], unack: [], rate: [] };

  for (const { info, obj } of sensors) {
    let fresh = false;
    for (const metric of info.metrics.filter(isMetric)) {
      let samples: Sample[] = toSamples(await ctx.history(info.id, metric, { from, to }));
      const isOwn = info.id === event.sensor.id && metric === event.metric;
      if (isOwn) samples = withReading(samples, endT, event.value);
      const last = samples[samples.length - 1];
      const staleMs = cfg.staleFactor * (metrics[metric].intervalSec ?? 60) * 1000;
      const s: SeriesView = {
        sensorId: info.id,
        objectId: obj.id,
        metric,
        samples,
        stale: !last || last.t < endT - staleMs,
      };
      if (isOwn) view.own = s;
      if (!s.stale) fresh = true;
      const v = latestOf(s);
      if (metric === 'combustible_gas' || metric === 'toxic_gas')
        view.detectors.push(detectorOf(s, obj, cfg));
      else if (metric === 'flame') view.flame ||= v === 1;
      else if (ALARM_METRICS.includes(metric)) {
        if (v !== null)
          counters[metric === 'alarms_overdue' ? 'overdue' : metric === 'alarm_rate' ? 'rate' : 'unack'].push(
            v,
          );
      } else if (VESSEL_METRICS.includes(metric)) {
        const statusOnly = metric === 'sis_bypass' || metric === 'interlock_trip';
        if (obj.id === area.id && statusOnly && !VESSEL_KINDS.includes(obj.kind)) view.areaStatus.push(s);
        else itemOf(obj).series.push(s);
      }
    }
    view.alarm.total++;
    if (!fresh) view.alarm.offline++;
  }
  view.items = [...items.values()];
  view.alarm.overdue = counters.overdue.length ? counters.overdue.reduce((a, b) => a + b, 0) : null;
  view.alarm.unackMin = counters.unack.length ? Math.max(...counters.unack) : null;
  view.alarm.ratePer10Min = counters.rate.length ? Math.max(...counters.rate) : null;
  return view;
}

function detectorOf(s: SeriesView, obj: CityObject, cfg: HazchemConfig): Detector {
  const a = obj.attributes;
  const combustible = s.metric === 'combustible_gas';
  const level1 =
    numAttr(a, 'setPoint1') ?? (combustible ? cfg.leak.combustibleLevel1 : numAttr(a, 'oelMgM3'));
  const level2 = numAttr(a, 'setPoint2') ?? (combustible ? cfg.leak.combustibleLevel2 : null);
  return {
    series: s,
    name: obj.name,
    type: combustible ? 'combustible' : 'toxic',
    level1,
    level2,
    idlh: combustible ? null : numAttr(a, 'idlhMgM3'),
    fenceLine: a['fenceLine'] === true,
  };
}
