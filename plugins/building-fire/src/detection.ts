/**
 * Fire detection: turning each detector's recent readings into an alarm signal, spotting chattering
 * detectors, and the multi-detector confirmation rule that sets the fire tier (catalogue `building-fire`,
 * GB 50116 "two independent alarm signals" logic).
 */
import type { I18n, Tier } from '@fenghuo/sdk';
import { type Sample, tierAt, tierIndex } from './common.js';
import type { FireConfig } from './config.js';

export type DetectorKind = 'smoke' | 'flame' | 'heat' | 'panel';

/** Where a sensor sits: its building, floor (null when unknown) and alarm zone (null: by floor). */
export interface Place {
  buildingId: string;
  floor: number | null;
  zone: string | null;
}

/** One detector that alarmed inside the look-back window. */
export interface Signal {
  sensorId: string;
  kind: DetectorKind;
  place: Place;
  name: I18n;
  /** First sample at or above the alarm condition inside the window. */
  firstT: number;
  /** Heat: highest °C in the window; events: 1. */
  peak: number;
  /** Heat at or above the confirmation temperature (a sprinkler here would have opened). */
  hot: boolean;
  /** Alarmed and reset at least `chatter.edges` times in `chatter.windowMin`: unreliable. */
  chatter: boolean;
}

export interface SeriesSignal {
  firstT: number;
  peak: number;
  /** Rising edges (normal → alarm) over the whole series given. */
  edges: number;
}

/**
 * The alarm signal in a series from `fromT` on: the first sample that meets the alarm condition
 * (`value >= limit`, or for heat a rise of at least `ratePerMin` between two samples), or `null`.
 * `edges` counts normal → alarm transitions over the whole series (for the chatter test).
 */
export function seriesSignal(
  samples: readonly Sample[],
  limit: number,
  fromT: number,
  ratePerMin: number | null = null,
): SeriesSignal | null {
  let firstT: number | null = null;
  let peak = Number.NEGATIVE_INFINITY;
  let edges = 0;
  let prevOn = false;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    const prev = samples[i - 1];
    const rate = prev && s.t > prev.t ? ((s.v - prev.v) * 60_000) / (s.t - prev.t) : 0;
    const on = s.v >= limit || (ratePerMin !== null && rate >= ratePerMin);
    if (on && !prevOn) edges++;
    prevOn = on;
    if (s.t < fromT) continue;
    if (s.v > peak) peak = s.v;
    if (on && firstT === null) firstT = s.t;
  }
  return firstT === null ? null : { firstT, peak, edges };
}

/**
 * The signals of the alarm's zone: those correlated with its place, and then, link by link, those
 * correlated with a signal already in (smoke climbing floor 8 → 9 → 10 is one fire, so an alarm on
 * floor 10 is judged with the floor-8 detectors that started it: its origin, its confirmation, its
 * cause). Signals with no chain of neighbouring floors to the alarm stay out.
 */
export function zoneGroup(
  signals: readonly Signal[],
  at: Place,
  cfg: Pick<FireConfig, 'correlateFloors'>,
): Signal[] {
  const inside = signals.map((s) => correlated(s.place, at, cfg));
  for (let grew = true; grew; ) {
    grew = false;
    signals.forEach((s, i) => {
      if (inside[i]) return;
      // Only detectors on known floors carry the chain: one with no floor correlates with every floor
      // and would join unrelated alarms of the building.
      if (s.place.floor === null) return;
      const linked = signals.some(
        (o, j) => inside[j] && o.place.floor !== null && correlated(s.place, o.place, cfg),
      );
      if (linked) {
        inside[i] = true;
        grew = true;
      }
    });
  }
  return signals.filter((_, i) => inside[i]);
}

/** Two places are one zone: same building and the same alarm zone, or floors at most `correlateFloors` apart. */
export function correlated(a: Place, b: Place, cfg: Pick<FireConfig, 'correlateFloors'>): boolean {
  if (a.buildingId !== b.buildingId) return false;
  if (a.zone !== null && a.zone === b.zone) return true;
  if (a.floor === null || b.floor === null) return true;
  return Math.abs(a.floor - b.floor) <= cfg.correlateFloors;
}

export interface FireInput {
  /** Where the alarm under analysis is. */
  at: Place;
  /** Every signal of the building inside the window (the event's own included). */
  signals: readonly Signal[];
  /** A confirmed fire here is red (high-rise, crowded place, hospital, elderly home, 三合一 …). */
  priority: boolean;
  /** Fire-water pressure fell after the detectors alarmed: sprinklers or hydrants are flowing. */
  waterFlowing: boolean;
  /** Impairments of the building's fire protection (fire water, alarm system). */
  impairments: number;
}

export interface FireAssessment {
  tier: Tier | null;
  /** Reliable signals in the zone of the alarm, one per sensor, earliest first. */
  group: Signal[];
  /** Signals ignored as unreliable (chattering detectors). */
  chattering: Signal[];
  /** Distinct zones (alarm zone, else floor) with a reliable signal anywhere in the building. */
  zones: number;
  confirmed: boolean;
  /** What confirmed the fire, for the findings. */
  confirmedBy: Array<'heat' | 'flame' | 'water'>;
  /** Two signals in one zone (yellow rule met). */
  twoInZone: boolean;
  spread: boolean;
  priorityRed: boolean;
  escalatedBy: number;
}

const zoneKey = (p: Place) => (p.zone !== null ? `z:${p.zone}` : p.floor !== null ? `f:${p.floor}` : 'b');

/**
 * The multi-detector confirmation rule (catalogue `building-fire`, tiers assumed):
 * - one detector → the owner's alarm only (`null`), to be confirmed on site;
 * - two independent detectors in one zone, or smoke plus heat ≥ its alarm temperature → yellow;
 * - and confirmed by heat ≥ `confirmHeatC`, a flame/video detector, or fire water flowing → orange;
 * - confirmed in a priority building → red; signals in two or more zones add one tier;
 * - impaired fire protection adds `impairmentEscalation` (so one detector in an impaired building is blue);
 *   escalation is capped at `maxEscalation` and at red.
 * Chattering detectors do not count; the panel's own fire signal counts only when no detector reports.
 */
export function assessFire(input: FireInput, cfg: FireConfig): FireAssessment {
  const reliable = input.signals.filter((s) => !s.chatter);
  const chattering = input.signals.filter((s) => s.chatter);
  const detectors = reliable.filter((s) => s.kind !== 'panel');
  const usable = detectors.length > 0 ? detectors : reliable;
  const inZone = zoneGroup(usable, input.at, cfg).sort((a, b) => a.firstT - b.firstT);
  const sensors = new Set(inZone.map((s) => s.sensorId));
  const kinds = new Set(inZone.map((s) => s.kind));
  // A multi-criteria detector reporting smoke and heat is the catalogue's "smoke plus temperature ≥ 54 °C".
  const twoInZone = sensors.size >= 2 || (kinds.has('smoke') && kinds.has('heat'));
  const confirmedBy: FireAssessment['confirmedBy'] = [];
  if (twoInZone) {
    if (inZone.some((s) => s.hot)) confirmedBy.push('heat');
    if (kinds.has('flame')) confirmedBy.push('flame');
    if (input.waterFlowing) confirmedBy.push('water');
  }
  const confirmed = confirmedBy.length > 0;
  const zones = new Set(usable.map((s) => zoneKey(s.place))).size;
  const spread = twoInZone && zones >= 2;
  const priorityRed = confirmed && input.priority;

  let base = 0;
  if (twoInZone) base = tierIndex('yellow');
  if (confirmed) base = tierIndex('orange');
  if (priorityRed) base = tierIndex('red');
  let up = 0;
  if (spread) up += 1;
  if (input.impairments > 0 && inZone.length > 0) up += cfg.impairmentEscalation;
  up = Math.min(up, cfg.maxEscalation);
  const tier = inZone.length === 0 ? null : tierAt(base + up);
  const byDedup = new Map<string, Signal>();
  for (const s of inZone) if (!byDedup.has(s.sensorId)) byDedup.set(s.sensorId, s);
  return {
    tier,
    group: [...byDedup.values()],
    chattering,
    zones,
    confirmed,
    confirmedBy,
    twoInZone,
    spread,
    priorityRed,
    escalatedBy: tier === null ? 0 : tierIndex(tier) - base,
  };
}

/** The floor the fire most likely started on: that of the earliest signal (the lowest on a tie). */
export function originFloor(group: readonly Signal[], fallback: number | null): number | null {
  let best: Signal | null = null;
  for (const s of group) {
    if (s.place.floor === null) continue;
    if (
      best === null ||
      s.firstT < best.firstT ||
      (s.firstT === best.firstT && s.place.floor < (best.place.floor ?? Number.POSITIVE_INFINITY))
    )
      best = s;
  }
  return best?.place.floor ?? fallback;
}
