/**
 * Analysis of a bridge alarm (guideline §4(2)3): read every metric of the bridge, keep the sustained
 * exceedances, tell wind or crowds from a structural cause, combine metrics into one tier, and recommend
 * inspection, expert review and load restriction, or closure.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  type I18n,
  LEVELS,
  type Level,
  levelIndex,
  type Statement,
  type Tier,
} from '@fenghuo/sdk';
import { actionsFor, type Cause, transientCheck } from './actions.js';
import { baselineLimits, beaufort, COMFORT_NAME, setraComfort } from './bands.js';
import type { BridgeConfig } from './definition.js';
import { bufferPolygon, centre, distanceM, geometryDistanceM, vertices } from './geo.js';
import { type MetricState, readStates, STRUCTURAL } from './states.js';

const TIER_NAME: Record<Level, I18n> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

const CAUSE_NAME: Record<Cause, I18n> = {
  load: {
    zh: '荷载效应超限（疑似超载或重车集中）',
    en: 'load effects beyond their limits (likely overloading or bunched heavy vehicles)',
  },
  structural: {
    zh: '结构病害发展（裂缝或墩柱倾斜）',
    en: 'structural deterioration (cracking or pier tilt)',
  },
  wind: { zh: '大风引起的风致振动', en: 'wind-induced vibration' },
  pedestrian: {
    zh: '人群荷载引起的人致振动（舒适度问题）',
    en: 'crowd-induced vibration (a comfort problem)',
  },
  vibration: { zh: '无大风解释的异常振动', en: 'vibration that wind does not explain' },
};

/** Three significant figures below 100, whole numbers above: 0.15, 48.5, 226. */
const r1 = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3)));
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const idx = (l: Level | null) => (l === null ? -1 : levelIndex(l));
const join = (xs: I18n[], lang: 'zh' | 'en') => xs.map((x) => x[lang]).join(lang === 'zh' ? '、' : ', ');

function describe(s: MetricState): Statement {
  const lvl = s.level ? TIER_NAME[s.level] : null;
  const share = s.reference && s.share !== null ? Math.round(s.share * 100) : null;
  const held =
    s.run > 1
      ? {
          zh: `，持续 ${Math.round(s.runMin)} 分钟（${s.run} 个样本）`,
          en: `, held ${Math.round(s.runMin)} min (${s.run} samples)`,
        }
      : { zh: '，仅 1 个样本', en: ', one sample only' };
  const zh = `${s.name.zh}（${s.sensorId}）${r1(s.latest)} ${s.unit}${share !== null ? `，为${s.reference!.name.zh} ${r1(s.reference!.value)} ${s.unit} 的 ${share}%` : ''}${lvl ? `，达${lvl.zh}级别` : ''}${held.zh}`;
  const en = `${s.name.en} (${s.sensorId}) ${r1(s.latest)} ${s.unit}${share !== null ? `, ${share} % of the ${s.reference!.name.en} ${r1(s.reference!.value)} ${s.unit}` : ''}${lvl ? `, ${lvl.en} level` : ''}${held.en}`;
  return { zh, en };
}

/** Analyse an alarm on any bridge metric. */
export async function analyseBridge(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: BridgeConfig,
): Promise<AnalysisResult> {
  const bridge = event.object;
  const attrs = bridge.attributes;
  const footbridge = bridge.kind === 'footbridge';
  const endT = Date.parse(event.ts);
  const range = { from: new Date(endT - cfg.windowMin * 60_000).toISOString(), to: event.ts };
  const baseline = footbridge ? null : num(attrs['accelerationBaselineMs2']);
  const others = (await ctx.neighbours(cfg.sensorRadiusM)).filter((s) => s.objectId === bridge.id);
  const states = await readStates(ctx, [event.sensor, ...others], {
    range,
    sustainMinSamples: cfg.sustainMinSamples,
    attributes: attrs,
    event: { sensorId: event.sensor.id, metric: event.metric, t: endT, value: event.value },
    limitsFor: (m) =>
      m === 'acceleration' && baseline !== null
        ? {
            limits: baselineLimits(baseline, cfg.accelerationRatioLevels),
            reference: { value: baseline, name: { zh: '基线', en: 'baseline' } },
          }
        : null,
  });
  const own = states.find((s) => s.sensorId === event.sensor.id && s.metric === event.metric);
  const findings: Statement[] = [];
  const cls = typeof attrs['conditionClass'] === 'string' ? attrs['conditionClass'] : '—';

  if (!own || own.level === null) {
    if (own) findings.push(describe(own));
    findings.push(
      baseline !== null && event.metric === 'acceleration'
        ? {
            zh: `车行桥振动为基线 ${baseline} m/s² 的 ${r1(event.value / baseline)} 倍，低于 ${cfg.accelerationRatioLevels.blue} 倍：属正常交通响应，不发布预警`,
            en: `Road-bridge vibration is ${r1(event.value / baseline)} × its ${baseline} m/s² baseline, below ${cfg.accelerationRatioLevels.blue} ×: a normal traffic response, no warning`,
          }
        : {
            zh: '最新读数已回落到限值以下，不发布预警',
            en: 'The latest reading is back below the limits: no warning',
          },
    );
    return {
      tier: null,
      findings,
      actions: transientCheck({ bridge: bridge.name, heavyVehicle: false }),
      data: { conditionClass: cls },
    };
  }

  if (!own.sustained) {
    // A lone sample: one heavy vehicle shows as deflection and strain peaking in the same minute.
    const sameMinute = states.filter(
      (s) => s !== own && s.level !== null && s.run >= 1 && STRUCTURAL.includes(s.metric),
    );
    const heavy = STRUCTURAL.includes(own.metric) && sameMinute.length > 0;
    findings.push(describe(own), ...sameMinute.map(describe));
    findings.push(
      heavy
        ? {
            zh: '多个荷载效应指标仅在同一时刻瞬时超限、前后正常：判断为单辆重车通过，不发布预警',
            en: 'Several load effects exceed for one moment only, normal before and after: a single heavy vehicle, no warning',
          }
        : {
            zh: '仅 1 个样本超限、前后读数正常：判断为孤立尖峰，不发布预警',
            en: 'One sample beyond the limit between normal readings: a lone spike, no warning',
          },
    );
    return {
      tier: null,
      findings,
      actions: transientCheck({ bridge: bridge.name, heavyVehicle: heavy }),
      data: { conditionClass: cls },
    };
  }

  const exceeding = states.filter((s) => s.level !== null && s.sustained);
  const structural = exceeding.filter((s) => STRUCTURAL.includes(s.metric));
  const acc = exceeding.filter((s) => s.metric === 'acceleration');
  const windStates = states.filter((s) => s.metric === 'wind_speed');
  const weather = await ctx.weather();
  const windMs =
    windStates.length > 0 ? Math.max(...windStates.map((s) => s.latest)) : (weather?.windSpeedMs ?? null);
  const windy = windMs !== null && windMs >= cfg.windExplainsMs;

  let cause: Cause;
  if (structural.length > 0)
    cause = structural.some((s) => s.metric === 'crack_width' || s.metric === 'inclination')
      ? 'structural'
      : 'load';
  else if (windy) cause = 'wind';
  else if (acc.length > 0 && footbridge) cause = 'pedestrian';
  else if (acc.length > 0) cause = 'vibration';
  else cause = 'wind';

  // Which exceedances set the tier: wind explains acceleration, so in wind it is not structural evidence.
  const counted = exceeding.filter((s) =>
    cause === 'wind'
      ? s.metric === 'acceleration' || s.metric === 'wind_speed'
      : s.metric !== 'wind_speed' && !(windy && s.metric === 'acceleration'),
  );
  for (const s of exceeding) findings.push(describe(s));
  if (windMs !== null) {
    findings.push({
      zh: `风速 ${r1(windMs)} m/s（${beaufort(windMs)} 级）${windy ? '，足以解释振动响应' : ''}`,
      en: `Wind ${r1(windMs)} m/s (Beaufort ${beaufort(windMs)})${windy ? ', enough to explain the vibration' : ''}`,
    });
  }
  if (windy && cause !== 'wind' && acc.length > 0) {
    findings.push({
      zh: '大风期间的振动加速度超限归因于风，不计入结构判断',
      en: 'The acceleration exceedance in this wind is put down to the wind, not counted as structural',
    });
  }
  for (const s of acc) {
    if (footbridge) {
      const c = COMFORT_NAME[setraComfort(s.latest)];
      findings.push({
        zh: `按 Sétra 人行桥竖向舒适度分级：${c.zh}`,
        en: `Sétra footbridge vertical comfort: ${c.en}`,
      });
    }
  }
  findings.push({ zh: `判断：${CAUSE_NAME[cause].zh}`, en: `Judgement: ${CAUSE_NAME[cause].en}` });

  const base = counted.length > 0 ? Math.max(...counted.map((s) => idx(s.level))) : idx(own.level);
  let esc = 0;
  if (cause === 'load' || cause === 'structural' || cause === 'vibration') {
    const distinct = new Set(counted.map((s) => s.metric));
    if (distinct.size >= cfg.multiMetricCount) {
      esc++;
      findings.push({
        zh: `${distinct.size} 类指标同时持续超限，相互印证：升一级`,
        en: `${distinct.size} kinds of metric exceed together and confirm each other: one tier up`,
      });
    }
    if (cfg.poorClasses.includes(cls)) {
      esc++;
      findings.push({
        zh: `技术状况 ${cls} 类，承载储备不足：升一级`,
        en: `Condition class ${cls}, little reserve capacity: one tier up`,
      });
    }
    if (
      attrs['singleColumnPier'] === true &&
      (cause === 'load' || structural.some((s) => s.metric === 'inclination'))
    ) {
      esc++;
      findings.push({
        zh: '独柱墩桥梁在偏载超载下有整体倾覆风险：升一级',
        en: 'A single-column-pier bridge can overturn under eccentric overloading: one tier up',
      });
    }
  }
  const used = Math.min(esc, cfg.maxEscalation);
  const tier = (base + used >= 1 ? LEVELS[Math.min(base + used, LEVELS.length - 1)] : null) as Tier | null;
  if (tier) {
    findings.push({
      zh: `定级：最高超限级别${TIER_NAME[LEVELS[base]!].zh} + 升级 ${used} 级 → ${TIER_NAME[tier].zh}预警`,
      en: `Tier: highest exceedance ${TIER_NAME[LEVELS[base]!].en} + ${used} step(s) → ${TIER_NAME[tier].en}`,
    });
  }

  const impact = bufferPolygon(bridge.geometry, cfg.bufferM);
  const targets = await nearBridge(ctx, bridge, cfg.targetRadiusM);
  if (targets.length > 0) {
    findings.push({
      zh: `桥梁 ${cfg.targetRadiusM} 米内：${targets.map((t) => `${t.name.zh}（${Math.round(t.distanceM!)} 米）`).join('、')}`,
      en: `Within ${cfg.targetRadiusM} m of the bridge: ${targets.map((t) => `${t.name.en} (${Math.round(t.distanceM!)} m)`).join(', ')}`,
    });
  }
  const names = [...new Map(counted.map((s) => [s.metric, s.name])).values()];
  const metricsName = { zh: join(names, 'zh'), en: join(names, 'en') };
  const actions = tier
    ? actionsFor(tier, {
        bridge: bridge.name,
        metrics: metricsName,
        cause,
        targets: targets.map((t) => t.name),
        footbridge,
      })
    : transientCheck({ bridge: bridge.name, heavyVehicle: false });

  return {
    tier,
    impact,
    targets: targets.map((t) => ({
      id: t.id,
      kind: t.kind,
      role: t.role,
      name: t.name,
      distanceM: Math.round(t.distanceM!),
    })),
    findings,
    actions,
    data: {
      metricsZh: metricsName.zh,
      metricsEn: metricsName.en,
      exceedCount: new Set(counted.map((s) => s.metric)).size,
      causeZh: CAUSE_NAME[cause].zh,
      causeEn: CAUSE_NAME[cause].en,
      conditionClass: cls,
      bufferM: cfg.bufferM,
      targetRadiusM: cfg.targetRadiusM,
      windMs: windMs === null ? '—' : r1(windMs),
    },
  };
}

/** Protection targets and hazards within `radiusM` of the bridge's geometry, nearest first. */
async function nearBridge(ctx: AnalysisContext, bridge: CityObject, radiusM: number): Promise<CityObject[]> {
  const mid = centre(bridge.geometry);
  let extent = 0;
  for (const v of vertices(bridge.geometry)) extent = Math.max(extent, distanceM(mid, v));
  const candidates = await ctx.within(radiusM + extent, { roles: ['target', 'hazard'], at: mid });
  const out: CityObject[] = [];
  for (const o of candidates) {
    const d = geometryDistanceM(bridge.geometry, o.geometry);
    if (d <= radiusM) out.push({ ...o, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM! - b.distanceM! || (a.id < b.id ? -1 : 1));
}
