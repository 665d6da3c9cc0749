/**
 * The hazchem analysis (guideline §4(2)11): from the threshold alarms of a major hazard's level,
 * temperature, pressure and gas readings, compute the storage-area, process-unit, leak and
 * alarm-management indices, take the maximum as the risk state and tier, weight by the static R-value
 * grade, and list who is exposed. The four-index formulas are an engineering reconstruction (notes §5.2).
 */
import type {
  AffectedTarget,
  AlarmEvent,
  AnalysisContext,
  AnalysisResult,
  I18n,
  Statement,
} from '@fenghuo/sdk';
import { circlePolygon } from '@fenghuo/sdk';
import { actionsFor, faultActions } from './actions.js';
import { buildArea } from './area.js';
import type { HazchemConfig } from './config.js';
import { leakIndex } from './leak.js';
import { computeR, GRADE_NAME, type RValue, readInventory } from './rvalue.js';
import { alarmIndex, INDEX_NAME, type IndexKey, riskState } from './state.js';
import { describeParam, PARAM_NAME, vesselIndex } from './vessel.js';
import { r3 } from './view.js';

const TIER_ZH = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;

const MODEL_NOTE: Statement = {
  zh: '四项指数按工程重构模型计算（官方算法未公开，见插件说明 notes §5.2；权重与分档均可在配置中调整）',
  en: 'The four indices follow an engineering reconstruction (the official method is not published; see the README, notes §5.2; every weight and band is configurable)',
};

function rFinding(rv: RValue | null, filed: number | null, exposedKnown: boolean): Statement {
  if (!rv)
    return {
      zh: '未登记危险化学品存量，无法计算重大危险源 R 值，危险源权重按 1.0',
      en: 'No inventory on record: the major-hazard R-value cannot be computed; hazard weight taken as 1.0',
    };
  const terms = rv.terms.map((t) => `${t.substance} β=${t.beta}×${r3(t.q)}/${r3(t.Q)}`).join(' + ');
  const g = GRADE_NAME[rv.grade];
  const filedNote =
    filed !== null && filed !== rv.grade
      ? {
          zh: `；与备案级别（${GRADE_NAME[filed as 1].zh}）不一致，请核实存量和周边人口`,
          en: `; differs from the grade on file (${GRADE_NAME[filed as 1].en}): check the inventory and the population`,
        }
      : { zh: '', en: '' };
  const exp = exposedKnown
    ? { zh: '', en: '' }
    : {
        zh: '（未登记厂外人口，α 按最高档取值）',
        en: ' (people outside not on record: the highest α is used)',
      };
  const major =
    rv.sumRatio >= 1
      ? { zh: '构成重大危险源', en: 'a major hazard' }
      : { zh: '未达重大危险源辨识标准（Σq/Q < 1）', en: 'below the major-hazard threshold (Σq/Q < 1)' };
  return {
    zh: `重大危险源静态分级：R = α·Σβq/Q = ${rv.alpha} × (${terms}) = ${r3(rv.r)}，${g.zh}${exp.zh}；Σq/Q = ${r3(rv.sumRatio)}，${major.zh}${filedNote.zh}`,
    en: `Static major-hazard grade: R = α·Σβq/Q = ${rv.alpha} × (${terms}) = ${r3(rv.r)}, ${g.en}${exp.en}; Σq/Q = ${r3(rv.sumRatio)}, ${major.en}${filedNote.en}`,
  };
}

export async function analyseHazchem(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: HazchemConfig,
): Promise<AnalysisResult> {
  const endT = Date.parse(event.ts);
  const view = await buildArea(event, ctx, cfg, endT);
  const area = view.area;
  const attrs = area.attributes;

  // Static grade: weight of the dynamic storage and unit indices.
  const inventory = readInventory(attrs);
  const exposed = typeof attrs['exposedPeople'] === 'number' ? attrs['exposedPeople'] : null;
  const maxPeople = Math.max(0, ...cfg.rValue.alphaByExposed.map((r) => r.minPeople));
  const rv = inventory ? computeR(inventory, exposed ?? maxPeople, cfg.rValue) : null;
  const weight = rv ? cfg.hazardWeight[`grade${rv.grade}`] : cfg.hazardWeight.unknown;
  const filed = typeof attrs['filedGrade'] === 'number' ? attrs['filedGrade'] : null;

  const vessel = vesselIndex({
    items: view.items,
    areaStatus: view.areaStatus,
    areaName: area.name,
    endT,
    kind: view.kind,
    weight,
    cfg,
  });
  const leak = leakIndex(view.detectors, view.flame, cfg.leak);
  const alarm = alarmIndex(view.alarm, cfg.alarmMgmt);
  const indices: Record<IndexKey, number> = {
    storage: view.kind === 'storage' ? vessel.score : 0,
    unit: view.kind === 'unit' ? vessel.score : 0,
    leak: leak.score,
    alarm: alarm.score,
  };
  const reasons: Record<IndexKey, I18n[]> = {
    storage: vessel.reasons,
    unit: vessel.reasons,
    leak: leak.reasons,
    alarm: alarm.reasons,
  };
  const state = riskState(indices, cfg.stateBands);

  const findings: Statement[] = [];
  const faults = vessel.faults.map((p) => ({
    zh: `${p.item.name.zh}（${p.series.sensorId}）`,
    en: `${p.item.name.en} (${p.series.sensorId})`,
  }));
  for (const p of vessel.faults) {
    const d = describeParam(p, false);
    const u = PARAM_NAME[p.series.metric]?.unit ?? '';
    findings.push({
      zh: `${d.zh}，但读数以 ${r3(p.faultRisePerMin ?? 0)} ${u}/分钟 跃升，超过可信变化速率：判为仪表故障（如雷达液位计假回波），不计入指数`,
      en: `${d.en}, but it jumped at ${r3(p.faultRisePerMin ?? 0)} ${u}/min, faster than any credible change: an instrument fault (e.g. a radar false echo), not scored`,
    });
  }
  const indexLine = (lang: 'zh' | 'en') =>
    (['storage', 'unit', 'leak', 'alarm'] as const)
      .map((k) => `${INDEX_NAME[k][lang]} ${r3(indices[k])}`)
      .join(lang === 'zh' ? '，' : ', ');
  const areaLabel = { zh: area.name.zh, en: area.name.en };
  const base = {
    areaZh: areaLabel.zh,
    areaEn: areaLabel.en,
    rValue: rv ? r3(rv.r) : '—',
    gradeZh: rv ? GRADE_NAME[rv.grade].zh : '未分级',
    gradeEn: rv ? GRADE_NAME[rv.grade].en : 'not graded',
  };

  if (!state.tier || !state.driver) {
    findings.push({
      zh: `${area.name.zh}风险状态为 0（${indexLine('zh')}）：不发布预警，报警由企业核实处置`,
      en: `Risk state of ${area.name.en} is 0 (${indexLine('en')}): no warning; the enterprise checks and handles the alarm`,
    });
    findings.push(MODEL_NOTE);
    return {
      tier: null,
      findings,
      actions: faults.length > 0 ? faultActions(faults) : [],
      data: {
        ...base,
        stateScore: 0,
        driverZh: '—',
        driverEn: '—',
        topZh: '—',
        topEn: '—',
        iStorage: indices.storage,
        iUnit: indices.unit,
        iLeak: indices.leak,
        iAlarm: indices.alarm,
      },
    };
  }

  const driver = state.driver;
  const top = reasons[driver][0] ?? null;
  findings.push({
    zh: `${area.name.zh}风险状态 ${r3(state.score)}（${TIER_ZH[state.tier]}），由${INDEX_NAME[driver].zh}决定；${indexLine('zh')}`,
    en: `Risk state of ${area.name.en} is ${r3(state.score)} (${state.tier}), set by the ${INDEX_NAME[driver].en}; ${indexLine('en')}`,
  });
  findings.push(MODEL_NOTE);
  for (const k of ['storage', 'unit', 'leak', 'alarm'] as const) {
    if (indices[k] <= 0) continue;
    for (const r of reasons[k].slice(0, k === driver ? 4 : 2))
      findings.push({ zh: `${INDEX_NAME[k].zh}：${r.zh}`, en: `${INDEX_NAME[k].en}: ${r.en}` });
  }
  if (indices.storage > 0 || indices.unit > 0)
    findings.push({
      zh: `储存区/装置区指数已乘以危险源权重 h_R = ${weight}（${base.gradeZh}）`,
      en: `The storage / unit index is multiplied by the hazard weight h_R = ${weight} (${base.gradeEn})`,
    });
  findings.push(rFinding(rv, filed, exposed !== null));
  if (vessel.bypassed.length > 0)
    findings.push({
      zh: `联锁旁路：${vessel.bypassed.map((x) => x.zh).join('、')}`,
      en: `Interlock bypassed: ${vessel.bypassed.map((x) => x.en).join(', ')}`,
    });
  for (const d of leak.unconfigured)
    findings.push({
      zh: `${d.name.zh}（${d.series.sensorId}）未登记职业接触限值 oelMgM3，有毒气体读数无法判定`,
      en: `${d.name.en} (${d.series.sensorId}) has no OEL (oelMgM3) on record: its toxic reading cannot be judged`,
    });
  if (!view.resolved)
    findings.push({
      zh: `${event.object.name.zh}未登记所属区域 areaId，仅按本对象计算`,
      en: `${event.object.name.en} has no areaId on record: computed for this object alone`,
    });

  // Exposure: the GB 18218 α zone (500 m outside the boundary) by default.
  const radiusM = cfg.impactRadiusM;
  const near = await ctx.within(radiusM, { roles: ['target', 'hazard'], at: event.sensor.location });
  const targets: AffectedTarget[] = near
    .filter((o) => o.id !== area.id)
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
  if (targets.length > 0)
    findings.push({
      zh: `${radiusM} 米范围内防护目标和危险源：${targets.map((t) => `${t.name.zh}（${t.distanceM} 米）`).join('、')}`,
      en: `Protection targets and hazards within ${radiusM} m: ${targets.map((t) => `${t.name.en} (${t.distanceM} m)`).join(', ')}`,
    });
  if (targets.some((t) => t.role === 'hazard'))
    findings.push({
      zh: '范围内有其他危险源，事故可能引发多米诺效应',
      en: 'Other hazards are inside the area: an accident could cascade (domino effect)',
    });

  const actions = actionsFor({
    driver,
    tier: state.tier,
    area: area.name,
    radiusM,
    targets: targets.filter((t) => t.role === 'target').map((t) => t.name),
    toxic: leak.hasToxic,
    flame: view.flame,
    bypassed: vessel.bypassed,
    faults,
  });
  return {
    tier: state.tier,
    impact: circlePolygon(event.sensor.location, radiusM),
    impactRadiusM: radiusM,
    targets,
    findings,
    actions,
    data: {
      ...base,
      stateScore: r3(state.score),
      driverZh: INDEX_NAME[driver].zh,
      driverEn: INDEX_NAME[driver].en,
      topZh: top?.zh ?? '—',
      topEn: top?.en ?? '—',
      iStorage: r3(indices.storage),
      iUnit: r3(indices.unit),
      iLeak: r3(indices.leak),
      iAlarm: r3(indices.alarm),
    },
  };
}
