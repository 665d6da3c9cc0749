/**
 * The fire analysis (guideline §4(2)8): multi-detector confirmation in the building within a time window,
 * the building's fire-protection capacity (fire water, alarm system), the fire floor and the floors at
 * risk from smoke, the likely cause (electrical signs before the first alarm, an e-bike place), and the
 * protection targets around the building.
 */
import type {
  AffectedTarget,
  AlarmEvent,
  AnalysisContext,
  AnalysisResult,
  CityObject,
  I18n,
  Statement,
} from '@fenghuo/sdk';
import { fireActions } from './actions.js';
import {
  type BuildingInfo,
  type EventReading,
  fireSignals,
  type Member,
  type Protection,
  protection,
  series,
} from './building.js';
import { joinI18n, MIN, round1 } from './common.js';
import type { FireConfig } from './config.js';
import { assessFire, type FireAssessment, originFloor, type Signal } from './detection.js';
import { describeFloors, floorsAtRisk } from './spread.js';

const KIND_NAME: Record<Signal['kind'], I18n> = {
  smoke: { zh: '感烟', en: 'smoke' },
  heat: { zh: '感温', en: 'heat' },
  flame: { zh: '火焰/视频', en: 'flame/video' },
  panel: { zh: '控制器火警', en: 'panel fire signal' },
};

export function floorName(f: number | null): I18n {
  if (f === null) return { zh: '（楼层未知）', en: '(floor unknown)' };
  return f < 0 ? { zh: `地下 ${-f} 层`, en: `basement ${-f}` } : { zh: `${f} 层`, en: `floor ${f}` };
}

/**
 * Where in the building an alarmed object is, for the bodies (`{{buildingZh}}{{placeZh}}`, `at
 * {{buildingEn}}, {{placeEn}}`): its floor and its own name, so that a warning names the object it is
 * filed under (a detection zone, a circuit, a fire main), not only its building. In Chinese a name that
 * begins with the building's is printed without it (it follows the building's name in the body), so
 * "钱塘府3幢" + "8层火灾探测区" reads as the object's full name, not twice.
 */
export function placeName(
  obj: { id: string; name: I18n },
  building: { id: string; name: I18n },
  floor: number | null,
  lang: 'zh' | 'en',
): string {
  const f = floor === null ? null : floorName(floor)[lang];
  if (obj.id === building.id) return f ?? (lang === 'zh' ? '' : building.name.en);
  const name = obj.name[lang];
  if (lang === 'zh') {
    if (name.startsWith(building.name.zh) && name.length > building.name.zh.length)
      return name.slice(building.name.zh.length);
    return f === null ? `（${name}）` : `${f}（${name}）`;
  }
  return f === null ? name : `${f} (${name})`;
}

function signalList(sigs: readonly Signal[]): I18n {
  const fmt = (s: Signal, lang: 'zh' | 'en') => {
    const k = KIND_NAME[s.kind][lang];
    const heat = s.kind === 'heat' ? ` ${round1(s.peak)} °C` : '';
    return lang === 'zh'
      ? `${s.sensorId}（${s.name.zh}，${k}${heat}）`
      : `${s.sensorId} (${s.name.en}, ${k}${heat})`;
  };
  return { zh: sigs.map((s) => fmt(s, 'zh')).join('、'), en: sigs.map((s) => fmt(s, 'en')).join(', ') };
}

export interface FireScene {
  event: AlarmEvent;
  ev: EventReading;
  self: Member;
  building: BuildingInfo;
  members: Member[];
}

/** Electrical signs on the fire floor before the first alarm: residual current, cable heat, arcs. */
async function electricalSigns(
  ctx: AnalysisContext,
  scene: FireScene,
  floor: number | null,
  onsetT: number,
  cfg: FireConfig,
): Promise<I18n[]> {
  const out: I18n[] = [];
  const from = onsetT - cfg.causeLookbackMin * MIN;
  for (const m of scene.members) {
    if (m.obj.kind !== 'electrical_circuit') continue;
    if (floor !== null && m.place.floor !== null && m.place.floor !== floor) continue;
    for (const metric of ['residual_current', 'cable_temp', 'arc_fault'] as const) {
      if (!m.sensor.metrics.includes(metric)) continue;
      const s = await series(ctx, m.sensor.id, metric, from, scene.ev.t, scene.ev);
      const limit = metric === 'arc_fault' ? 1 : (await ctx.thresholds(m.sensor.id, metric)).blue;
      if (limit === undefined) continue;
      const hit = s.find((p) => p.v >= limit);
      if (!hit || hit.t > onsetT + cfg.confirmWindowMin * MIN) continue;
      const before = Math.max(0, Math.round((onsetT - hit.t) / MIN));
      const what: I18n =
        metric === 'residual_current'
          ? { zh: `剩余电流 ${Math.round(hit.v)} mA`, en: `residual current ${Math.round(hit.v)} mA` }
          : metric === 'cable_temp'
            ? { zh: `线缆温度 ${round1(hit.v)} °C`, en: `cable temperature ${round1(hit.v)} °C` }
            : { zh: '故障电弧', en: 'an arc fault' };
      out.push({
        zh: `${m.obj.name.zh}${what.zh}（首个火警前 ${before} 分钟）`,
        en: `${what.en} on ${m.obj.name.en} (${before} min before the first fire alarm)`,
      });
    }
  }
  return out;
}

function targetsOf(objs: readonly CityObject[], radiusM: number): AffectedTarget[] {
  return objs
    .filter((o) => o.distanceM === undefined || o.distanceM <= radiusM)
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
}

/** Assess a possible fire in the scene's building at the event. */
export async function analyseFire(
  ctx: AnalysisContext,
  scene: FireScene,
  cfg: FireConfig,
): Promise<AnalysisResult> {
  const { building: b, ev } = scene;
  const signals = await fireSignals(ctx, scene.members, ev, cfg);
  const fireT = signals.length === 0 ? null : Math.min(...signals.map((s) => s.firstT));
  const prot: Protection = await protection(ctx, scene.members, ev, fireT, cfg);
  const a: FireAssessment = assessFire(
    {
      at: scene.self.place,
      signals,
      priority: b.priority,
      waterFlowing: prot.flowing.length > 0,
      impairments: prot.impairments.length,
    },
    cfg,
  );
  const findings: Statement[] = [];
  const w = cfg.confirmWindowMin;
  if (a.twoInZone)
    findings.push({
      zh: `${w} 分钟内同一区域 ${a.group.length} 个独立探测器报警：${signalList(a.group).zh}`,
      en: `${a.group.length} independent detectors alarmed in one zone within ${w} min: ${signalList(a.group).en}`,
    });
  else if (a.group.length === 1)
    findings.push({
      zh: `仅 1 个探测器报警（${signalList(a.group).zh}），${w} 分钟内同区域无其他探测器报警：单点报警，需人工确认`,
      en: `Only one detector alarmed (${signalList(a.group).en}), no other in the zone within ${w} min: a single alarm for on-site confirmation`,
    });
  if (a.chattering.length > 0)
    findings.push({
      zh: `${signalList(a.chattering).zh} ${cfg.chatter.windowMin} 分钟内反复报警复位 ≥ ${cfg.chatter.edges} 次，视为频繁误报探测器，不计入确认`,
      en: `${signalList(a.chattering).en} alarmed and reset ≥ ${cfg.chatter.edges} times in ${cfg.chatter.windowMin} min: a chattering detector, not counted for confirmation`,
    });
  for (const c of a.confirmedBy) {
    if (c === 'heat') {
      const peak = Math.max(...a.group.filter((s) => s.kind === 'heat').map((s) => s.peak));
      findings.push({
        zh: `火灾确认：温度 ${round1(peak)} °C ≥ ${cfg.confirmHeatC} °C（该处洒水喷头应已动作）`,
        en: `Fire confirmed: temperature ${round1(peak)} °C ≥ ${cfg.confirmHeatC} °C (a sprinkler here would have opened)`,
      });
    } else if (c === 'flame')
      findings.push({
        zh: '火灾确认：火焰探测/视频识别报警',
        en: 'Fire confirmed: flame detector / video recognition',
      });
    else
      findings.push({
        zh: `火灾确认：报警后消防管网压力下降（${joinI18n(
          prot.flowing.map((f) => f.object),
          'zh',
        )}），喷淋或消火栓正在出水`,
        en: `Fire confirmed: fire-main pressure fell after the alarms (${joinI18n(
          prot.flowing.map((f) => f.object),
          'en',
        )}): sprinklers or hydrants are flowing`,
      });
  }
  if (a.spread)
    findings.push({
      zh: `${a.zones} 个区域/楼层有探测器报警，火灾或烟气已蔓延`,
      en: `Detectors alarm in ${a.zones} zones or floors: the fire or its smoke has spread`,
    });
  if (a.priorityRed)
    findings.push({
      zh: `${b.obj.name.zh}为${b.highRise ? '高层建筑' : b.livingInside ? '“三合一”场所' : '人员密集或重点场所'}，确认火灾即红色预警`,
      en: `${b.obj.name.en} is ${b.highRise ? 'a high-rise' : b.livingInside ? 'a building where people sleep among the stock' : 'a crowded or priority place'}: a confirmed fire is red`,
    });
  for (const imp of prot.impairments) findings.push(imp.text);
  if (prot.impairments.length > 0 && a.group.length > 0)
    findings.push({
      zh: `消防设施受损，建筑自防自救能力下降，预警升级 ${cfg.impairmentEscalation} 级`,
      en: `Fire protection impaired, the building can do less for itself: the tier goes up by ${cfg.impairmentEscalation}`,
    });

  const origin = originFloor(a.group, scene.self.place.floor);
  const onsetT = a.group[0]?.firstT ?? ev.t;
  const weather = await ctx.weather();
  const outdoorC = weather?.temperatureC ?? null;
  const detectedFloors = signals
    .filter((s) => !s.chatter && s.place.floor !== null)
    .map((s) => s.place.floor!);
  const spread =
    origin === null
      ? null
      : floorsAtRisk(
          {
            fireFloor: origin,
            floorsAbove: b.floorsAbove,
            floorsBelow: b.floorsBelow,
            outdoorC,
            detectedFloors,
          },
          cfg,
        );
  const atRisk = spread ? describeFloors(spread.floors) : { zh: '全楼', en: 'the whole building' };
  if (a.tier !== null && spread) {
    findings.push({
      zh: `推测起火层：${floorName(origin).zh}；烟气蔓延威胁楼层：${atRisk.zh}（${joinI18n(spread.reasons, 'zh')}）`,
      en: `Likely fire floor: ${floorName(origin).en}; floors at risk from smoke: ${atRisk.en} (${joinI18n(spread.reasons, 'en')})`,
    });
  }
  const elec = a.group.length > 0 ? await electricalSigns(ctx, scene, origin, onsetT, cfg) : [];
  if (elec.length > 0)
    findings.push({
      zh: `起火原因研判：起火层电气回路先于火警出现异常，疑似电气火灾：${joinI18n(elec, 'zh')}`,
      en: `Likely cause: the fire floor's circuits showed trouble before the first fire alarm, an electrical fire is likely: ${joinI18n(elec, 'en')}`,
    });
  const ebike = scene.self.obj.kind === 'ebike_charging' || b.obj.kind === 'ebike_charging';
  if (ebike && a.group.length > 0)
    findings.push({
      zh: '起火原因研判：电动自行车停放充电场所，疑似锂电池热失控（蔓延快、烟气毒性大、易复燃）',
      en: 'Likely cause: an e-bike parking and charging place, probably lithium battery thermal runaway (fast, toxic smoke, re-ignites)',
    });

  const near = a.tier === null ? [] : await ctx.within(cfg.exposureRadiusM, { roles: ['target', 'hazard'] });
  const targets = targetsOf(near, cfg.exposureRadiusM).filter((t) => t.id !== b.obj.id);
  const actions = fireActions(a.tier, {
    building: b.obj.name,
    fireFloor: floorName(origin),
    floorsAtRisk: atRisk,
    vulnerable: b.vulnerable || b.livingInside,
    ebike,
    electrical: elec.length > 0,
    impairments: prot.impairments.map((i) => i.kind),
    targets: targets.map((t) => t.name),
  });
  const people =
    b.occupants !== null
      ? { zh: `，设计人数约 ${b.occupants} 人`, en: `, about ${b.occupants} people by design` }
      : { zh: '', en: '' };
  const summary: I18n = {
    zh: findings[0]?.zh ?? '无火警信号',
    en: findings[0]?.en ?? 'no fire signal',
  };
  return {
    tier: a.tier,
    impact: b.obj.geometry,
    targets,
    findings,
    actions,
    data: {
      buildingZh: b.obj.name.zh,
      buildingEn: b.obj.name.en,
      headlineZh: a.confirmed ? '火灾' : '火警',
      headlineEn: a.confirmed ? 'fire' : 'fire alarm',
      placeZh: placeName(scene.self.obj, b.obj, scene.self.place.floor, 'zh'),
      placeEn: placeName(scene.self.obj, b.obj, scene.self.place.floor, 'en'),
      summaryZh: summary.zh,
      summaryEn: summary.en,
      affectedZh: `${atRisk.zh}人员${people.zh}`,
      affectedEn: `people on ${atRisk.en}${people.en}`,
      detectors: a.group.length,
      floorsAtRiskZh: atRisk.zh,
      floorsAtRiskEn: atRisk.en,
      impairmentsZh:
        prot.impairments.length === 0
          ? '未发现失效'
          : joinI18n(
              prot.impairments.map((i) => i.text),
              'zh',
            ),
      impairmentsEn:
        prot.impairments.length === 0
          ? 'no impairment known'
          : joinI18n(
              prot.impairments.map((i) => i.text),
              'en',
            ),
    },
  };
}
