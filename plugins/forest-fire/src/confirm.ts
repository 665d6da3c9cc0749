/**
 * Multi-source verification (guideline §3 type 16: 多维复核): a detection becomes a confirmed fire only
 * when a second, independent source saw it within a distance and a time window.
 */
import type { AlarmEvent, AnalysisContext, SensorInfo } from '@fenghuo/sdk';
import type { FireConfig } from './definition.js';

export const DETECTION_METRICS = ['hotspot', 'smoke_flame_video', 'burned_area'] as const;
export type DetectionMetric = (typeof DETECTION_METRICS)[number];

/** Which kind of source a detection metric comes from: space (satellite) or ground (camera, patrol, drone). */
export function sourceKind(metric: DetectionMetric): 'space' | 'ground' {
  return metric === 'hotspot' ? 'space' : 'ground';
}

/** A reading that counts as a detection: a hotspot or a video event, or any mapped burned area. */
export function isDetection(metric: DetectionMetric, value: number): boolean {
  return metric === 'burned_area' ? value > 0 : value >= 1;
}

export interface Confirmation {
  sensor: string;
  metric: DetectionMetric;
  ts: string;
  value: number;
  distanceM: number;
  location: [number, number];
}

/**
 * Whether another sensor may confirm the event: a different sensor, within the radius, reporting a
 * detection metric (of the other kind when `confirmNeedsOtherKind`).
 */
export function canConfirm(event: DetectionMetric, other: DetectionMetric, needsOtherKind: boolean): boolean {
  return !needsOtherKind || sourceKind(event) !== sourceKind(other);
}

/** Every confirming detection near the event in [ts − window, ts], nearest sensor first. */
export async function findConfirmations(
  event: AlarmEvent,
  metric: DetectionMetric,
  ctx: AnalysisContext,
  cfg: FireConfig,
  sensors: SensorInfo[],
): Promise<Confirmation[]> {
  const from = new Date(Date.parse(event.ts) - cfg.confirmWindowMin * 60_000).toISOString();
  const out: Confirmation[] = [];
  let calls = 0;
  for (const s of sensors) {
    if (s.id === event.sensor.id || (s.distanceM ?? 0) > cfg.confirmRadiusM) continue;
    for (const m of DETECTION_METRICS) {
      if (!s.metrics.includes(m) || !canConfirm(metric, m, cfg.confirmNeedsOtherKind)) continue;
      // Bounded: a dense camera network must not exhaust the sandbox's 1,000 ctx calls.
      if (calls++ >= 40) return out;
      const pts = await ctx.history(s.id, m, { from });
      const hit = pts.filter((p) => isDetection(m, p.value)).pop();
      if (hit)
        out.push({
          sensor: s.id,
          metric: m,
          ts: hit.ts,
          value: hit.value,
          distanceM: s.distanceM ?? 0,
          location: s.location,
        });
    }
  }
  return out;
}
