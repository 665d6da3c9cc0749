/**
 * The large-crowd analysis (guideline §4(2)7): count and density of the area with Fruin's level of
 * service, a 15–30 minute forecast from the recent curve and the time-of-day pattern, the stampede-risk
 * tier from density, forecast and area type, its likelihood, time and extent, and the actions.
 */
import type { AffectedTarget, AlarmEvent, AnalysisContext, AnalysisResult, I18n, Point } from '@fenghuo/sdk';
import { crowdActions, publicChannels } from './actions.js';
import type { AreaKind, AreaType, CrowdConfig, CrowdMode } from './definition.js';
import { objects } from './definition.js';
import {
  blend,
  capForecasts,
  DAY_MS,
  extrapolate,
  type HorizonForecast,
  linearFit,
  MIN_MS,
  minutesTo,
  profileRatio,
  type Sample,
  valueNear,
} from './forecast.js';
import { describeLos, fruinLos, tableFor } from './fruin.js';
import { findGlitch, HAZARDOUS_AREAS, LIKELIHOOD, maxInflowPerMin, riskTier } from './risk.js';

const iso = (ms: number) => new Date(ms).toISOString();
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);
const r0 = (x: number) => Math.round(x);
const r2 = (x: number) => Math.round(x * 100) / 100;

const AREA_TYPE: Record<AreaType, I18n> = {
  open: { zh: '开阔区域', en: 'open area' },
  stairs: { zh: '台阶', en: 'stairs' },
  slope: { zh: '坡道', en: 'slope' },
  bottleneck: { zh: '瓶颈（出入口/通道）', en: 'bottleneck (gate / passage)' },
};

/** Default crowd mode by kind: people walk through stations and streets, stand at venues and squares. */
const MODE_BY_KIND: Record<AreaKind, CrowdMode> = {
  scenic_area: 'moving',
  square_street: 'standing',
  transit_hub: 'moving',
  event_venue: 'standing',
};

/** Converts a reading of the alarmed metric to persons in the area, or `null` when it cannot. */
export function personsOf(
  metric: string,
  areaM2: number,
  capacity: number | undefined,
): ((v: number) => number) | null {
  switch (metric) {
    case 'count':
      return (v) => v;
    case 'density':
      return (v) => v * areaM2;
    case 'capacity_ratio':
      return capacity === undefined ? null : (v) => v * (capacity as number);
    default:
      return null;
  }
}

const toSamples = (pts: readonly Point[], f: (v: number) => number): Sample[] =>
  pts
    .map((p) => ({ t: Date.parse(p.ts), v: f(p.value) }))
    .filter((s) => Number.isFinite(s.t) && Number.isFinite(s.v))
    .sort((a, b) => a.t - b.t);

function withReading(s: Sample[], t: number, v: number): Sample[] {
  const last = s[s.length - 1];
  if (last !== undefined && last.t === t) return s;
  return [...s.filter((x) => x.t < t), { t, v }];
}

/**
 * The forecast in words: each horizon below the physical maximum with its persons and density, then, if
 * any horizon was held at the maximum, when the area reaches it instead of an impossible number.
 * `extra` adds a detail (the level of service) after each density.
 *
 * @example
 * // "15 分钟后约 18501 人（7.71 人/m²），约 19 分钟内达到物理极限密度 9 人/m²（约 21600 人），30 分钟预测按此上限计"
 */
export function forecastSentence(
  forecasts: readonly HorizonForecast[],
  area: number,
  maxDensity: number,
  minutesToMax: number | null,
  extra: (f: HorizonForecast) => I18n = () => ({ zh: '', en: '' }),
): I18n {
  const zh: string[] = [];
  const en: string[] = [];
  for (const f of forecasts.filter((x) => !x.capped)) {
    const d = (f.value / area).toFixed(2);
    zh.push(`${f.horizonMin} 分钟后约 ${r0(f.value)} 人（${d} 人/m²${extra(f).zh}）`);
    en.push(`in ${f.horizonMin} min about ${r0(f.value)} persons (${d} p/m²${extra(f).en})`);
  }
  const capped = forecasts.filter((x) => x.capped).map((x) => x.horizonMin);
  if (capped.length > 0) {
    const full = r0(maxDensity * area);
    // Rounded up: "within N min" must not promise more time than the forecast gives.
    const already = minutesToMax === null || minutesToMax <= 0;
    const n = already ? 0 : Math.ceil(minutesToMax);
    zh.push(
      `${already ? '已达' : `约 ${n} 分钟内达到`}物理极限密度 ${maxDensity} 人/m²（约 ${full} 人，区域挤满），${capped.join('、')} 分钟预测按此上限计`,
    );
    en.push(
      `${already ? 'the area is already at' : `within about ${n} min the area fills to`} the physical limit of ${maxDensity} p/m² (about ${full} persons); the ${capped.join(' and ')}-min forecast is held there`,
    );
  }
  return { zh: zh.join('，'), en: en.join('; ') };
}

const noWarning = (findings: I18n[], actions: I18n[] = []): AnalysisResult => ({
  tier: null,
  findings,
  actions,
});

export async function analyseCrowd(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: CrowdConfig,
): Promise<AnalysisResult> {
  const attrs = event.object.attributes;
  const kind = (event.object.kind in objects ? event.object.kind : 'square_street') as AreaKind;
  const area = num(attrs['effectiveAreaM2']);
  const capacity = num(attrs['capacity']);
  const entranceWidthM = num(attrs['entranceWidthM']);
  const areaType = (attrs['areaType'] as AreaType | undefined) ?? 'open';
  const mode = (attrs['crowdMode'] as CrowdMode | undefined) ?? MODE_BY_KIND[kind];
  if (area === undefined || area <= 0)
    return noWarning([
      {
        zh: `${event.object.name.zh}未登记有效面积，无法换算密度`,
        en: `${event.object.name.en} has no effective area registered; density cannot be computed`,
      },
    ]);
  const toPersons = personsOf(event.metric, area, capacity);
  if (toPersons === null)
    return noWarning([
      {
        zh: `${event.metric} 无法换算为人数（核定承载量未登记），不做踩踏风险研判`,
        en: `${event.metric} cannot be converted to persons (no approved capacity registered); no stampede assessment`,
      },
    ]);

  const endT = Date.parse(event.ts);
  const sensorId = event.sensor.id;
  const recent = withReading(
    toSamples(
      await ctx.history(sensorId, event.metric, {
        from: iso(endT - cfg.trendWindowMin * MIN_MS),
        to: event.ts,
      }),
      toPersons,
    ),
    endT,
    toPersons(event.value),
  );
  const persons = (recent[recent.length - 1] as Sample).v;
  const densityNow = persons / area;

  // A jump faster than the entrances can admit people is the counter, not the crowd.
  const maxIn = maxInflowPerMin(area, entranceWidthM, cfg);
  const glitch = findGlitch(recent, maxIn, cfg.glitchFactor, cfg.glitchLookbackSamples);
  if (glitch !== null) {
    const dt = r0((glitch.to.t - glitch.from.t) / MIN_MS);
    return noWarning(
      [
        {
          zh: `疑似计数故障：${dt} 分钟内人数由 ${r0(glitch.from.v)} 跳至 ${r0(glitch.to.v)}，相当于每分钟进入 ${r0(glitch.impliedPerMin)} 人，超过入口最大通行能力 ${r0(glitch.maxPerMin)} 人/分钟`,
          en: `Likely counting glitch: the count jumped from ${r0(glitch.from.v)} to ${r0(glitch.to.v)} in ${dt} min, i.e. ${r0(glitch.impliedPerMin)} persons/min arriving, beyond the ${r0(glitch.maxPerMin)} persons/min the entrances can admit`,
        },
      ],
      [
        {
          zh: '核查计数设备（视频/闸机/Wi-Fi 探针）并由现场人员确认人数',
          en: 'Check the counter (video, gates, Wi-Fi probes) and have staff confirm the crowd on site',
        },
      ],
    );
  }

  // Trend: a least-squares line through the last minutes.
  const fit = recent.length >= cfg.trendMinPoints ? linearFit(recent) : null;
  const horizons = [...cfg.horizonsMin].sort((a, b) => a - b);
  const hMax = horizons[horizons.length - 1] as number;

  // Time-of-day profile: how the area changed over the same clock time on past days.
  const tolMs = cfg.profileToleranceMin * MIN_MS;
  const pastDays: Sample[][] = [];
  for (let d = 1; d <= cfg.profileDays; d++) {
    const t0 = endT - d * DAY_MS;
    const pts = await ctx.history(sensorId, event.metric, {
      from: iso(t0 - tolMs),
      to: iso(t0 + hMax * MIN_MS + tolMs),
    });
    pastDays.push(toSamples(pts, toPersons));
  }
  const rawForecasts: HorizonForecast[] = horizons.map((h) => {
    const trend = fit === null ? null : extrapolate(fit, h);
    const pr = profileRatio(
      pastDays.map((s, i) => {
        const t0 = endT - (i + 1) * DAY_MS;
        return { now: valueNear(s, t0, tolMs), ahead: valueNear(s, t0 + h * MIN_MS, tolMs) };
      }),
      cfg.maxGrowthFactor,
    );
    return blend(h, persons, trend, pr === null ? null : persons * pr.ratio, cfg.weights);
  });
  // A straight line overshoots what the area can physically hold; the forecast stops at that limit.
  const maxPersons = cfg.maxDensity * area;
  const { forecasts, minutesToMax } = capForecasts(persons, rawForecasts, maxPersons);
  const profileDaysUsed = profileRatio(
    pastDays.map((s, i) => {
      const t0 = endT - (i + 1) * DAY_MS;
      return { now: valueNear(s, t0, tolMs), ahead: valueNear(s, t0 + hMax * MIN_MS, tolMs) };
    }),
    cfg.maxGrowthFactor,
  );

  // Counter-flow, when the sensor measures it, lowers the limits like stairs and bottlenecks do.
  let counterflow: number | undefined;
  if (event.sensor.metrics.includes('counterflow')) {
    const cf = await ctx.history(sensorId, 'counterflow', {
      from: iso(endT - 10 * MIN_MS),
      to: event.ts,
      limit: 1,
    });
    counterflow = cf[0]?.value;
  }
  const hazardousArea = HAZARDOUS_AREAS.includes(areaType);
  const heavyCounterflow = counterflow !== undefined && counterflow >= cfg.hazardCounterflow;
  const lowered = hazardousArea || heavyCounterflow;

  const risk = riskTier(
    {
      densityNow,
      densityAhead: forecasts.map((f) => f.value / area),
      ratioNow: capacity === undefined ? null : persons / capacity,
      ratioAhead: forecasts.map((f) => (capacity === undefined ? null : f.value / capacity)),
      lowered,
    },
    cfg,
  );

  const findings: I18n[] = [];
  const los = describeLos(densityNow, mode);
  findings.push({
    zh: `${event.object.name.zh}现有约 ${r0(persons)} 人，有效面积 ${r0(area)} m²；${los.zh}`,
    // describeLos starts a sentence ("Density …"); here it follows a semicolon.
    en: `${event.object.name.en} holds about ${r0(persons)} persons on ${r0(area)} m²; ${los.en.charAt(0).toLowerCase()}${los.en.slice(1)}`,
  });
  if (capacity !== undefined)
    findings.push({
      zh: `已达核定瞬时承载量 ${r0(capacity)} 人的 ${r0((persons / capacity) * 100)}%`,
      en: `${r0((persons / capacity) * 100)} % of the approved instantaneous capacity of ${r0(capacity)}`,
    });
  if (fit !== null) {
    const per = r0(fit.slopePerMin);
    findings.push({
      zh: `近 ${cfg.trendWindowMin} 分钟人数${per >= 0 ? '每分钟增加' : '每分钟减少'} ${Math.abs(per)} 人（R² ${fit.r2.toFixed(2)}）`,
      en: `Over the last ${cfg.trendWindowMin} min the count ${per >= 0 ? 'grew' : 'fell'} by ${Math.abs(per)} persons/min (R² ${fit.r2.toFixed(2)})`,
    });
  }
  const basisText: Record<HorizonForecast['basis'], I18n> = {
    blend: {
      zh: `近期趋势（权重 ${cfg.weights.trend}）与前 ${profileDaysUsed?.days ?? 0} 天同时段曲线（权重 ${cfg.weights.profile}）融合`,
      en: `recent trend (weight ${cfg.weights.trend}) blended with the same time of day on ${profileDaysUsed?.days ?? 0} past day(s) (weight ${cfg.weights.profile})`,
    },
    trend: { zh: '近期趋势（无同时段历史）', en: 'recent trend only (no time-of-day history)' },
    profile: { zh: '同时段历史曲线（近期点数不足）', en: 'time-of-day history only (too few recent points)' },
    persistence: { zh: '保持现值（无趋势和历史）', en: 'persistence (no trend, no history)' },
  };
  const f0 = forecasts[0] as HorizonForecast;
  const losOf = (f: HorizonForecast): I18n => ({
    zh: `，${tableFor(mode) === 'walkway' ? '行进' : '排队'}服务水平 ${fruinLos(f.value / area, tableFor(mode))}`,
    en: `, ${tableFor(mode)} LOS ${fruinLos(f.value / area, tableFor(mode))}`,
  });
  const forecastText = forecastSentence(forecasts, area, cfg.maxDensity, minutesToMax, losOf);
  findings.push({
    zh: `预测：${forecastText.zh}；依据${basisText[f0.basis].zh}`,
    en: `Forecast: ${forecastText.en}; basis: ${basisText[f0.basis].en}`,
  });
  if (lowered) {
    const why: I18n = hazardousArea
      ? AREA_TYPE[areaType]
      : { zh: `逆向/交叉流比例 ${counterflow}`, en: `counter-flow share ${counterflow}` };
    findings.push({
      zh: `区域为${why.zh}：各级密度阈值下调一级（红色 ${risk.limits.red} 人/m²）`,
      en: `The area is ${why.en}: every density limit is lowered one tier (red at ${risk.limits.red} p/m²)`,
    });
  }
  const slopeDensity = fit === null ? 0 : fit.slopePerMin / area;
  const toRed = minutesTo(risk.limits.red, densityNow, slopeDensity);

  if (risk.tier === null) {
    findings.push({
      zh: '当前及预测密度均未达蓝色阈值，仅通知管理单位',
      en: 'Neither the present nor the forecast density reaches the blue limit; the operator is notified only',
    });
    return noWarning(findings, [
      {
        zh: '管理单位加强巡查和视频监控，核实现场人数',
        en: 'The operator steps up patrols and video watch and confirms the count on site',
      },
    ]);
  }

  const driver: I18n =
    risk.drivenBy === 'now'
      ? { zh: '由当前密度决定', en: 'set by the density now' }
      : risk.drivenBy === 'capacity'
        ? { zh: '由承载率决定', en: 'set by the share of capacity' }
        : {
            zh: `由 ${forecasts[Number(risk.drivenBy.split(':')[1])]?.horizonMin} 分钟预测决定`,
            en: `set by the ${forecasts[Number(risk.drivenBy.split(':')[1])]?.horizonMin}-min forecast`,
          };
  const timeText: I18n =
    toRed === 0
      ? { zh: '已达红色密度', en: 'the red density is already reached' }
      : toRed === null
        ? { zh: '人数未在增长', en: 'the count is not growing' }
        : {
            zh: `按当前趋势约 ${r0(toRed)} 分钟后达到红色密度 ${risk.limits.red} 人/m²`,
            en: `on the present trend the red density of ${risk.limits.red} p/m² is about ${r0(toRed)} min away`,
          };
  findings.push({
    zh: `${LIKELIHOOD[risk.tier].zh}（${driver.zh}）；${timeText.zh}`,
    en: `${LIKELIHOOD[risk.tier].en} (${driver.en}); ${timeText.en}`,
  });

  // Neighbouring monitored areas with room to spare, to divert people to.
  const divertTo: I18n[] = [];
  const divertNames: string[] = [];
  const near = (await ctx.neighbours(cfg.neighbourRadiusM)).filter((n) => n.objectId !== event.object.id);
  for (const n of near.slice(0, 5)) {
    const m = n.metrics.includes('density') ? 'density' : n.metrics.includes('count') ? 'count' : null;
    if (m === null) continue;
    const obj = await ctx.object(n.objectId);
    const a = num(obj?.attributes['effectiveAreaM2']);
    const last = (await ctx.history(n.id, m, { from: iso(endT - 10 * MIN_MS), to: event.ts, limit: 1 }))[0];
    if (obj === null || last === undefined) continue;
    const d = m === 'density' ? last.value : a === undefined ? null : last.value / a;
    if (d !== null && d < cfg.riskDensity.alarm && !divertNames.includes(obj.id)) {
      divertNames.push(obj.id);
      divertTo.push({
        zh: `${obj.name.zh}（${d.toFixed(2)} 人/m²）`,
        en: `${obj.name.en} (${d.toFixed(2)} p/m²)`,
      });
    }
  }

  const targets: AffectedTarget[] = (await ctx.within(cfg.targetRadiusM, { roles: ['target'] })).map((o) => ({
    id: o.id,
    kind: o.kind,
    role: o.role,
    name: o.name,
    distanceM: r0(o.distanceM ?? 0),
  }));
  findings.push({
    zh: `影响范围：整个${event.object.name.zh}约 ${r0(persons)} 人${targets.length > 0 ? `，周边 ${cfg.targetRadiusM} 米内有${targets.map((t) => t.name.zh).join('、')}` : ''}`,
    en: `Extent: all of ${event.object.name.en}, about ${r0(persons)} persons${targets.length > 0 ? `; within ${cfg.targetRadiusM} m: ${targets.map((t) => t.name.en).join(', ')}` : ''}`,
  });

  const actions = crowdActions({ tier: risk.tier, kind, lowered, divertTo, minutesToRed: toRed });
  const channels = publicChannels(risk.tier);
  const fLast = forecasts[forecasts.length - 1] as HorizonForecast;
  const geom = event.object.geometry;
  return {
    tier: risk.tier,
    ...(geom.type === 'Polygon' || geom.type === 'MultiPolygon' ? { impact: geom } : {}),
    targets,
    findings,
    actions,
    data: {
      persons: r0(persons),
      density: r2(densityNow),
      los: fruinLos(densityNow, tableFor(mode)),
      losTableZh: tableFor(mode) === 'walkway' ? '行进' : '排队',
      losTableEn: tableFor(mode),
      capacityPct: capacity === undefined ? '—' : r0((persons / capacity) * 100),
      // Without an approved capacity the body says nothing about it rather than "— %".
      capacityZh: capacity === undefined ? '' : `，为核定承载量的 ${r0((persons / capacity) * 100)}%`,
      capacityEn:
        capacity === undefined ? '' : `, ${r0((persons / capacity) * 100)} % of its approved capacity`,
      forecastZh: forecastSentence(forecasts, area, cfg.maxDensity, minutesToMax).zh,
      forecastEn: forecastSentence(forecasts, area, cfg.maxDensity, minutesToMax).en,
      h1: f0.horizonMin,
      persons1: r0(f0.value),
      density1: r2(f0.value / area),
      h2: fLast.horizonMin,
      persons2: r0(fLast.value),
      density2: r2(fLast.value / area),
      likelihoodZh: LIKELIHOOD[risk.tier].zh,
      likelihoodEn: LIKELIHOOD[risk.tier].en,
      timeZh: timeText.zh,
      timeEn: timeText.en,
      minutesToRed: toRed === null ? '—' : r0(toRed),
      areaTypeZh: AREA_TYPE[areaType].zh,
      areaTypeEn: AREA_TYPE[areaType].en,
      channelsZh: channels.zh,
      channelsEn: channels.en,
    },
  };
}
