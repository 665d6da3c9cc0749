/**
 * Smoke-spread estimate by floor: which floors are at risk from a fire on one floor. A simple, documented
 * rule after the stack-effect model of smoke movement in tall buildings (Klote & Milke, Design of Smoke
 * Management Systems; SFPE Handbook, smoke movement chapter): with the outdoor air colder than indoors
 * (normal stack effect) the shafts draw air in below the neutral plane and push it out above it, so smoke
 * from a fire below the neutral plane reaches the floors above the plane; with the outdoor air warmer
 * (reverse stack effect) the flow in the shafts runs down.
 */
import type { I18n } from '@fenghuo/sdk';
import { floorRanges } from './common.js';
import type { FireConfig } from './config.js';

export interface SpreadInput {
  fireFloor: number;
  floorsAbove: number;
  floorsBelow: number;
  /** Outdoor air temperature, °C; null when the city has no weather. */
  outdoorC: number | null;
  /** Floors where detectors already see smoke or heat. */
  detectedFloors: readonly number[];
}

export type StackMode = 'normal' | 'reverse' | 'none';

export interface Spread {
  floors: number[];
  stack: StackMode;
  /** Floor of the neutral plane when the stack rule applied. */
  neutralFloor: number | null;
  /** The outdoor temperature was unknown and a normal stack effect was assumed. */
  assumedWinter: boolean;
  reasons: I18n[];
}

/** The floor `n` storeys above (n > 0) or below (n < 0) `f`, skipping the floor 0 that does not exist. */
export function floorStep(f: number, n: number): number {
  let out = f;
  for (let i = 0; i < Math.abs(n); i++) {
    out += n > 0 ? 1 : -1;
    if (out === 0) out += n > 0 ? 1 : -1;
  }
  return out;
}

/**
 * Floors at risk from a fire on `fireFloor`:
 * 1. the fire floor and the `spreadFloorsAbove` floors above it (smoke rises through shafts, stairs and
 *    windows); a basement fire also puts the ground floor (1) at risk (smoke leaves by the stairs and ramps);
 * 2. buildings with at least `stackMinFloors` storeys: neutral plane at floor ⌈neutralPlaneRatio × floorsAbove⌉;
 *    normal stack (outdoor < indoor, or unknown) with the fire below the plane → every floor from the plane
 *    to the top; reverse stack (outdoor > indoor) with the fire above the plane → the `spreadFloorsAbove`
 *    floors below the fire floor;
 * 3. every floor where a detector already alarms.
 * Floors are kept within the building (−floorsBelow … floorsAbove, no floor 0).
 */
export function floorsAtRisk(input: SpreadInput, cfg: FireConfig): Spread {
  const top = input.floorsAbove;
  const bottom = input.floorsBelow > 0 ? -input.floorsBelow : 1;
  const set = new Set<number>();
  const reasons: I18n[] = [];
  const f = input.fireFloor;
  set.add(f);
  for (let i = 1; i <= cfg.spreadFloorsAbove; i++) set.add(floorStep(f, i));
  if (f < 0) {
    set.add(1);
    reasons.push({
      zh: '地下层火灾烟气经楼梯间、坡道进入首层',
      en: 'smoke from a basement fire reaches the ground floor through the stairs and ramps',
    });
  }
  if (cfg.spreadFloorsAbove > 0)
    reasons.push({
      zh: `烟气经竖井、楼梯间和外窗向上蔓延，着火层以上 ${cfg.spreadFloorsAbove} 层直接受威胁`,
      en: `smoke rises through shafts, stairs and windows: the ${cfg.spreadFloorsAbove} floors above the fire floor are directly at risk`,
    });

  let stack: StackMode = 'none';
  let neutralFloor: number | null = null;
  let assumedWinter = false;
  if (top >= cfg.stackMinFloors) {
    neutralFloor = Math.max(1, Math.ceil(cfg.neutralPlaneRatio * top));
    assumedWinter = input.outdoorC === null;
    stack = input.outdoorC === null || input.outdoorC < cfg.indoorTempC ? 'normal' : 'reverse';
    if (input.outdoorC !== null && input.outdoorC === cfg.indoorTempC) stack = 'none';
    if (stack === 'normal' && f < neutralFloor) {
      for (let x = neutralFloor; x <= top; x++) set.add(x);
      reasons.push({
        zh: `烟囱效应（室外${assumedWinter ? '气温未知，按冬季' : '气温低于室内'}）：着火层在中性面（约 ${neutralFloor} 层）以下，烟气经竖井进入中性面以上各层`,
        en: `stack effect (outdoor air ${assumedWinter ? 'temperature unknown, winter assumed' : 'colder than indoors'}): the fire is below the neutral plane (about floor ${neutralFloor}), so the shafts carry smoke to every floor above it`,
      });
    } else if (stack === 'reverse' && f > neutralFloor) {
      for (let i = 1; i <= cfg.spreadFloorsAbove; i++) set.add(floorStep(f, -i));
      reasons.push({
        zh: `逆烟囱效应（室外气温高于室内）：竖井内气流向下，着火层以下 ${cfg.spreadFloorsAbove} 层亦受威胁`,
        en: `reverse stack effect (outdoor air warmer than indoors): the flow in the shafts runs down, so the ${cfg.spreadFloorsAbove} floors below the fire floor are at risk too`,
      });
    }
  }
  for (const d of input.detectedFloors) set.add(d);
  const floors = [...set].filter((x) => x !== 0 && x >= bottom && x <= top).sort((a, b) => a - b);
  return { floors, stack, neutralFloor, assumedWinter, reasons };
}

export function describeFloors(floors: readonly number[]): I18n {
  const r = floorRanges(floors);
  return { zh: r === '' ? '无' : `${r} 层`, en: r === '' ? 'none' : `floors ${r}` };
}
