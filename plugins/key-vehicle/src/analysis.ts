/**
 * The analysis run on every key-vehicle alarm: it rebuilds the vehicle's state from the telematics
 * history (speed against the class / road / night limit, continuous and 24-h driving, the coach curfew,
 * tyres, driver-state events), rejects GNSS speed glitches, looks for protection targets around a
 * hazmat truck's current position and combines it all into an accident-likelihood tier.
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type I18n,
  localTime,
  type Point,
  utcOffsetLabel,
} from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import type { KeyVehicleConfig, Metric, VehicleKind } from './definition.js';
import { objects } from './definition.js';
import { drivingTime, inWindow, localHour } from './driving.js';
import { combine, type Factor, levelOf } from './likelihood.js';
import { plateEn } from './plate.js';
import { effectiveLimit, type Fix, glitchTest, heldSec, overspeedRatio } from './speed.js';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const iso = (ms: number) => new Date(ms).toISOString();
const last = (ps: Point[]) => ps[ps.length - 1];

function isKind(kind: string): kind is VehicleKind {
  return Object.hasOwn(objects, kind);
}

/** Kinds that carry passengers: only their warnings speak of passengers unless the seats are known. */
const PASSENGER_KINDS: readonly VehicleKind[] = ['coach', 'school_bus'];

/**
 * The body's sentence on what the vehicle carries, so that a goods vehicle's warning does not print
 * "载客 — 人 / Passengers: —" and a coach's does not print an empty dangerous-goods clause: approved
 * seats for coaches and school buses (and any vehicle whose seats are registered), the cargo, UN number,
 * isolation radius and protection targets for a hazmat truck, nothing for a heavy truck. Each part ends
 * with its own full stop; `''` when there is nothing to say.
 *
 * @example
 * loadText('coach', { seats: 45 }, { targets: [], radiusM: undefined, located: true }).en; // ' Approved for 45 passengers.'
 */
export function loadText(
  kind: VehicleKind,
  attrs: Record<string, unknown>,
  hazmat: { targets: readonly AffectedTarget[]; radiusM: number | undefined; located: boolean },
): I18n {
  const zh: string[] = [];
  const en: string[] = [];
  const seats = typeof attrs['seats'] === 'number' ? attrs['seats'] : null;
  if (seats !== null) {
    zh.push(`核定载客 ${seats} 人。`);
    en.push(` Approved for ${seats} passengers.`);
  } else if (PASSENGER_KINDS.includes(kind)) {
    zh.push('核定载客人数未登记。');
    en.push(' Passenger seats not registered.');
  }
  if (kind === 'hazmat_truck') {
    const str = (k: string) => (typeof attrs[k] === 'string' ? (attrs[k] as string) : null);
    const cargoZh = str('cargoZh') ?? '未登记货物名称';
    const cargoEn = str('cargoEn') ?? 'cargo not registered';
    const un = str('unNumber');
    const radius = hazmat.radiusM === undefined ? null : Math.round(hazmat.radiusM);
    const targetsZh = !hazmat.located
      ? '未核查（无近期定位）'
      : hazmat.targets.length > 0
        ? hazmat.targets.map((t) => t.name.zh).join('、')
        : '无';
    const targetsEn = !hazmat.located
      ? 'not checked (no recent position)'
      : hazmat.targets.length > 0
        ? hazmat.targets.map((t) => t.name.en).join(', ')
        : 'none';
    zh.push(
      `危险货物：${cargoZh}${un === null ? '' : `（UN ${un}）`}${radius === null ? '' : `，隔离半径 ${radius} 米`}，周边防护目标：${targetsZh}。`,
    );
    en.push(
      ` Dangerous goods: ${cargoEn}${un === null ? '' : ` (UN ${un})`}${radius === null ? '' : `, isolation radius ${radius} m`}; protection targets nearby: ${targetsEn}.`,
    );
  }
  return { zh: zh.join(''), en: en.join('') };
}

export async function analyse(
  event: AlarmEvent<Metric>,
  ctx: AnalysisContext,
  cfg: KeyVehicleConfig,
): Promise<AnalysisResult> {
  const kind = event.object.kind;
  if (!isKind(kind))
    return {
      tier: null,
      findings: [{ zh: `对象类型 ${kind} 不是重点车辆`, en: `Object kind ${kind} is not a key vehicle` }],
      actions: [],
    };
  const attrs = event.object.attributes;
  const sid = event.sensor.id;
  const endMs = Date.parse(event.ts);
  const from = iso(endMs - cfg.lookbackH * 3_600_000);
  const recent = iso(endMs - (cfg.glitchWindowSec + cfg.positionMaxAgeSec) * 1000);
  const [speed, posted, expressway, lons, lats, reported, tyre, tyreT, dsm, weather] = await Promise.all([
    ctx.history(sid, 'speed', { from }),
    ctx.history(sid, 'speed_limit', { from: recent }),
    ctx.history(sid, 'expressway', { from: recent }),
    ctx.history(sid, 'lon', { from: recent }),
    ctx.history(sid, 'lat', { from: recent }),
    ctx.history(sid, 'continuous_driving', { from: recent }),
    ctx.history(sid, 'tyre_pressure_ratio', { from: recent }),
    ctx.history(sid, 'tyre_temp', { from: recent }),
    ctx.history(sid, 'dsm_event', { from: iso(endMs - cfg.dsmWindowMin * 60_000) }),
    ctx.weather(),
  ]);

  // The city's offset comes with the event (from its time zone, so it follows daylight saving); the
  // configured one only stands in for a host that does not send it.
  const offsetMin = event.utcOffsetMin ?? cfg.utcOffsetMin;
  const hour = localHour(event.ts, offsetMin);
  const night = inWindow(hour, cfg.nightStartHour, cfg.nightEndHour);
  const minuteOfDay = Math.floor(hour * 60 + 1e-9);
  const hh = `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
  const factors: Factor[] = [];
  const findings: I18n[] = [];
  const vNow = last(speed)?.value ?? 0;
  const moving = vNow >= cfg.stopSpeedKmh;

  // Overspeed against the effective limit of the class, road and hour.
  const fixes: Fix[] = lons.flatMap((lo) => {
    const la = lats.find((p) => p.ts === lo.ts);
    return la ? [{ ts: lo.ts, lon: lo.value, lat: la.value }] : [];
  });
  const postedNow = last(posted)?.value;
  let vLim: number | null = null;
  let ratio = 0;
  let glitch = false;
  if (postedNow !== undefined && speed.length > 0) {
    vLim = effectiveLimit(kind, postedNow, last(expressway)?.value === 1, night, cfg);
    ratio = overspeedRatio(vNow, vLim);
    const g = glitchTest(speed, fixes, cfg);
    if (ratio > 0 && g.glitch) {
      glitch = true;
      findings.push({
        zh: `车速 ${round(vNow)} km/h 为定位漂移（加速度 ${g.accelMs2 === null ? '—' : round(g.accelMs2, 2)} m/s²，位移推算车速 ${g.displacementKmh === null ? '—' : round(g.displacementKmh)} km/h），不构成超速`,
        en: `Speed ${round(vNow)} km/h is a GNSS glitch (acceleration ${g.accelMs2 === null ? '—' : round(g.accelMs2, 2)} m/s², speed from displacement ${g.displacementKmh === null ? '—' : round(g.displacementKmh)} km/h): not an overspeed`,
      });
      ratio = 0;
    }
    let level = levelOf(ratio, [1e-6, 0.1, 0.2, 0.5, null]);
    if (ratio >= 0.5 && heldSec(speed, vLim, 0.5) >= cfg.overspeedRedHoldSec) level = 5;
    if (level > 0) {
      const nightNote = night && cfg.nightRuleKinds.includes(kind);
      factors.push({
        key: 'overspeed',
        level,
        text: {
          zh: `超速：车速 ${round(vNow)} km/h，限速 ${round(vLim)} km/h${nightNote ? '（夜间按日间限速 80%）' : ''}，超速 ${Math.round(ratio * 100)}%`,
          en: `Overspeed: ${round(vNow)} km/h against a limit of ${round(vLim)} km/h${nightNote ? ' (night: 80 % of the day limit)' : ''}, ${Math.round(ratio * 100)} % over`,
        },
      });
    }
  }

  // Continuous and 24-h driving from the speed series; the platform's counter when history is short.
  const dt = drivingTime(speed, event.ts, cfg.stopSpeedKmh, cfg.restMin);
  const reportedH = last(reported)?.value;
  const contH =
    dt.lowerBound && reportedH !== undefined ? Math.max(dt.continuousH, reportedH) : dt.continuousH;
  const nightLimit = night && cfg.nightRuleKinds.includes(kind);
  const limH = nightLimit ? cfg.nightContinuousH : cfg.dayContinuousH;
  const fatigue = levelOf(contH, [limH - 0.25, limH, limH + 0.5, limH + 1, limH + 2]);
  if (fatigue > 0)
    factors.push({
      key: 'fatigue',
      level: fatigue,
      text: {
        zh: `疲劳驾驶：连续驾驶 ${round(contH)} h 未休息 ≥ ${cfg.restMin} 分钟（${nightLimit ? '夜间' : '日间'}上限 ${limH} h）`,
        en: `Fatigue: continuous driving ${round(contH)} h without a ${cfg.restMin}-min rest (${nightLimit ? 'night' : 'day'} limit ${limH} h)`,
      },
    });
  if (reportedH !== undefined && !dt.lowerBound && reportedH - dt.continuousH > 0.5)
    findings.push({
      zh: `平台连续驾驶计时 ${round(reportedH)} h 高于按车速轨迹复核的 ${round(dt.continuousH)} h（轨迹中有有效休息）`,
      en: `The platform's continuous-driving counter (${round(reportedH)} h) exceeds ${round(dt.continuousH)} h rebuilt from the speed track (a valid rest is on the track)`,
    });
  if (cfg.dailyLimitKinds.includes(kind) && dt.movingH > cfg.dailyLimitH)
    factors.push({
      key: 'daily',
      level: 5,
      text: {
        zh: `24 小时累计驾驶 ${round(dt.movingH)} h，超过 ${cfg.dailyLimitH} h`,
        en: `Driven ${round(dt.movingH)} h in 24 h, over ${cfg.dailyLimitH} h`,
      },
    });

  // 02:00–05:00: long-distance coaches stop or relay drivers.
  if (
    cfg.curfewKinds.includes(kind) &&
    moving &&
    attrs.relayOperation !== true &&
    inWindow(hour, cfg.curfewStartHour, cfg.curfewEndHour)
  )
    factors.push({
      key: 'curfew',
      level: 3,
      text: {
        zh: `客车于凌晨 ${hh} 运行（${cfg.curfewStartHour}:00–${cfg.curfewEndHour}:00 应停车休息或接驳运输）`,
        en: `Coach running at ${hh} local (between ${cfg.curfewStartHour}:00 and ${cfg.curfewEndHour}:00 it must stop or relay drivers)`,
      },
    });

  // Tyres: pressure ratio, leak rate in kPa/min, temperature.
  const tp = last(tyre);
  if (tp) {
    let level = levelOf(-tp.value, [-0.8, null, -0.7, -0.6, null]);
    const prev = tyre[tyre.length - 2];
    const cold = typeof attrs.tyreColdKpa === 'number' ? attrs.tyreColdKpa : 800;
    const rate = prev
      ? ((prev.value - tp.value) * cold) / ((Date.parse(tp.ts) - Date.parse(prev.ts)) / 60_000)
      : 0;
    const hot = (last(tyreT)?.value ?? -Infinity) >= cfg.tyreHotC;
    if (rate >= cfg.rapidLeakKpaPerMin || hot) level = 5;
    if (level > 0)
      factors.push({
        key: 'tyre',
        level,
        text: {
          zh: `胎压为推荐值的 ${Math.round(tp.value * 100)}%${rate >= cfg.rapidLeakKpaPerMin ? `，快速漏气 ${round(rate)} kPa/min` : ''}${hot ? `，胎温 ${last(tyreT)?.value} °C` : ''}`,
          en: `Tyre pressure at ${Math.round(tp.value * 100)} % of recommended${rate >= cfg.rapidLeakKpaPerMin ? `, leaking ${round(rate)} kPa/min` : ''}${hot ? `, tyre at ${last(tyreT)?.value} °C` : ''}`,
        },
      });
  }

  // Driver-state monitoring events in the window.
  const dsmCount = dsm.filter((p) => p.value >= 1).length;
  if (dsmCount > 0)
    factors.push({
      key: 'dsm',
      level: dsmCount >= cfg.dsmYellowCount ? 3 : 1,
      text: {
        zh: `${cfg.dsmWindowMin} 分钟内驾驶员状态监测报警 ${dsmCount} 次（疲劳/分神）`,
        en: `${dsmCount} driver-state event(s) (fatigue / distraction) in ${cfg.dsmWindowMin} min`,
      },
    });

  // Position now: the latest fix no older than positionMaxAgeSec.
  const fix = fixes[fixes.length - 1];
  const at: [number, number] | null =
    fix && endMs - Date.parse(fix.ts) <= cfg.positionMaxAgeSec * 1000 ? [fix.lon, fix.lat] : null;
  let targets: AffectedTarget[] = [];
  let impactRadiusM: number | undefined;
  const hazmat = kind === 'hazmat_truck';
  if (hazmat && at) {
    const near = await ctx.within(cfg.targetRadiusM, { roles: ['target', 'hazard'], at });
    targets = near.map((o) => ({
      id: o.id,
      kind: o.kind,
      role: o.role,
      name: o.name,
      distanceM: Math.round(o.distanceM ?? 0),
    }));
    const cls = typeof attrs.hazmatClass === 'number' ? attrs.hazmatClass : 9;
    impactRadiusM = cfg.isolationM[`c${cls}` as keyof KeyVehicleConfig['isolationM']];
  }
  const raining = (weather?.rainMmH ?? 0) >= cfg.rainMmH;
  const result = combine(factors, { night, raining, hazmatNearTarget: targets.length > 0 });

  const sorted = [...factors].sort((a, b) => b.level - a.level);
  findings.unshift(...sorted.map((f) => f.text));
  if (hazmat && targets.length > 0)
    findings.push({
      zh: `危险货物车辆 ${round(cfg.targetRadiusM, 0)} 米内有防护目标：${targets.map((t) => `${t.name.zh}（${t.distanceM} 米）`).join('、')}`,
      en: `Protection targets within ${round(cfg.targetRadiusM, 0)} m of the hazmat truck: ${targets.map((t) => `${t.name.en} (${t.distanceM} m)`).join(', ')}`,
    });
  if (hazmat && !at)
    findings.push({
      zh: '无近期定位，未能核查周边防护目标',
      en: 'No recent position: protection targets not checked',
    });
  findings.push(...result.reasons);
  if (result.tier === null && !glitch && factors.length === 0)
    findings.push({ zh: '复核后无风险因素', en: 'No risk factor after review' });

  const seats = typeof attrs.seats === 'number' ? attrs.seats : null;
  const load = loadText(kind, attrs, { targets, radiusM: impactRadiusM, located: at !== null });
  const factorsZh = sorted.map((f) => f.text.zh).join('；') || '无';
  const factorsEn = sorted.map((f) => f.text.en).join('; ') || 'none';
  return {
    tier: result.tier,
    ...(at ? { impact: { type: 'Point' as const, coordinates: at } } : {}),
    ...(impactRadiusM !== undefined ? { impactRadiusM } : {}),
    targets,
    findings,
    actions: result.tier === null ? [] : actionsFor(kind, sorted, targets, result.tier),
    data: {
      plate: typeof attrs.plate === 'string' ? attrs.plate : '—',
      plateEn: typeof attrs.plate === 'string' ? plateEn(attrs.plate) : '—',
      localTime: hh,
      // The templates' `{{time}}` / `{{utcOffset}}` at the same offset as the night and curfew rules.
      time: localTime(event.ts, offsetMin),
      utcOffset: utcOffsetLabel(offsetMin),
      speedKmh: round(vNow),
      limitKmh: vLim === null ? '—' : round(vLim),
      overspeedPct: Math.round(ratio * 100),
      continuousH: round(contH),
      dailyH: round(dt.movingH),
      passengers: seats ?? '—',
      loadZh: load.zh,
      loadEn: load.en,
      cargoZh: typeof attrs.cargoZh === 'string' ? attrs.cargoZh : '—',
      cargoEn: typeof attrs.cargoEn === 'string' ? attrs.cargoEn : '—',
      unNumber: typeof attrs.unNumber === 'string' ? attrs.unNumber : '—',
      positionZh: at ? `${round(at[0], 5)}, ${round(at[1], 5)}` : '未知',
      positionEn: at ? `${round(at[0], 5)}, ${round(at[1], 5)}` : 'unknown',
      factorsZh,
      factorsEn,
    },
  };
}
