/**
 * The tier of a situation at a confined space: a pure function of what the site reported and the gases
 * measured, so that the same situation gets the same tier whichever alarm (a gas, the door, the
 * attendant, the clock) asked for the analysis.
 *
 *   gas level      = the highest level any gas of the space meets (the alarm's own included); a CO + H2S
 *                    mixture with Σ C/L ≥ 1 while each is below its own limit (GBZ 2.1 additive rule)
 *                    counts as at least blue
 *   procedure level = the highest of: unauthorised opening or entry (no approved permit while the door is
 *                    open or people are inside) → `unpermittedEntryTier`; attendant off post with people
 *                    inside → `guardOffPostTier`; people without protective equipment → `ppeMissingTier`;
 *                    overtime → the `work_elapsed_min` level
 *   base           = max(gas level, procedure level)
 *   +1 people      people inside (or presumed: work in progress, an open door without a headcount) exposed
 *                  to a gas exceedance or inside without a permit — catalogue "raise every tier by one
 *                  while people are inside" (assumed)
 *   +1 unsafe work people inside a gas exceedance without an approved permit or without an attendant:
 *                  nobody tested the air or nobody can raise the alarm and stop a blind rescue (assumed)
 *   +1 several gases two or more gases at blue or above at once (assumed, `multiHazardRaise`)
 *   tier           = the level at base + raises, capped at red; below blue (an `alarm` alone) no warning
 */
import type { Tier } from '@fenghuo/sdk';
import type { CsConfig, GasMetric, MetricKey } from './definition.js';
import { additiveIndex } from './exposure.js';
import { tierAt, tierIndex } from './levels.js';
import type { GasReading, SiteState } from './site.js';

export interface Occupancy {
  occupied: boolean;
  /** Headcount when reported. */
  count: number | null;
  /** What the judgement rests on. */
  basis: 'headcount' | 'work' | 'door' | 'none';
}

const on = (v: number | null) => v !== null && v >= 0.5;

/**
 * Are people inside? A headcount wins; without one, work in progress means yes, and an open door means
 * "presumably" when `openDoorMeansOccupied`.
 */
export function occupancy(site: SiteState, cfg: Pick<CsConfig, 'openDoorMeansOccupied'>): Occupancy {
  const n = site.people_inside;
  if (n !== null) return { occupied: n >= 1, count: Math.round(n), basis: 'headcount' };
  if (on(site.work_in_progress)) return { occupied: true, count: null, basis: 'work' };
  if (on(site.door_open) && cfg.openDoorMeansOccupied) return { occupied: true, count: null, basis: 'door' };
  return { occupied: false, count: null, basis: 'none' };
}

export type Hazard = GasMetric | 'additive' | 'unauthorised' | 'guard' | 'ppe' | 'overtime';
export type Raise = 'people' | 'unsafe' | 'multi';

export interface Assessment {
  tier: Tier | null;
  index: number;
  base: number;
  gasIdx: number;
  procIdx: number;
  /** What set the base (`null` when nothing is out of order). */
  main: Hazard | null;
  occupancy: Occupancy;
  permitMissing: boolean;
  unauthorised: boolean;
  guardOff: boolean;
  ppeMissing: boolean;
  overtimeIdx: number;
  /** GBZ 2.1 additive index Σ C/L of CO (PC-STEL) and H2S (MAC). */
  additive: number;
  /** Σ C/L ≥ 1 with each gas below its own limit (and the rule switched on). */
  additiveExceeded: boolean;
  /** Gases at alarm level or above, worst first. */
  hazardous: GasReading[];
  raises: Raise[];
}

export interface AssessInput {
  trigger: MetricKey;
  site: SiteState;
  gases: readonly GasReading[];
  /** Level index of the elapsed time against the space's overtime limits (-1: within time). */
  overtimeIdx: number;
}

type AssessConfig = Pick<
  CsConfig,
  | 'openDoorMeansOccupied'
  | 'unknownPermitIsUnapproved'
  | 'unpermittedEntryTier'
  | 'guardOffPostTier'
  | 'ppeMissingTier'
  | 'additiveToxics'
  | 'multiHazardRaise'
  | 'exposureLimits'
>;

/**
 * Assess a situation.
 *
 * @example assess({ trigger: 'h2s', site, gases, overtimeIdx: -1 }, defaults).tier // 'yellow' for H2S at MAC with people inside
 */
export function assess(input: AssessInput, cfg: AssessConfig): Assessment {
  const { site, gases, trigger } = input;
  const occ = occupancy(site, cfg);
  const permitMissing =
    site.permit_approved === null ? cfg.unknownPermitIsUnapproved : !on(site.permit_approved);
  const unauthorised = permitMissing && (on(site.door_open) || occ.occupied);
  const guardOff = occ.occupied && on(site.guard_off_post);
  const ppeMissing = occ.occupied && site.ppe_missing !== null && site.ppe_missing >= 1;
  // Overtime counts while work is on; a clock left running with nobody inside is a record not closed.
  const working = occ.occupied || on(site.work_in_progress);
  const overtimeIdx = working ? input.overtimeIdx : -1;

  const hazardous = gases.filter((g) => g.levelIdx >= 0).sort((a, b) => b.levelIdx - a.levelIdx);
  let gasIdx = hazardous[0]?.levelIdx ?? -1;
  const value = (m: GasMetric) => gases.find((g) => g.metric === m)?.value ?? null;
  const parts = [
    { c: value('co'), limit: cfg.exposureLimits.coPcStel },
    { c: value('h2s'), limit: cfg.exposureLimits.h2sMac },
  ];
  const additive = additiveIndex(parts);
  // Only a combined exceedance that neither gas shows alone: one gas past its own limit is that gas's level.
  const additiveExceeded =
    cfg.additiveToxics && additive >= 1 && parts.every((p) => p.c === null || p.c < p.limit);
  if (additiveExceeded) gasIdx = Math.max(gasIdx, 1);

  const proc: { hazard: Hazard; idx: number }[] = [];
  if (unauthorised) proc.push({ hazard: 'unauthorised', idx: tierIndex(cfg.unpermittedEntryTier) });
  if (guardOff) proc.push({ hazard: 'guard', idx: tierIndex(cfg.guardOffPostTier) });
  if (ppeMissing) proc.push({ hazard: 'ppe', idx: tierIndex(cfg.ppeMissingTier) });
  if (overtimeIdx >= 0) proc.push({ hazard: 'overtime', idx: overtimeIdx });
  const procIdx = Math.max(-1, ...proc.map((p) => p.idx));
  const base = Math.max(gasIdx, procIdx);

  const raises: Raise[] = [];
  if (base >= 0) {
    if (occ.occupied && (gasIdx >= 0 || unauthorised)) raises.push('people');
    if (occ.occupied && gasIdx >= 0 && (permitMissing || guardOff)) raises.push('unsafe');
    // O2 deficiency and enrichment are one reading: count distinct gases only.
    if (cfg.multiHazardRaise && hazardous.filter((g) => g.levelIdx >= 1).length >= 2) raises.push('multi');
  }
  const index = base < 0 ? -1 : Math.min(4, base + raises.length);

  return {
    tier: tierAt(index),
    index,
    base,
    gasIdx,
    procIdx,
    main: mainHazard(trigger, base, gasIdx, hazardous, additiveExceeded, proc),
    occupancy: occ,
    permitMissing,
    unauthorised,
    guardOff,
    ppeMissing,
    overtimeIdx,
    additive,
    additiveExceeded,
    hazardous,
    raises,
  };
}

const TRIGGER_HAZARD: Partial<Record<MetricKey, Hazard>> = {
  door_open: 'unauthorised',
  people_inside: 'unauthorised',
  guard_off_post: 'guard',
  ppe_missing: 'ppe',
  work_elapsed_min: 'overtime',
};

/** The hazard that set the base, preferring the one the alarm is about when several tie. */
function mainHazard(
  trigger: MetricKey,
  base: number,
  gasIdx: number,
  hazardous: readonly GasReading[],
  additiveExceeded: boolean,
  proc: readonly { hazard: Hazard; idx: number }[],
): Hazard | null {
  if (base < 0) return null;
  const candidates: Hazard[] = [];
  if (gasIdx === base) {
    if (additiveExceeded) candidates.push('additive');
    for (const g of hazardous) if (g.levelIdx === base) candidates.push(g.metric);
  }
  for (const p of proc) if (p.idx === base) candidates.push(p.hazard);
  const preferred = (TRIGGER_HAZARD[trigger] ?? trigger) as Hazard;
  return candidates.includes(preferred) ? preferred : (candidates[0] ?? null);
}
