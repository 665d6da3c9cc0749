/**
 * The analysis run on every raise or step up of any alarm of the space: read the situation, assess it
 * (assess.ts), tell a drifting cell from a real change, work out exposure against GBZ 2.1 while people
 * are inside, size the area and write the findings and actions.
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  circlePolygon,
  type I18n,
  LEVELS,
  type Statement,
} from '@fenghuo/sdk';
import { type Assessment, assess } from './assess.js';
import {
  type CsConfig,
  GAS_METRICS,
  type GasMetric,
  type MetricKey,
  metrics,
  thresholds,
} from './definition.js';
import { isDrift } from './drift.js';
import { twaSoFar, windowMean } from './exposure.js';
import { levelOf, tierIndex } from './levels.js';
import { readSituation, type Situation } from './site.js';
import {
  actionsFor,
  conclusion,
  describeGas,
  guardText,
  HAZARD_NAME,
  peopleText,
  permitText,
  raiseText,
  workUnitName,
} from './texts.js';
import { fmt } from './units.js';

const isGas = (m: string): m is GasMetric => (GAS_METRICS as readonly string[]).includes(m);
const iso = (ms: number) => new Date(ms).toISOString();

/** What the alarm is about, in one sentence. */
function headline(event: AlarmEvent<MetricKey>, sit: Situation, a: Assessment, cfg: CsConfig): I18n {
  const n = fmt(event.value);
  switch (event.metric) {
    case 'o2':
    case 'o2_high':
    case 'ch4':
    case 'co':
    case 'h2s': {
      const g = sit.gases.find((x) => x.metric === event.metric && x.sensorId === event.sensor.id);
      return g ? describeGas(g, cfg) : { zh: `${event.metric} ${n}`, en: `${event.metric} ${n}` };
    }
    case 'door_open': {
      const p = permitText(a, sit.site.permit_approved);
      return { zh: `门体/井盖开启（${p.zh}）`, en: `door or cover opened (${p.en})` };
    }
    case 'people_inside': {
      const p = permitText(a, sit.site.permit_approved);
      return { zh: `${n} 人进入有限空间（${p.zh}）`, en: `${n} person(s) entered the space (${p.en})` };
    }
    case 'guard_off_post':
      return { zh: '监护人员离开监护岗位', en: 'the attendant left the post' };
    case 'ppe_missing':
      return { zh: `${n} 人未佩戴防护用品`, en: `${n} person(s) without protective equipment` };
    case 'work_elapsed_min': {
      const max = event.object.attributes.maxEntryMin;
      const lim = typeof max === 'number' ? fmt(max) : '—';
      return {
        zh: `本次作业已持续 ${n} 分钟，单次作业时限 ${lim} 分钟`,
        en: `work has gone on for ${n} min; the limit per entry is ${lim} min`,
      };
    }
    case 'work_in_progress':
    case 'permit_approved':
      return { zh: `${event.metric} = ${n}`, en: `${event.metric} = ${n}` };
  }
}

/** Why an alarm that is out of limits on its own gets no warning. */
function noWarningReason(trigger: MetricKey, a: Assessment): Statement | null {
  if (a.tier) return null;
  switch (trigger) {
    case 'door_open':
    case 'people_inside':
      return a.unauthorised
        ? null
        : {
            zh: '审批有效、气体未超限：为经批准的作业开启，不发布预警',
            en: 'approved permit and gases within limits: an authorised entry; no warning',
          };
    case 'guard_off_post':
    case 'ppe_missing':
      return a.occupancy.occupied
        ? null
        : {
            zh: '空间内无人作业，不构成作业违规',
            en: 'nobody is working inside, so this is no breach of the entry rules',
          };
    case 'work_elapsed_min':
      return a.overtimeIdx < 0
        ? {
            zh: '空间内无人且作业已结束：作业计时未关闭，请核对作业登记',
            en: 'nobody inside and no work in progress: the work clock was not closed; check the work record',
          }
        : null;
    default:
      return null;
  }
}

/** CO short-term and shift exposure, H2S ceiling, while people are inside (GBZ 2.1-2019). */
async function exposureFindings(
  event: AlarmEvent<MetricKey>,
  ctx: AnalysisContext,
  sit: Situation,
  a: Assessment,
  cfg: CsConfig,
): Promise<Statement[]> {
  if (!a.occupancy.occupied) return [];
  const out: Statement[] = [];
  const endMs = Date.parse(event.ts);
  const elapsed = sit.site.work_elapsed_min;
  const stelFrom = endMs - cfg.stelWindowMin * 60_000;
  const entryFrom = elapsed !== null && elapsed > 0 ? endMs - elapsed * 60_000 : stelFrom;
  const co = sit.gases.find((g) => g.metric === 'co');
  if (co) {
    const pts = await ctx.history(co.sensorId, 'co', {
      from: iso(Math.min(stelFrom, entryFrom)),
      to: event.ts,
    });
    const stel = windowMean(pts, stelFrom, endMs);
    // Worth saying from the GBZ/T 223 pre-alarm (½ PC-STEL) up, or while CO is out of limits.
    const notable = co.levelIdx >= 0 || (stel !== null && stel >= cfg.exposureLimits.coPcStel / 2);
    if (stel !== null && notable) {
      const over = stel >= cfg.exposureLimits.coPcStel;
      out.push({
        zh: `一氧化碳近 ${cfg.stelWindowMin} 分钟平均 ${fmt(stel)} mg/m³，${over ? '已超过' : '未超过'} PC-STEL ${cfg.exposureLimits.coPcStel} mg/m³`,
        en: `carbon monoxide averaged ${fmt(stel)} mg/m³ over the last ${cfg.stelWindowMin} min: ${over ? 'above' : 'below'} the PC-STEL of ${cfg.exposureLimits.coPcStel} mg/m³`,
      });
    }
    if (notable && elapsed !== null && elapsed > 0) {
      const twa = twaSoFar(pts, entryFrom, endMs, cfg.twaShiftMin);
      const over = twa >= cfg.exposureLimits.coPcTwa;
      out.push({
        zh: `本次进入累计的 8 小时时间加权平均浓度已达 ${fmt(twa)} mg/m³（PC-TWA ${cfg.exposureLimits.coPcTwa}）${over ? '，当日接触限值已用尽' : ''}`,
        en: `this entry alone gives an 8-hour TWA of ${fmt(twa)} mg/m³ (PC-TWA ${cfg.exposureLimits.coPcTwa})${over ? ": the day's exposure limit is used up" : ''}`,
      });
    }
  }
  const h2s = sit.gases.find((g) => g.metric === 'h2s');
  if (h2s) {
    const pts = await ctx.history(h2s.sensorId, 'h2s', { from: iso(entryFrom), to: event.ts });
    const peak = Math.max(h2s.value, ...pts.map((p) => p.value));
    if (peak >= cfg.exposureLimits.h2sMac)
      out.push({
        zh: `作业期间硫化氢峰值 ${fmt(peak)} mg/m³，超过最高容许浓度 MAC ${cfg.exposureLimits.h2sMac} mg/m³（任何时刻不得超过）`,
        en: `hydrogen sulphide peaked at ${fmt(peak)} mg/m³ during the work, above the MAC of ${cfg.exposureLimits.h2sMac} mg/m³ (a ceiling never to be exceeded)`,
      });
  }
  return out;
}

/** A slow, smooth creep of the alarm's own gas with nobody around and nothing else wrong. */
async function driftVerdict(
  event: AlarmEvent<MetricKey>,
  ctx: AnalysisContext,
  a: Assessment,
  cfg: CsConfig,
): Promise<Statement | null> {
  if (!isGas(event.metric)) return null;
  if (a.occupancy.occupied || a.unauthorised || a.additiveExceeded) return null;
  if (LEVELS.indexOf(event.level) > tierIndex(cfg.drift.maxTier)) return null;
  const others = a.hazardous.filter((g) => g.metric !== event.metric);
  if (others.length > 0) return null;
  const rising = thresholds[event.metric]?.direction !== 'falling';
  const endMs = Date.parse(event.ts);
  const pts = await ctx.history(event.sensor.id, event.metric, {
    from: iso(endMs - cfg.drift.windowMin * 60_000),
    to: event.ts,
  });
  const v = isDrift(pts, event.limit, rising, cfg.drift);
  if (!v.drift || !v.fit) return null;
  const hours = fmt((Date.parse(pts[pts.length - 1]!.ts) - Date.parse(pts[0]!.ts)) / 3_600_000);
  const rate = `${v.fit.slopePerH.toFixed(3)} ${metrics[event.metric].unit}`;
  const r2 = v.fit.r2.toFixed(3);
  return {
    zh: `疑似传感器漂移：读数在 ${hours} 小时内以每小时 ${rate} 平稳单调变化（R² = ${r2}），无突变，其他气体正常，空间内无人`,
    en: `likely sensor drift: the reading crept steadily by ${rate} an hour over ${hours} h (R² = ${r2}), with no step, the other gases normal and nobody inside`,
  };
}

/** English sentences start with a capital in lists; the template values keep the lower case. */
const sentence = (list: Statement[]): Statement[] =>
  list.map((x) => ({ zh: x.zh, en: x.en.charAt(0).toUpperCase() + x.en.slice(1) }));

export async function analyseSpace(
  event: AlarmEvent<MetricKey>,
  ctx: AnalysisContext,
  cfg: CsConfig,
): Promise<AnalysisResult> {
  const sit = await readSituation(event, ctx, cfg);
  let overtimeIdx = -1;
  if (event.metric === 'work_elapsed_min') overtimeIdx = LEVELS.indexOf(event.level);
  else if (sit.site.work_elapsed_min !== null && sit.siteSource.work_elapsed_min) {
    const limits = await ctx.thresholds(sit.siteSource.work_elapsed_min, 'work_elapsed_min');
    overtimeIdx = levelOf(sit.site.work_elapsed_min, limits, true);
  }
  const a = assess({ trigger: event.metric, site: sit.site, gases: sit.gases, overtimeIdx }, cfg);
  const head = headline(event, sit, a, cfg);
  const people = peopleText(a);
  const permit = permitText(a, sit.site.permit_approved);
  const guard = guardText(a, sit.site.guard_off_post);
  const attr = event.object.attributes;
  const workUnit = workUnitName(attr.workUnit);

  const findings: Statement[] = [head, people];
  if (a.occupancy.occupied || a.unauthorised || isGas(event.metric) === false)
    findings.push({
      zh: `作业审批：${permit.zh}；监护：${guard.zh}`,
      en: `permit: ${permit.en}; attendant: ${guard.en}`,
    });

  const drift = await driftVerdict(event, ctx, a, cfg);
  if (drift) {
    findings.push(drift, {
      zh: '结论：不发布预警，安排校准',
      en: 'Conclusion: no warning; calibrate the detector',
    });
    return {
      tier: null,
      findings: sentence(findings),
      actions: [
        { zh: '安排对该检测仪进行标定或更换传感器', en: 'calibrate the detector or replace its cell' },
        {
          zh: '在标定完成前，任何进入均须先用便携式检测仪复测',
          en: 'until it is calibrated, test with a portable detector before any entry',
        },
      ],
      data: dataFor(head, people, permit, guard, a, workUnit),
    };
  }

  for (const g of a.hazardous)
    if (!(g.metric === event.metric && g.sensorId === event.sensor.id)) findings.push(describeGas(g, cfg));
  if (a.additiveExceeded)
    findings.push({
      zh: `一氧化碳与硫化氢同属化学性窒息性气体，按相加作用 Σ C/L = ${fmt(a.additive)} ≥ 1（GBZ 2.1），视为超限`,
      en: `CO and H2S are both chemical asphyxiants; their additive index Σ C/L = ${fmt(a.additive)} ≥ 1 (GBZ 2.1) counts as an exceedance`,
    });
  if (a.guardOff && event.metric !== 'guard_off_post')
    findings.push({ zh: '监护人员离岗', en: 'attendant off post' });
  if (a.ppeMissing && event.metric !== 'ppe_missing') findings.push(HAZARD_NAME.ppe);
  if (a.overtimeIdx >= 0 && event.metric !== 'work_elapsed_min')
    findings.push({
      zh: `作业超时（已 ${fmt(sit.site.work_elapsed_min ?? 0)} 分钟）`,
      en: `overtime (${fmt(sit.site.work_elapsed_min ?? 0)} min)`,
    });
  findings.push(...(await exposureFindings(event, ctx, sit, a, cfg)));
  for (const r of a.raises) findings.push(raiseText(r));
  const why = noWarningReason(event.metric, a);
  if (why) findings.push(why);
  findings.push(conclusion(a));

  const surface = a.hazardous.some(
    (g) =>
      (g.metric === 'ch4' && g.levelIdx >= tierIndex(cfg.surfaceHazardFrom.ch4)) ||
      (g.metric === 'h2s' && g.levelIdx >= tierIndex(cfg.surfaceHazardFrom.h2s)),
  );
  const radiusM = surface ? cfg.surfaceHazardRadiusM : cfg.cordonRadiusM;
  const actions = actionsFor({ a, workUnit, surfaceHazard: surface, radiusM });
  if (!a.tier)
    return {
      tier: null,
      findings: sentence(findings),
      actions: sentence(actions),
      data: dataFor(head, people, permit, guard, a, workUnit),
    };

  let targets: AffectedTarget[] = [];
  if (surface) {
    const near = await ctx.within(radiusM, { roles: ['target', 'hazard'] });
    targets = near
      .filter((o) => o.id !== event.object.id)
      .map((o) => ({
        id: o.id,
        kind: o.kind,
        role: o.role,
        name: o.name,
        distanceM: Math.round(o.distanceM ?? 0),
      }));
    if (targets.length > 0)
      findings.splice(findings.length - 1, 0, {
        zh: `气体可能从入口外溢，${radiusM} 米内有 ${targets.length} 个防护目标或危险源`,
        en: `gas may escape through the opening; ${targets.length} protection target(s) or hazard(s) within ${radiusM} m`,
      });
  }
  return {
    tier: a.tier,
    impact: circlePolygon(event.sensor.location, radiusM),
    impactRadiusM: radiusM,
    targets,
    findings: sentence(findings),
    actions: sentence(actions),
    data: dataFor(head, people, permit, guard, a, workUnit),
  };
}

function dataFor(
  head: I18n,
  people: I18n,
  permit: I18n,
  guard: I18n,
  a: Assessment,
  workUnit: I18n,
): Record<string, string> {
  const hazard = a.main ? HAZARD_NAME[a.main] : { zh: '异常', en: 'anomaly' };
  const c = conclusion(a);
  return {
    hazardZh: hazard.zh,
    hazardEn: hazard.en,
    headlineZh: head.zh,
    headlineEn: head.en,
    peopleZh: people.zh,
    peopleEn: people.en,
    permitZh: permit.zh,
    permitEn: permit.en,
    guardZh: guard.zh,
    guardEn: guard.en,
    basisZh: c.zh,
    basisEn: c.en,
    workUnitZh: workUnit.zh,
    workUnitEn: workUnit.en,
  };
}
