/**
 * Analysis of a sewer alarm (`sewer_fill_ratio` surcharged, `sewer_level` near the cover): in rain it is
 * storm flow (the flood risk type's business; reported, not escalated); in dry weather it points to a
 * blockage or a pump failure, and a surcharged sewer pushes water out through defective joints into the
 * soil — with wet soil around, a void may be forming.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, I18n } from '@fenghuo/sdk';
import { actionsFor } from './actions.js';
import {
  iso,
  levelIdx,
  num,
  Objects,
  round1,
  round2,
  TIER_NAME,
  tierAt,
  zoneContents,
  zoneEscalation,
  zoneFindings,
} from './common.js';
import type { WaterConfig } from './definition.js';
import { circlePolygon } from './geo.js';
import { toSamples } from './series.js';
import { soilSigns } from './soil.js';
import { coverFromInvertM, soilClass, voidRadiusM } from './voids.js';

/** Analyse a `sewer_fill_ratio` or `sewer_level` alarm. */
export async function analyseSewer(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: WaterConfig,
): Promise<AnalysisResult> {
  const objs = new Objects(ctx);
  const obj = event.object;
  const endT = Date.parse(event.ts);
  const depth = num(obj.attributes['manholeDepthM']);
  let level: number | null = event.metric === 'sewer_level' ? event.value : null;
  if (level === null && event.sensor.metrics.includes('sewer_level')) {
    const pts = await ctx.history(event.sensor.id, 'sewer_level', {
      from: iso(endT - 3_600_000),
      to: event.ts,
    });
    level = toSamples(pts).at(-1)?.v ?? null;
  }
  const findings: I18n[] = [
    {
      zh: `${obj.name.zh}${event.metric === 'sewer_level' ? '液位' : '充满度'} ${round2(event.value)}${event.metric === 'sewer_level' ? ' 米' : ''}${depth !== null && level !== null ? `，距井盖 ${round2(depth - level)} 米` : ''}`,
      en: `${obj.name.en} ${event.metric === 'sewer_level' ? 'level' : 'fill ratio'} ${round2(event.value)}${event.metric === 'sewer_level' ? ' m' : ''}${depth !== null && level !== null ? `, ${round2(depth - level)} m below the cover` : ''}`,
    },
  ];
  let base = levelIdx(event.level);
  if (depth !== null && level !== null) {
    if (level >= depth) base = Math.max(base, levelIdx('red'));
    else if (depth - level <= cfg.freeboardOrangeM) base = Math.max(base, levelIdx('orange'));
  }
  const weather = await ctx.weather();
  const raining = weather !== null && (weather.rainMmH ?? 0) >= cfg.rainMmH;
  let steps = 0;
  let zone = null;
  let radiusM = 0;
  if (raining) {
    findings.push({
      zh: `降雨中（${weather?.rainMmH} mm/h）：为雨水入流造成的满管，内涝风险由城市内涝类型研判，此处不升级`,
      en: `Raining (${weather?.rainMmH} mm/h): surcharge from storm inflow; waterlogging is judged by the flood risk type, no escalation here`,
    });
  } else {
    findings.push({
      zh: '旱天满管：下游堵塞、塌管或泵站故障；满管污水经破损接口外渗，冲刷周边土体',
      en: 'Dry-weather surcharge: a downstream blockage, collapse or pump failure; sewage forced out through defective joints erodes the soil',
    });
    const wet = (await soilSigns(ctx, objs, cfg, cfg.corroborationRadiusM, endT)).filter(
      (s) => s.rise >= cfg.riseBluePct,
    );
    const soil = soilClass(obj.attributes['soilType'], undefined);
    // The manhole depth runs to the invert; the collapse wedge wants the cover over the crown.
    const diameterMm = num(obj.attributes['diameterMm']);
    const rVoid = voidRadiusM(diameterMm, coverFromInvertM(depth, diameterMm), soil, cfg);
    radiusM = Math.min(cfg.maxZoneRadiusM, Math.ceil((cfg.soilLocationUncertaintyM + rVoid) / 10) * 10);
    if (wet.length > 0) {
      steps++;
      findings.push({
        zh: `周边土壤含水率升高：${wet.map((w) => `${w.name.zh} +${round1(w.rise)} %vol`).join('、')}，可能正在形成空洞：升一级`,
        en: `Soil around is wetter: ${wet.map((w) => `${w.name.en} +${round1(w.rise)} %vol`).join(', ')}; a void may be forming: one tier up`,
      });
    }
    zone = await zoneContents(ctx, cfg, event.sensor.location, radiusM, [obj.id]);
    findings.push(...zoneFindings(zone));
    const esc = zoneEscalation(zone, cfg);
    if (wet.length > 0) {
      steps += esc.steps;
      findings.push(...esc.findings);
    }
  }
  const tier = tierAt(base + Math.min(steps, cfg.maxEscalation));
  if (tier) findings.push({ zh: `定级 → ${TIER_NAME[tier].zh}预警`, en: `Tier → ${TIER_NAME[tier].en}` });
  return {
    tier,
    ...(zone
      ? {
          impact: circlePolygon(event.sensor.location, radiusM),
          impactRadiusM: radiusM,
          targets: zone.targets,
        }
      : {}),
    findings,
    actions: tier
      ? actionsFor(tier, {
          kind: 'sewer',
          where: obj.name,
          main: null,
          radiusM,
          gasMains: zone?.gasMains.map((o) => o.name) ?? [],
          targets: zone ? [...zone.sensitive, ...zone.others].map((o) => o.name) : [],
        })
      : [],
    data: {
      summaryZh: raining ? '降雨导致排水管网满管' : '旱天排水管网满管，污水外渗冲刷土体',
      summaryEn: raining
        ? 'sewer surcharged by rain'
        : 'dry-weather sewer surcharge; sewage exfiltrating into the soil',
      whereZh: obj.name.zh,
      whereEn: obj.name.en,
      gasMainsZh: zone?.gasMains.map((o) => o.name.zh).join('、') || '无',
      gasMainsEn: zone?.gasMains.map((o) => o.name.en).join(', ') || 'none',
    },
  };
}
