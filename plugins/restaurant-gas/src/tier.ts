/**
 * The tier of a flammable-gas alarm (README "Tier"): the concentration level, the catalogue's own rules
 * (valve did not close → at least yellow; ≥ 2 detectors at orange or orange in crowded hours → red),
 * escalation for a leak, de-escalation for a transient or drift, the false-alarm penalty, and the floor
 * that keeps high readings from being silenced.
 */
import { type I18n, type Level, type LevelValues, levelIndex, type Statement, type Tier } from '@fenghuo/sdk';
import { levelIdx, levelOf, TIER_NAME, tierAt } from './common.js';
import type { RestaurantConfig } from './config.js';

export type Kind = 'below' | 'transient' | 'drift' | 'leak';
export type Confidence = 'high' | 'medium' | 'low';

export const CONFIDENCE: Record<Confidence, Statement> = {
  high: { zh: '高', en: 'high' },
  medium: { zh: '中', en: 'medium' },
  low: { zh: '低', en: 'low' },
};

export interface TierInput {
  kind: Kind;
  /** Level of the event's own normalised reading. */
  level: Level | null;
  /** Normalised latest readings: the event's first, then each confirming detector's. */
  values: number[];
  limits: LevelValues;
  valveFailed: boolean;
  crowded: boolean;
  buildingExposed: boolean;
  /** Names of `sensitiveKinds` targets inside the impact circle. */
  sensitive: I18n[];
  minutesToLel: number | null;
  corroborated: boolean;
  runSpanMin: number;
  frequentFalseAlarmer: boolean;
  /** Over-age or self-reported faulty. */
  unreliableDetector: boolean;
}

export interface TierResult {
  tier: Tier | null;
  confidence: Confidence;
  worstLevel: Level | null;
  finding: Statement;
}

type Cfg = Pick<RestaurantConfig, 'falseAlarm' | 'imminentMin' | 'maxEscalation' | 'transientWarnFrom'>;

export function flammableTier(x: TierInput, cfg: Cfg): TierResult {
  const worstLevel = levelOf(Math.max(...x.values), x.limits);
  let idx = levelIdx(worstLevel);
  const steps: Statement[] = [];
  if (x.valveFailed && idx < levelIndex('yellow')) {
    idx = levelIndex('yellow');
    steps.push({ zh: '切断阀未关闭：至少黄色', en: 'valve did not close: at least yellow' });
  }
  const orangeLimit = x.limits.orange;
  const atOrange = orangeLimit === undefined ? 0 : x.values.filter((v) => v >= orangeLimit).length;
  if (
    x.kind === 'leak' &&
    orangeLimit !== undefined &&
    (atOrange >= 2 || (x.crowded && idx >= levelIndex('orange')))
  ) {
    idx = levelIndex('red');
    steps.push(
      atOrange >= 2
        ? {
            zh: `${atOrange} 个探测器 ≥ ${orangeLimit} %LEL：红色`,
            en: `${atOrange} detectors ≥ ${orangeLimit} %LEL: red`,
          }
        : { zh: `就餐高峰 ≥ ${orangeLimit} %LEL：红色`, en: `≥ ${orangeLimit} %LEL in a meal peak: red` },
    );
  }
  const youngUnconfirmed = !x.corroborated && x.runSpanMin < cfg.falseAlarm.nuisanceMaxMin;
  let confidence: Confidence = x.corroborated ? 'high' : 'medium';
  if (
    x.kind === 'transient' ||
    x.kind === 'drift' ||
    (youngUnconfirmed && (x.frequentFalseAlarmer || x.unreliableDetector))
  )
    confidence = 'low';

  if (x.kind === 'leak') {
    const esc: Statement[] = [];
    if (x.corroborated) esc.push({ zh: '多探测器确认', en: 'confirmed by several detectors' });
    if (x.buildingExposed) esc.push({ zh: '同楼有其他人员', en: 'other people in the building' });
    if (x.sensitive.length > 0)
      esc.push({
        zh: `影响范围内有${x.sensitive.map((o) => o.zh).join('、')}`,
        en: `${x.sensitive.map((o) => o.en).join(', ')} inside the area`,
      });
    if (x.minutesToLel !== null && x.minutesToLel <= cfg.imminentMin)
      esc.push({
        zh: `约 ${Math.ceil(x.minutesToLel)} 分钟达到爆炸下限`,
        en: `LEL in about ${Math.ceil(x.minutesToLel)} min`,
      });
    const used = Math.min(esc.length, cfg.maxEscalation);
    if (used > 0) {
      idx += used;
      steps.push({
        zh: `升 ${used} 级（${esc.map((e) => e.zh).join('、')}${esc.length > used ? `，上限 ${cfg.maxEscalation} 级` : ''}）`,
        en: `${used} step(s) up (${esc.map((e) => e.en).join(', ')}${esc.length > used ? `; capped at ${cfg.maxEscalation}` : ''})`,
      });
    }
  } else {
    idx -= 1;
    steps.push(
      x.kind === 'drift'
        ? { zh: '漂移特征：降一级', en: 'drift-like: one step down' }
        : { zh: '未确认的瞬时超限：降一级', en: 'unconfirmed transient: one step down' },
    );
  }
  if (x.frequentFalseAlarmer && youngUnconfirmed && cfg.falseAlarm.tierPenalty > 0) {
    idx -= cfg.falseAlarm.tierPenalty;
    steps.push({
      zh: `误报频繁的探测器、未经印证：降 ${cfg.falseAlarm.tierPenalty} 级`,
      en: `frequent false alarmer, unconfirmed: ${cfg.falseAlarm.tierPenalty} step(s) down`,
    });
  }
  // The platform analyses again only on a step up: a reading at or above `transientWarnFrom` that holds
  // there would never be looked at again, so it is never silenced.
  const floorWarn = cfg.transientWarnFrom !== null && levelIdx(x.level) >= levelIndex(cfg.transientWarnFrom);
  if (floorWarn && idx < 1) idx = 1;
  const tier = tierAt(idx);
  const lvl = worstLevel ? TIER_NAME[worstLevel] : { zh: '—', en: '—' };
  return {
    tier,
    confidence,
    worstLevel,
    finding: {
      zh: `定级：浓度级别${lvl.zh}${steps.length > 0 ? `，${steps.map((s) => s.zh).join('；')}` : ''} → ${tier ? `${TIER_NAME[tier].zh}预警` : '不发布预警'}（置信度${CONFIDENCE[confidence].zh}）`,
      en: `Tier: concentration level ${lvl.en}${steps.length > 0 ? `; ${steps.map((s) => s.en).join('; ')}` : ''} → ${tier ? TIER_NAME[tier].en : 'no warning'} (confidence ${CONFIDENCE[confidence].en})`,
    },
  };
}
