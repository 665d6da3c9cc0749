/**
 * What a ponding depth means on a road, and when to close it.
 *
 * Vehicle effects: US National Weather Service, "Turn Around Don't Drown": 15 cm (6 in) reaches the
 * bottom of most passenger cars (loss of control, stalling); 30 cm (1 ft) floats many vehicles; 60 cm
 * (2 ft) of moving water carries away most vehicles, SUVs and pickups included. Lane criterion: GB 51222
 * / GB 50014, one lane ≤ 15 cm. Closure: Shanghai and Shenyang close underpasses at 25 cm.
 */
import type { I18n } from '@fenghuo/sdk';

export const DEPTH_EFFECTS: readonly { cm: number; text: I18n }[] = [
  {
    cm: 60,
    text: {
      zh: '积水达 60 cm：流动水可冲走大多数车辆（含 SUV），行人不得涉水',
      en: 'Ponding at 60 cm: moving water carries away most vehicles, SUVs included; nobody may wade',
    },
  },
  {
    cm: 30,
    text: {
      zh: '积水达 30 cm：多数小汽车可被浮起，车辆熄火、被困风险高',
      en: 'Ponding at 30 cm: many cars float; high risk of stalled and trapped vehicles',
    },
  },
  {
    cm: 15,
    text: {
      zh: '积水达 15 cm：淹没多数小汽车底盘，易失控熄火；超过一条车道积水不超过 15 cm 的内涝防治标准',
      en: 'Ponding at 15 cm: reaches the underside of most cars (loss of control, stalling); beyond the one-lane 15 cm waterlogging criterion',
    },
  },
  {
    cm: 5,
    text: {
      zh: '路面积水：车辆减速慢行',
      en: 'Water on the carriageway: vehicles slow down',
    },
  },
];

/** The effect statement for a depth (the deepest band it reaches), or `null` below 5 cm. */
export function depthEffect(cm: number): I18n | null {
  return DEPTH_EFFECTS.find((e) => cm >= e.cm)?.text ?? null;
}

export type ClosureAdvice = { kind: 'close-now' } | { kind: 'prepare'; inMin: number } | { kind: 'none' };

/**
 * Close the road now when it is at or past the closure depth; prepare the closure (staff and barriers on
 * site) when the forecast reaches it within the horizon.
 */
export function closureAdvice(
  depthCm: number,
  minutesToClosure: number | null,
  closureCm: number,
): ClosureAdvice {
  if (depthCm >= closureCm) return { kind: 'close-now' };
  if (minutesToClosure !== null) return { kind: 'prepare', inMin: minutesToClosure };
  return { kind: 'none' };
}
