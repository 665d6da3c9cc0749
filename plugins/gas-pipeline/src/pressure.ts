/**
 * Analysis of a line-pressure alarm (`pressure` below its normal operating pressure or falling fast, or a
 * station's own `pressure_drop_rate`): a rupture, a leak corroborated by gas or flow, or a supply-side
 * fault.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, Statement, Tier } from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import {
  exposure,
  findMain,
  gasCurves,
  iso,
  levelIdx,
  lineEvidence,
  mainHazard,
  namesWithDistance,
  num,
  Objects,
  round2,
  seesGas,
  TIER_NAME,
  tierAt,
} from './common.js';
import type { GasConfig } from './definition.js';
import { circlePolygon } from './geo.js';
import { impactRadius, levelOf, pressureClassName } from './impact.js';
import { toSamples, trailingRun, withReading } from './series.js';

const pct = (x: number) => Math.round(x * 100);

/** Analyse a `pressure` or `pressure_drop_rate` alarm. */
export async function analysePressure(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: GasConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const obj = event.object;
  const sensorId = event.sensor.id;
  const endT = Date.parse(event.ts);
  const window = { from: iso(endT - cfg.windowMin * 60_000), to: event.ts };
  const normal = num(obj.attributes['normalPressureMpa']);
  if (normal === null) {
    return {
      tier: null,
      findings: [
        {
          zh: `${obj.name.zh}未登记正常运行压力，无法判断压降`,
          en: `${obj.name.en} has no normal operating pressure on record, so the drop cannot be judged`,
        },
      ],
      actions: [
        {
          zh: '权属单位补录该对象的 normalPressureMpa 属性',
          en: 'Owner to record normalPressureMpa for this object',
        },
      ],
    };
  }

  let samples = toSamples(await ctx.history(sensorId, 'pressure', window));
  if (event.metric === 'pressure') samples = withReading(samples, endT, event.value);
  const latest = samples[samples.length - 1]?.v ?? normal;
  const ratio = latest / normal;
  // The catalogue's rupture test: ≥ 50 % of P_set lost within 5 min, as seen in the last 5 minutes, or as
  // reported by a station that computes its own drop rate.
  let high5 = latest;
  for (const s of samples) if (s.t >= endT - 5 * 60_000) high5 = Math.max(high5, s.v);
  let drop5 = (high5 - latest) / normal;
  if (event.metric === 'pressure_drop_rate') drop5 = Math.max(drop5, (event.value * 5) / normal);
  const rupture = drop5 >= cfg.ruptureDropRatio;
  const fast = event.cause === 'rate' || event.metric === 'pressure_drop_rate';
  const limits = await ctx.thresholds(sensorId, 'pressure');
  const valueLevel = samples.length > 0 ? levelOf(latest, limits, false) : null;
  const low = trailingRun(samples, normal * (1 - cfg.pressureDropRatio), false);

  const gas = (await gasCurves(ctx, objs, cfg, cfg.pressureRadiusM, window, sensorId)).filter((g) =>
    seesGas(g, cfg),
  );
  const line = await lineEvidence(ctx, objs, cfg, window, event.sensor);
  const leakSign = gas.length > 0 || line.flowRises.length > 0;
  const supplySide = !leakSign && line.flowFalls.length > 0;

  const findings: Statement[] = [
    {
      zh: `${obj.name.zh}压力 ${round2(latest)} MPa，为正常运行压力 ${normal} MPa 的 ${pct(ratio)}%；近 5 分钟下降 ${pct(drop5)}%`,
      en: `${obj.name.en} pressure ${round2(latest)} MPa, ${pct(ratio)} % of its normal ${normal} MPa; ${pct(drop5)} % lost in the last 5 min`,
    },
  ];
  if (gas.length > 0) {
    const list = (lang: 'zh' | 'en') =>
      gas
        .map((g) => `${g.object.name[lang]} ${Math.round(g.profile.latest)} %LEL`)
        .join(lang === 'zh' ? '、' : ', ');
    findings.push({
      zh: `${cfg.pressureRadiusM} 米内 ${gas.length} 个甲烷监测点检出燃气：${list('zh')}`,
      en: `${gas.length} methane sensor(s) within ${cfg.pressureRadiusM} m see gas: ${list('en')}`,
    });
  }
  for (const f of line.flowRises) {
    findings.push({
      zh: `${f.object.zh}流量上升 ${pct(f.change)}%，与压降同时出现，符合泄漏特征`,
      en: `Flow at ${f.object.en} up ${pct(f.change)} % while pressure falls: a leak signature`,
    });
  }
  if (supplySide) {
    findings.push({
      zh: '压力与流量同时下降、周边未检出燃气：更可能是气源或调压设施故障导致的供气不足，而非泄漏',
      en: 'Pressure and flow fall together with no gas detected nearby: more likely a supply or regulator fault than a leak',
    });
  }

  // A value alarm seen in one sample only, with nothing else pointing to a leak, is a telemetry glitch.
  if (!rupture && !fast && low.count <= cfg.spikeMaxSamples && !leakSign) {
    findings.push({
      zh: '仅 1 个样本低于限值且无其他佐证：判断为数据尖峰，不发布预警',
      en: 'One low sample with nothing else pointing to a leak: a data spike, no warning',
    });
    return {
      tier: null,
      findings,
      actions: [
        {
          zh: `权属单位核查 ${sensorId} 的数据链路与变送器`,
          en: `Owner to check the telemetry and transmitter of ${sensorId}`,
        },
      ],
    };
  }

  const main = await findMain(ctx, objs, obj, event.sensor.location, cfg.mainSearchM);
  const { pressureClass, pirM } = mainHazard(main);
  const level = rupture ? 'red' : event.level;
  const r = impactRadius({ level, pressureClass, conduit: false, pirM, coverM: 0 }, cfg);
  const exp = await exposure(ctx, cfg, event.sensor.location, r.radiusM);
  const pcName = pressureClass ? pressureClassName(pressureClass) : null;
  findings.push({
    zh: `影响半径 ${r.radiusM} 米 = max(级别基础半径 ${r.baseM} 米 × 压力级制系数 ${r.classFactor}${pcName ? `（${pcName.zh}）` : ''}, 管线潜在影响半径 ${Math.round(r.pirM)} 米)`,
    en: `Impact radius ${r.radiusM} m = max(base ${r.baseM} m × class factor ${r.classFactor}${pcName ? ` (${pcName.en})` : ''}, pipeline PIR ${Math.round(r.pirM)} m)`,
  });
  if (exp.all.length > 0) {
    findings.push({
      zh: `影响范围内：${namesWithDistance(exp.all, 'zh')}`,
      en: `Inside the area: ${namesWithDistance(exp.all, 'en')}`,
    });
  }

  // Base level: the pressure's own level; a rupture is red; a fast fall counts at the level it raised.
  let base: number;
  let esc = 0;
  if (supplySide) {
    base = levelIdx(valueLevel);
  } else {
    base = rupture ? levelIdx('red') : Math.max(levelIdx(valueLevel), levelIdx(event.level));
    if (rupture || fast) {
      const what = rupture
        ? {
            zh: `5 分钟内压降 ≥ ${pct(cfg.ruptureDropRatio)}%：管线破裂特征`,
            en: `≥ ${pct(cfg.ruptureDropRatio)} % lost within 5 min: a rupture signature`,
          }
        : { zh: '压力快速下降', en: 'pressure falling fast' };
      if (leakSign) {
        findings.push({
          zh: `${what.zh}，且有燃气或流量佐证`,
          en: `${what.en}, corroborated by gas or flow`,
        });
      } else {
        base -= 1;
        findings.push({
          zh: `${what.zh}，尚无燃气或流量佐证：降一级待确认`,
          en: `${what.en}, not yet corroborated by gas or flow, so one tier lower until confirmed`,
        });
      }
    } else if (leakSign) {
      esc++;
      findings.push({ zh: '燃气或流量佐证泄漏：升一级', en: 'Gas or flow supports a leak: one tier up' });
    }
    if (exp.sensitive.length > 0 || (cfg.escalateOnHazard && exp.hazards.length > 0)) {
      esc++;
      findings.push({
        zh: '影响范围内有防护目标或危险源：升一级',
        en: 'Protection targets or hazards inside the area: one tier up',
      });
    }
  }
  const tier: Tier | null = tierAt(base + Math.min(esc, cfg.maxEscalation));
  if (tier) findings.push({ zh: `定级 → ${TIER_NAME[tier].zh}预警`, en: `Tier → ${TIER_NAME[tier].en}` });

  const accident: Statement = rupture
    ? {
        zh: '可能的事故类型：管线破裂，燃气喷射遇火形成喷射火',
        en: 'Likely accident: line rupture; the escaping gas may ignite as a jet fire',
      }
    : supplySide
      ? {
          zh: '可能的事故类型：供气中断，恢复供气时存在用户端熄火漏气风险',
          en: 'Likely accident: supply interruption, with unlit appliances leaking when supply returns',
        }
      : {
          zh: '可能的事故类型：管线泄漏，燃气进入相邻地下空间积聚',
          en: 'Likely accident: a leak with gas entering and building up in adjacent underground spaces',
        };
  findings.push(accident);

  const actions: Statement[] = supplySide
    ? [
        {
          zh: '检查上游气源及调压站（箱）运行状态，排除切断阀误动作',
          en: 'Check the upstream supply and the regulator station; rule out a spurious slam-shut',
        },
        {
          zh: '恢复供气前逐户确认灶具阀门已关闭',
          en: 'Before restoring supply, make sure every user has closed the appliance valves',
        },
      ]
    : tier
      ? actionsFor(tier, {
          radiusM: r.radiusM,
          source: main?.name ?? obj.name,
          main: main?.name ?? null,
          targets: exp.all.filter((o) => o.role === 'target').map((o) => o.name),
          hazards: exp.hazards.map((o) => o.name),
          rupture,
        })
      : [{ zh: `权属单位核查${obj.name.zh}运行工况`, en: `Owner to check the operation of ${obj.name.en}` }];

  return {
    tier,
    impact: circlePolygon(event.sensor.location, r.radiusM),
    impactRadiusM: r.radiusM,
    targets: exp.targets,
    findings,
    actions,
    data: {
      pressureRatioPct: pct(ratio),
      drop5Pct: pct(drop5),
      sourceZh: main?.name.zh ?? obj.name.zh,
      sourceEn: main?.name.en ?? obj.name.en,
      mainZh: main?.name.zh ?? '—',
      mainEn: main?.name.en ?? '—',
      pressureClassZh: pcName?.zh ?? '—',
      pressureClassEn: pcName?.en ?? '—',
      accidentZh: accident.zh,
      accidentEn: accident.en,
      confirmations: gas.length,
    },
  };
}
