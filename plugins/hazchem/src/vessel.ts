/**
 * 储存区风险指数 I_storage and 装置区风险指数 I_unit (notes §5.2, items 1 and 2: an engineering
 * reconstruction, not the official MEM formula). Each tank, reactor or warehouse parameter is scored
 * against the object's own high (H), high-high (HH) and design limits; the area keeps the largest score,
 * adds the several-abnormal bonus (and, for a process unit, the bypass and trip bonuses), multiplies by
 * the hazard weight h_R of the R-value grade and caps at 100.
 */
import type { I18n } from '@fenghuo/sdk';
import type { HazchemConfig } from './config.js';
import type { MetricKey } from './definition.js';
import { anySince, trailingRun } from './series.js';
import { type Item, latestOf, numAttr, r3, type SeriesView } from './view.js';

export type VesselState = 'normal' | 'high' | 'highHigh' | 'beyondDesign';

interface LimitKeys {
  high: string;
  highHigh: string;
  design?: string;
}

/** Which attributes hold each parameter's H, HH and design limits. */
export const LIMIT_KEYS: Partial<Record<MetricKey, LimitKeys>> = {
  level: { high: 'levelHighM', highHigh: 'levelHighHighM', design: 'levelDesignM' },
  temperature: { high: 'tempHighC', highHigh: 'tempHighHighC', design: 'tempDesignC' },
  pressure: { high: 'pressureHighMpa', highHigh: 'pressureHighHighMpa', design: 'pressureDesignMpa' },
  humidity: { high: 'humidityHighPct', highHigh: 'humidityHighHighPct' },
};

export const PARAM_NAME: Partial<Record<MetricKey, I18n & { unit: string }>> = {
  level: { zh: '液位', en: 'level', unit: 'm' },
  temperature: { zh: '温度', en: 'temperature', unit: '°C' },
  pressure: { zh: '压力', en: 'pressure', unit: 'MPa' },
  humidity: { zh: '湿度', en: 'humidity', unit: '%RH' },
};

const STATE_NAME: Record<Exclude<VesselState, 'normal'>, I18n> = {
  high: { zh: '高报 H', en: 'high alarm H' },
  highHigh: { zh: '高高 HH', en: 'high-high HH' },
  beyondDesign: { zh: '设计/安全阀整定值', en: 'design / relief set point' },
};

export interface ParamScore {
  item: Item;
  series: SeriesView;
  value: number;
  state: VesselState;
  limit: number | null;
  heldMin: number;
  score: number;
  /** A rise faster than the credible rate into the abnormal run: an instrument fault, not scored. */
  faultRisePerMin: number | null;
}

type VesselCfg = HazchemConfig['vessel'];

/** Score one parameter series against the item's own limits; `null` when it cannot be scored. */
export function scoreParam(
  item: Item,
  series: SeriesView,
  cfg: VesselCfg,
  maxRisePerMin: number | null,
): ParamScore | null {
  const keys = LIMIT_KEYS[series.metric];
  const value = latestOf(series);
  if (!keys || value === null) return null;
  const h = numAttr(item.attributes, keys.high);
  const hh = numAttr(item.attributes, keys.highHigh);
  const design = keys.design ? numAttr(item.attributes, keys.design) : null;
  let state: VesselState = 'normal';
  let limit: number | null = null;
  if (design !== null && value >= design) [state, limit] = ['beyondDesign', design];
  else if (hh !== null && value >= hh) [state, limit] = ['highHigh', hh];
  else if (h !== null && value >= h) [state, limit] = ['high', h];
  const base = { item, series, value, state, limit, heldMin: 0, score: 0, faultRisePerMin: null };
  if (limit === null) return base;
  const lowest = Math.min(...[h, hh, design].filter((x): x is number => x !== null));
  const entry = trailingRun(series.samples, (v) => v >= lowest);
  if (maxRisePerMin !== null && entry.maxRisePerMin > maxRisePerMin)
    return { ...base, faultRisePerMin: entry.maxRisePerMin };
  const heldMin = trailingRun(series.samples, (v) => v >= limit).heldMin;
  let score = cfg.beyondDesignScore;
  if (state === 'highHigh')
    score = cfg.highHighScore + (heldMin > cfg.highHighHeldMin ? cfg.highHighHeldBonus : 0);
  if (state === 'high') score = cfg.highScore + (heldMin > cfg.highHeldMin ? cfg.highHeldBonus : 0);
  return { ...base, heldMin, score };
}

/** "1号储罐 液位 18.3 m ≥ 高高 HH 18 m，持续 7 分钟" */
export function describeParam(p: ParamScore, withScore = true): I18n {
  const name = PARAM_NAME[p.series.metric] ?? { zh: p.series.metric, en: p.series.metric, unit: '' };
  if (p.state === 'normal' || p.limit === null)
    return { zh: `${p.item.name.zh}${name.zh}正常`, en: `${p.item.name.en} ${name.en} normal` };
  const st = STATE_NAME[p.state];
  const held =
    p.heldMin >= 1
      ? { zh: `，持续 ${Math.round(p.heldMin)} 分钟`, en: `, held ${Math.round(p.heldMin)} min` }
      : { zh: '', en: '' };
  return {
    zh: `${p.item.name.zh}${name.zh} ${r3(p.value)} ${name.unit} ≥ ${st.zh} ${r3(p.limit)} ${name.unit}${held.zh}${withScore ? `（得分 ${p.score}）` : ''}`,
    en: `${p.item.name.en} ${name.en} ${r3(p.value)} ${name.unit} ≥ ${st.en} ${r3(p.limit)} ${name.unit}${held.en}${withScore ? ` (score ${p.score})` : ''}`,
  };
}

export interface VesselIndex {
  score: number;
  /** The reasons, strongest first. */
  reasons: I18n[];
  params: ParamScore[];
  faults: ParamScore[];
  abnormal: number;
  /** Names of the vessels (or the area) with an active bypass / a recent trip. */
  bypassed: I18n[];
  tripped: I18n[];
}

export interface VesselInput {
  items: Item[];
  /** Status series of the area (bypass, trip) bound to the area object itself. */
  areaStatus: SeriesView[];
  areaName: I18n;
  endT: number;
  /** `unit` adds the process-unit bonuses; `storage` treats a trip as beyond-design. */
  kind: 'storage' | 'unit';
  weight: number;
  cfg: HazchemConfig;
}

const seriesOf = (item: Item, metric: MetricKey) => item.series.filter((s) => s.metric === metric);

/** I_storage or I_unit of one area. */
export function vesselIndex(input: VesselInput): VesselIndex {
  const { cfg, endT, kind } = input;
  const tripSince = endT - cfg.unit.tripWindowMin * 60_000;
  const rise: Partial<Record<MetricKey, number>> = {
    level: cfg.plausibility.maxLevelRiseMPerMin,
    temperature: cfg.plausibility.maxTempRiseCPerMin,
  };
  const params: ParamScore[] = [];
  const faults: ParamScore[] = [];
  const bypassed: I18n[] = [];
  const tripped: I18n[] = [];
  const scored: { score: number; reason: I18n }[] = [];
  let abnormal = 0;
  for (const item of input.items) {
    const own: ParamScore[] = [];
    for (const s of item.series) {
      const p = scoreParam(item, s, cfg.vessel, rise[s.metric] ?? null);
      if (!p) continue;
      if (p.faultRisePerMin !== null) faults.push(p);
      else own.push(p);
    }
    params.push(...own);
    const bypass = seriesOf(item, 'sis_bypass').some((s) => latestOf(s) === 1);
    const trip = seriesOf(item, 'interlock_trip').some(
      (s) => !s.stale && anySince(s.samples, tripSince, (v) => v >= 1),
    );
    if (bypass) bypassed.push(item.name);
    if (trip) tripped.push(item.name);
    const worst = own.reduce<ParamScore | null>((a, p) => (!a || p.score > a.score ? p : a), null);
    if (worst && worst.state !== 'normal') abnormal++;
    if (worst && worst.score > 0) scored.push({ score: worst.score, reason: describeParam(worst) });
    const atHH = own.find((p) => p.state === 'highHigh' || p.state === 'beyondDesign');
    if (bypass && atHH)
      scored.push({
        score: cfg.vessel.beyondDesignScore,
        reason: {
          zh: `${item.name.zh}达到高高 HH 时联锁处于旁路状态`,
          en: `${item.name.en} is at high-high while its interlock is bypassed`,
        },
      });
    if (trip && kind === 'storage')
      scored.push({
        score: cfg.vessel.beyondDesignScore,
        reason: {
          zh: `${item.name.zh}近 ${cfg.unit.tripWindowMin} 分钟内联锁动作或安全阀起跳`,
          en: `${item.name.en}: interlock trip or relief lift within ${cfg.unit.tripWindowMin} min`,
        },
      });
  }
  for (const s of input.areaStatus) {
    if (s.metric === 'sis_bypass' && latestOf(s) === 1) bypassed.push(input.areaName);
    if (s.metric === 'interlock_trip' && !s.stale && anySince(s.samples, tripSince, (v) => v >= 1)) {
      tripped.push(input.areaName);
      if (kind === 'storage')
        scored.push({
          score: cfg.vessel.beyondDesignScore,
          reason: {
            zh: `${input.areaName.zh}近 ${cfg.unit.tripWindowMin} 分钟内联锁动作或安全阀起跳`,
            en: `${input.areaName.en}: interlock trip or relief lift within ${cfg.unit.tripWindowMin} min`,
          },
        });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const reasons = scored.map((x) => x.reason);
  let raw = scored[0]?.score ?? 0;
  if (abnormal >= cfg.vessel.multiAbnormalMin) {
    raw += cfg.vessel.multiAbnormalBonus;
    reasons.push({
      zh: `${abnormal} 台设备同时异常（+${cfg.vessel.multiAbnormalBonus}）`,
      en: `${abnormal} vessels abnormal at once (+${cfg.vessel.multiAbnormalBonus})`,
    });
  }
  if (kind === 'unit' && bypassed.length > 0) {
    raw += cfg.unit.bypassBonus;
    reasons.push({
      zh: `装置运行中安全仪表功能被旁路（+${cfg.unit.bypassBonus}）`,
      en: `a safety instrumented function is bypassed while the unit runs (+${cfg.unit.bypassBonus})`,
    });
  }
  if (kind === 'unit' && tripped.length > 0) {
    raw += cfg.unit.tripBonus;
    reasons.push({
      zh: `近 ${cfg.unit.tripWindowMin} 分钟内联锁动作/非计划停车（+${cfg.unit.tripBonus}）`,
      en: `interlock trip or unplanned shutdown within ${cfg.unit.tripWindowMin} min (+${cfg.unit.tripBonus})`,
    });
  }
  const score = Math.min(100, Math.round(raw * input.weight * 10) / 10);
  return { score, reasons, params, faults, abnormal, bypassed, tripped };
}
