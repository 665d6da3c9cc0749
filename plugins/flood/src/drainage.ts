/**
 * A low point's drainage and storage from its attributes, and the state of the pump station that
 * drains it (read from that station's `pump_status` sensor).
 */
import type { AnalysisContext, CityObject, I18n } from '@fenghuo/sdk';
import { num, toSamples } from './common.js';
import type { FloodConfig } from './definition.js';
import type { Storage } from './ponding-model.js';

export type PumpState = 'run' | 'stop' | 'fault' | 'unknown' | 'none';

export const PUMP_STATE_NAME: Record<PumpState, I18n> = {
  run: { zh: '运行', en: 'running' },
  stop: { zh: '停机', en: 'stopped' },
  fault: { zh: '故障', en: 'in fault' },
  unknown: { zh: '状态未知（按正常运行计）', en: 'status unknown (taken as running)' },
  none: { zh: '无泵站', en: 'no pump station' },
};

export interface Drainage {
  catchmentHa: number;
  runoffCoefficient: number;
  pumpCapacityM3s: number;
  gravityM3s: number;
  pump: PumpState;
  pumpStation: CityObject | null;
  /** Capacity that works now: pumps unless stopped or in fault, plus gravity. */
  drainM3s: number;
  storage: Storage;
  /** Which attributes fell back to config defaults. */
  defaulted: string[];
}

/** Pump state from a `pump_status` value: 0 run, 1 stop, 2 fault. */
export function pumpStateOf(v: number | null): PumpState {
  if (v === null) return 'unknown';
  return v >= 2 ? 'fault' : v >= 1 ? 'stop' : 'run';
}

/** Storage shape from attributes: a sag curve when radius and width are known, else a flat area. */
export function storageOf(a: Record<string, unknown>, cfg: FloodConfig, defaulted: string[]): Storage {
  const r = num(a['sagRadiusM']);
  const w = num(a['roadWidthM']);
  if (r !== null && w !== null && r > 0 && w > 0) return { shape: 'sag', radiusM: r, widthM: w };
  const area = num(a['pondAreaM2']);
  if (area !== null && area > 0) return { shape: 'flat', areaM2: area };
  defaulted.push('pondAreaM2');
  return { shape: 'flat', areaM2: cfg.defaultPondAreaM2 };
}

/**
 * Drainage of a low point. The pump state is the latest `pump_status` (within the last hour before
 * `eventT`) of a sensor on the object's `pumpStationId`; `override` forces it (the pump analysis).
 */
export async function drainageOf(
  ctx: AnalysisContext,
  cfg: FloodConfig,
  obj: CityObject,
  eventT: number,
  override?: PumpState,
): Promise<Drainage> {
  const a = obj.attributes;
  const defaulted: string[] = [];
  const catchment = num(a['catchmentHa']);
  if (catchment === null) defaulted.push('catchmentHa');
  const c = num(a['runoffCoefficient']);
  if (c === null) defaulted.push('runoffCoefficient');
  const stationId = typeof a['pumpStationId'] === 'string' ? a['pumpStationId'] : null;
  const station = stationId ? await ctx.object(stationId) : null;
  const pumpCap = num(a['pumpCapacityM3s']) ?? num(station?.attributes['capacityM3s']) ?? 0;
  const gravity = num(a['gravityDrainM3s']) ?? 0;
  let pump: PumpState = stationId === null && pumpCap === 0 ? 'none' : 'unknown';
  if (override) pump = override;
  else if (stationId !== null) {
    const sensors = (await ctx.neighbours(cfg.gaugeRadiusM, { metric: 'pump_status' })).filter(
      (s) => s.objectId === stationId,
    );
    for (const s of sensors) {
      const pts = toSamples(
        await ctx.history(s.id, 'pump_status', {
          from: new Date(eventT - 3_600_000).toISOString(),
          to: new Date(eventT).toISOString(),
          limit: 1,
        }),
      );
      const last = pts[pts.length - 1];
      if (last) {
        pump = pumpStateOf(last.v);
        break;
      }
    }
  }
  const pumpsWork = pump === 'run' || pump === 'unknown';
  return {
    catchmentHa: catchment ?? cfg.defaultCatchmentHa,
    runoffCoefficient: c ?? cfg.runoffCoefficient,
    pumpCapacityM3s: pumpCap,
    gravityM3s: gravity,
    pump,
    pumpStation: station,
    drainM3s: (pumpsWork ? pumpCap : 0) + gravity,
    storage: storageOf(a, cfg, defaulted),
    defaulted,
  };
}
