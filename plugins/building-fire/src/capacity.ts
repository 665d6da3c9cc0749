/**
 * The building's fire-protection capacity: fire-water pressure against the GB 50974 minimum, the fire
 * reserve in the pool or tank, and the state of the fire alarm control panel. An impairment lowers the
 * capacity (it raises a fire's tier); a pressure that falls only after the detectors alarmed is water
 * flowing to sprinklers or hydrants, which confirms the fire instead.
 */
import type { I18n } from '@fenghuo/sdk';
import { HOUR, round1, round2, type Sample } from './common.js';
import { PANEL } from './definition.js';

export type ImpairmentKind =
  | 'water_pressure'
  | 'water_tank'
  | 'panel_isolate'
  | 'panel_fault'
  | 'panel_offline';

export interface Impairment {
  kind: ImpairmentKind;
  /** Sensor and object it was read from. */
  sensorId: string;
  object: I18n;
  /** Since when (first sample of the trailing run in that state). */
  sinceT: number;
  text: I18n;
  severe: boolean;
}

export interface PressureState {
  /** Latest pressure / minimum. */
  ratio: number;
  latest: number;
  /** Start of the trailing run at or below the minimum, or null when the latest sample is above it. */
  belowSinceT: number | null;
}

/** The latest fire-main pressure against its minimum, and since when it has been at or below it. */
export function pressureState(samples: readonly Sample[], minPressureMpa: number): PressureState | null {
  const last = samples[samples.length - 1];
  if (!last || !(minPressureMpa > 0)) return null;
  let since: number | null = null;
  for (let i = samples.length - 1; i >= 0 && samples[i]!.v <= minPressureMpa; i--) since = samples[i]!.t;
  return { ratio: last.v / minPressureMpa, latest: last.v, belowSinceT: since };
}

export type WaterReading =
  /** Above the minimum. */
  | { state: 'ok' }
  /** Below the minimum since before the fire (or with no fire): the building's capacity is lower. */
  | { state: 'impaired'; hours: number; severe: boolean }
  /** Fell after the fire's first detector alarm: water is flowing (sprinklers, hydrants). */
  | { state: 'flowing'; minutes: number };

/**
 * What a fire-main pressure says during a possible fire whose first alarm was at `fireT` (null: none).
 * A drop that began within `slackMs` before the first alarm still counts as flow (the detector may be
 * slower than the sprinkler next to it).
 */
export function readWater(
  p: PressureState,
  at: number,
  fireT: number | null,
  severeRatio: number,
  slackMs: number,
): WaterReading {
  if (p.belowSinceT === null) return { state: 'ok' };
  if (fireT !== null && p.belowSinceT >= fireT - slackMs)
    return { state: 'flowing', minutes: (at - p.belowSinceT) / 60_000 };
  return { state: 'impaired', hours: (at - p.belowSinceT) / HOUR, severe: p.ratio <= severeRatio };
}

export function waterImpairment(
  sensorId: string,
  object: I18n,
  p: PressureState,
  minPressureMpa: number,
  hours: number,
  severe: boolean,
): Impairment {
  const pct = Math.round(p.ratio * 100);
  return {
    kind: 'water_pressure',
    sensorId,
    object,
    sinceT: p.belowSinceT ?? 0,
    severe,
    text: {
      zh: `${object.zh}最不利点压力 ${round2(p.latest)} MPa，低于 GB 50974 最低要求 ${minPressureMpa} MPa（${pct}%），已持续 ${round1(hours)} 小时${severe ? '，严重失压' : ''}`,
      en: `${object.en}: pressure at the least favourable point ${round2(p.latest)} MPa, below the GB 50974 minimum ${minPressureMpa} MPa (${pct} %) for ${round1(hours)} h${severe ? ', a severe loss' : ''}`,
    },
  };
}

/** The pool or tank below the level that holds the fire reserve, or null. */
export function tankImpairment(
  sensorId: string,
  object: I18n,
  samples: readonly Sample[],
  reserveLevelM: number,
): Impairment | null {
  const last = samples[samples.length - 1];
  if (!last || last.v > reserveLevelM) return null;
  let since = last.t;
  for (let i = samples.length - 1; i >= 0 && samples[i]!.v <= reserveLevelM; i--) since = samples[i]!.t;
  return {
    kind: 'water_tank',
    sensorId,
    object,
    sinceT: since,
    severe: last.v <= reserveLevelM * 0.5,
    text: {
      zh: `${object.zh}液位 ${round2(last.v)} 米，低于消防储水液位 ${reserveLevelM} 米，消防用水量不足`,
      en: `${object.en}: level ${round2(last.v)} m, below the fire-reserve level ${reserveLevelM} m; the fire water volume is short`,
    },
  };
}

const PANEL_TEXT: Record<1 | 2 | 3, { kind: ImpairmentKind; zh: string; en: string }> = {
  [PANEL.isolate]: {
    kind: 'panel_isolate',
    zh: '处于屏蔽状态，部分探测器不报警',
    en: 'is isolating detectors, some will not alarm',
  },
  [PANEL.fault]: {
    kind: 'panel_fault',
    zh: '处于故障状态，探测和联动可能失效',
    en: 'is in fault, detection and linkage may fail',
  },
  [PANEL.offline]: {
    kind: 'panel_offline',
    zh: '离线，平台收不到火警信号',
    en: 'is offline, the platform receives no fire signals',
  },
};

/** The control panel's latest state when it is isolate, fault or offline (the fire state is a signal). */
export function panelImpairment(
  sensorId: string,
  object: I18n,
  samples: readonly Sample[],
): Impairment | null {
  const last = samples[samples.length - 1];
  if (!last) return null;
  const code = Math.round(last.v);
  if (code !== PANEL.isolate && code !== PANEL.fault && code !== PANEL.offline) return null;
  let since = last.t;
  for (let i = samples.length - 1; i >= 0 && Math.round(samples[i]!.v) === code; i--) since = samples[i]!.t;
  const t = PANEL_TEXT[code];
  return {
    kind: t.kind,
    sensorId,
    object,
    sinceT: since,
    severe: code !== PANEL.isolate,
    text: {
      zh: `${object.zh}火灾报警控制器${t.zh}`,
      en: `The fire alarm control panel of ${object.en} ${t.en}`,
    },
  };
}
