/**
 * Ponding at an underpass, a flood-prone road or an underground-space entrance: judge the alarm, forecast
 * the next hour from the nowcast, recommend closure, name the mains under the road and count who is
 * exposed.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, CityObject, Statement, Tier } from '@fenghuo/sdk';
import { pondingActions } from './actions.js';
import {
  circlePolygon,
  exposure,
  type LonLat,
  levelOf,
  lifelinesNear,
  maxTier,
  namesWithDistance,
  num,
  rainNear,
  round1,
  round2,
  slopePerMin,
  TIER_NAME,
  tierAt,
  tierIdx,
  toSamples,
  withReading,
} from './common.js';
import type { FloodConfig } from './definition.js';
import { closureAdvice, depthEffect } from './depth.js';
import { drainageOf, PUMP_STATE_NAME } from './drainage.js';
import { forecastPonding, halfLengthM, minutesTo } from './ponding-model.js';

export async function analysePonding(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FloodConfig,
): Promise<AnalysisResult> {
  const obj = event.object;
  const place = obj.name;
  const eventT = Date.parse(event.ts);
  const at: LonLat = event.sensor.location;
  const samples = withReading(
    toSamples(
      await ctx.history(event.sensor.id, 'ponding_depth', {
        from: new Date(eventT - cfg.windowMin * 60_000).toISOString(),
        to: event.ts,
      }),
    ),
    eventT,
    event.value,
  );
  const limits = await ctx.thresholds(event.sensor.id, 'ponding_depth');
  const alarmCm = limits.alarm ?? limits.blue ?? event.limit;
  const h0 = event.value;

  // A lone sample above the alarm level between normal ones: a splash, a leaf, a vehicle over the probe.
  let run = 0;
  for (let k = samples.length - 1; k >= 0 && samples[k]!.v >= alarmCm; k--) run++;
  const spike = run <= cfg.spikeMaxSamples && samples.length > run;

  const rain = await rainNear(ctx, cfg, eventT, event.sensor);
  const dry = cfg.isolatedGauge.dryMm;
  const noRain = (rain.rain1hMm ?? 0) < dry && (rain.nowcast.mm ?? 0) < dry;

  const findings: Statement[] = [];
  const rainText = {
    zh: `附近 1 小时雨量 ${rain.rain1hMm === null ? '无数据' : `${round1(rain.rain1hMm)} mm`}${rain.gauge ? `（${rain.gauge.name.zh}）` : ''}；未来 1 小时预计 ${rain.nowcast.mm === null ? '未知' : `${round1(rain.nowcast.mm)} mm`}（${rain.nowcast.label.zh}）`,
    en: `Rain in the last hour nearby: ${rain.rain1hMm === null ? 'no data' : `${round1(rain.rain1hMm)} mm`}${rain.gauge ? ` (${rain.gauge.name.en})` : ''}; next hour: ${rain.nowcast.mm === null ? 'unknown' : `${round1(rain.nowcast.mm)} mm`} (${rain.nowcast.label.en})`,
  };

  if (spike && noRain) {
    return {
      tier: null,
      findings: [
        {
          zh: `${place.zh}积水深度 ${round1(h0)} cm 为孤立尖峰，前后读数正常且无降雨，判断为传感器干扰（溅水、漂浮物或车辆遮挡）`,
          en: `Ponding of ${round1(h0)} cm at ${place.en} is a lone spike between normal readings with no rain: sensor interference (splash, debris or a vehicle over the probe)`,
        },
        rainText,
      ],
      actions: [
        {
          zh: '运维人员现场核查积水监测设备，清理探头',
          en: 'Maintenance staff check the ponding sensor on site and clean the probe',
        },
      ],
    };
  }

  const last15 = samples.filter((s) => s.t >= eventT - 15 * 60_000);
  const riseCmMin = slopePerMin(last15);
  const drain = await drainageOf(ctx, cfg, obj, eventT);
  const rainMmH = rain.nowcast.mm ?? 0;
  const fc = forecastPonding({
    depthCm: h0,
    rainMmH,
    runoffCoefficient: drain.runoffCoefficient,
    catchmentHa: drain.catchmentHa,
    drainM3s: drain.drainM3s,
    storage: drain.storage,
    horizonMin: cfg.forecastMin,
    stepMin: cfg.forecastStepMin,
  });
  const closureCm = num(obj.attributes['closureDepthCm']) ?? cfg.closureDepthCm;
  const toClosure = minutesTo(fc, closureCm, cfg.forecastStepMin);
  const closure = closureAdvice(h0, toClosure, closureCm);

  const levelNow = levelOf(h0, limits);
  const levelFc = levelOf(fc.peakCm, limits);
  findings.push({
    zh: `${place.zh}积水 ${round1(h0)} cm（${TIER_NAME[levelNow ?? 'alarm'].zh}级），近 15 分钟${riseCmMin >= 0 ? '上涨' : '下降'} ${round2(Math.abs(riseCmMin))} cm/min`,
    en: `Ponding at ${place.en}: ${round1(h0)} cm (${TIER_NAME[levelNow ?? 'alarm'].en} level), ${riseCmMin >= 0 ? 'rising' : 'falling'} ${round2(Math.abs(riseCmMin))} cm/min over 15 min`,
  });
  const effect = depthEffect(Math.max(h0, fc.peakCm));
  if (effect)
    findings.push(fc.peakCm > h0 ? { zh: `预计${effect.zh}`, en: `Forecast — ${effect.en}` } : effect);
  findings.push(rainText);
  findings.push({
    zh: `未来 ${cfg.forecastMin} 分钟积水预报：最高 ${round1(fc.peakCm)} cm，末时 ${round1(fc.endCm)} cm（汇水 ${drain.catchmentHa} 公顷 × 径流系数 ${drain.runoffCoefficient} × 雨强 ${round1(rainMmH)} mm/h，来水 ${round2(fc.inflowM3s)} m³/s，排水能力 ${round2(fc.drainM3s)} m³/s）`,
    en: `Ponding forecast for the next ${cfg.forecastMin} min: peak ${round1(fc.peakCm)} cm, ${round1(fc.endCm)} cm at the end (catchment ${drain.catchmentHa} ha × runoff coefficient ${drain.runoffCoefficient} × ${round1(rainMmH)} mm/h: inflow ${round2(fc.inflowM3s)} m³/s against drainage ${round2(fc.drainM3s)} m³/s)`,
  });
  if (drain.defaulted.length > 0)
    findings.push({
      zh: `预报使用了缺省参数：${drain.defaulted.join('、')}，请在台账中补充`,
      en: `The forecast used defaults for ${drain.defaulted.join(', ')}; fill them in the inventory`,
    });
  const pumpDown = drain.pump === 'stop' || drain.pump === 'fault';
  if (drain.pump !== 'none')
    findings.push({
      zh: `排涝泵站${drain.pumpStation ? drain.pumpStation.name.zh : ''}${PUMP_STATE_NAME[drain.pump].zh}${pumpDown ? '，排水能力仅剩重力自排' : ''}`,
      en: `Pump station${drain.pumpStation ? ` ${drain.pumpStation.name.en}` : ''} ${PUMP_STATE_NAME[drain.pump].en}${pumpDown ? ': only gravity drainage is left' : ''}`,
    });
  if (closure.kind === 'close-now')
    findings.push({
      zh: `积水已达封闭标准 ${closureCm} cm，建议立即封闭交通`,
      en: `Ponding is at or above the ${closureCm} cm closure depth: close the road now`,
    });
  else if (closure.kind === 'prepare')
    findings.push({
      zh: `预计约 ${closure.inMin} 分钟后达封闭标准 ${closureCm} cm`,
      en: `Forecast to reach the ${closureCm} cm closure depth in about ${closure.inMin} min`,
    });
  if (noRain && !spike)
    findings.push({
      zh: '无降雨但积水持续：疑似供水管爆管、排水口堵塞或河水倒灌，而非降雨内涝',
      en: 'Sustained ponding without rain: likely a burst water main, a blocked outfall or river backflow rather than rain',
    });

  // The mains under the road: a ponded, saturated road over a water main is where a break and a void
  // start; a gas main beside it is what a road collapse then reaches (the disaster chain).
  const lifelines = await lifelinesNear(ctx, cfg, at);
  const deepCm = limits.blue ?? 15;
  if (lifelines.water.length > 0)
    findings.push({
      zh: `积水点 ${cfg.lifelineRadiusM} 米内供水管线：${namesWithDistance(lifelines.water, 'zh')}`,
      en: `Water mains within ${cfg.lifelineRadiusM} m of the ponding: ${namesWithDistance(lifelines.water, 'en')}`,
    });
  if (lifelines.gas.length > 0)
    findings.push({
      zh: `积水点 ${cfg.lifelineRadiusM} 米内燃气管线：${namesWithDistance(lifelines.gas, 'zh')}`,
      en: `Gas mains within ${cfg.lifelineRadiusM} m of the ponding: ${namesWithDistance(lifelines.gas, 'en')}`,
    });
  if (lifelines.water.length > 0 && Math.max(h0, fc.peakCm) >= deepCm)
    findings.push({
      zh: `灾害链：长时间积水浸泡路基，${lifelines.water[0]!.name.zh}压力骤降或爆管可致路面脱空塌陷${lifelines.gas.length > 0 ? `，塌陷可波及${lifelines.gas[0]!.name.zh}引发燃气泄漏` : ''}`,
      en: `Disaster chain: a long soak of the subgrade; a pressure drop or burst on ${lifelines.water[0]!.name.en} can leave a void and collapse the road${lifelines.gas.length > 0 ? `, and a collapse can reach ${lifelines.gas[0]!.name.en} and release gas` : ''}`,
    });

  // Exposure: the water surface plus a margin where people and vehicles meet the ponding.
  const radiusM =
    Math.ceil(Math.max(cfg.exposureRadiusM, halfLengthM(drain.storage, fc.peakCm / 100) + 20) / 10) * 10;
  const exp = await exposure(ctx, cfg, at, radiusM);
  const spaces = (await ctx.within(radiusM, { kinds: ['underground_space'], at })).filter(
    (o) => o.role === 'monitored',
  );
  const flooding = spaces.filter((o) => {
    const sill = num(o.attributes['sillHeightCm']);
    return sill !== null && Math.max(h0, fc.peakCm) >= sill;
  });
  const entrances = [...spaces];
  if (flooding.length > 0)
    findings.push({
      zh: `积水将漫过挡水高度进入：${namesWithDistance(flooding, 'zh')}`,
      en: `Water will top the step and barrier of: ${namesWithDistance(flooding, 'en')}`,
    });
  if (exp.targets.length > 0)
    findings.push({
      zh: `${radiusM} 米内防护目标 ${exp.targets.length} 处：${namesWithDistance(exp.objects, 'zh')}；估计暴露人口约 ${exp.population} 人${exp.unknownPopulation > 0 ? `（另有 ${exp.unknownPopulation} 处人数未知）` : ''}`,
      en: `${exp.targets.length} protection target(s) within ${radiusM} m: ${namesWithDistance(exp.objects, 'en')}; about ${exp.population} people exposed${exp.unknownPopulation > 0 ? ` (${exp.unknownPopulation} more with no head count)` : ''}`,
    });

  const base = maxTier(tierAt(levelNow === null ? -1 : tierIdx(levelNow)), tierAt(tierIdx(levelFc)));
  let up = 0;
  if (base !== null) {
    if (exp.sensitive.length > 0 || flooding.length > 0) up++;
  }
  const tier: Tier | null = base === null ? null : tierAt(tierIdx(base) + Math.min(up, cfg.maxEscalation));
  if (base !== null && tier !== base)
    findings.push({
      zh: `因${flooding.length > 0 ? '积水将进入地下空间' : '范围内有学校、医院等敏感目标'}，预警由${TIER_NAME[base].zh}升为${TIER_NAME[tier!].zh}`,
      en: `Raised from ${TIER_NAME[base].en} to ${TIER_NAME[tier!].en}: ${flooding.length > 0 ? 'water will enter an underground space' : 'a school, hospital or similar target is inside the area'}`,
    });
  if (levelFc !== null && tierIdx(levelFc) > tierIdx(levelNow))
    findings.push({
      zh: `按预报积水，等级由当前的${TIER_NAME[levelNow ?? 'alarm'].zh}提前至${TIER_NAME[levelFc].zh}`,
      en: `On the forecast ponding, the tier moves ahead from the current ${TIER_NAME[levelNow ?? 'alarm'].en} to ${TIER_NAME[levelFc].en}`,
    });

  const actions = pondingActions({
    tier,
    place,
    closure,
    closureCm,
    pumpDown,
    lifelines,
    sensitive: exp.sensitive,
    entrances: tier === null ? [] : entrances,
    noRain: noRain && !spike,
  });
  const names = (objs: CityObject[], lang: 'zh' | 'en') =>
    objs.length === 0 ? (lang === 'zh' ? '无' : 'none') : namesWithDistance(objs, lang);

  return {
    tier,
    impact: circlePolygon(at, radiusM),
    impactRadiusM: radiusM,
    targets: exp.targets,
    findings,
    actions,
    data: {
      hazardZh: '积水',
      exposureZh: `影响半径约 ${radiusM} 米，防护目标：${exp.targets.length === 0 ? '无' : exp.objects.map((o) => o.name.zh).join('、')}；估计暴露人口约 ${exp.population} 人`,
      exposureEn: `Impact radius about ${radiusM} m; protection targets: ${exp.targets.length === 0 ? 'none' : exp.objects.map((o) => o.name.en).join(', ')}; about ${exp.population} people exposed`,
      hazardEn: 'ponding',
      summaryZh: `未来 ${cfg.forecastMin} 分钟预计最高积水 ${round1(fc.peakCm)} cm（${rain.nowcast.label.zh} ${round1(rainMmH)} mm/h）；交通：${closure.kind === 'close-now' ? '立即封闭' : closure.kind === 'prepare' ? `约 ${closure.inMin} 分钟后需封闭` : '暂不封闭'}；附近供水管线：${names(lifelines.water, 'zh')}；燃气管线：${names(lifelines.gas, 'zh')}`,
      summaryEn: `Forecast peak ${round1(fc.peakCm)} cm within ${cfg.forecastMin} min (${rain.nowcast.label.en}, ${round1(rainMmH)} mm/h); traffic: ${closure.kind === 'close-now' ? 'close now' : closure.kind === 'prepare' ? `closure needed in about ${closure.inMin} min` : 'no closure yet'}; water mains nearby: ${names(lifelines.water, 'en')}; gas mains: ${names(lifelines.gas, 'en')}`,
      depthCm: round1(h0),
      forecastPeakCm: round1(fc.peakCm),
      forecastEndCm: round1(fc.endCm),
      forecastMin: cfg.forecastMin,
      nowcastMm: rain.nowcast.mm === null ? '—' : round1(rain.nowcast.mm),
      nowcastSourceZh: rain.nowcast.label.zh,
      nowcastSourceEn: rain.nowcast.label.en,
      closureCm,
      closureZh:
        closure.kind === 'close-now'
          ? '立即封闭'
          : closure.kind === 'prepare'
            ? `约 ${closure.inMin} 分钟后需封闭`
            : '暂不封闭',
      closureEn:
        closure.kind === 'close-now'
          ? 'close now'
          : closure.kind === 'prepare'
            ? `closure needed in about ${closure.inMin} min`
            : 'no closure yet',
      population: exp.population,
      waterMainsZh: names(lifelines.water, 'zh'),
      waterMainsEn: names(lifelines.water, 'en'),
      gasMainsZh: names(lifelines.gas, 'zh'),
      gasMainsEn: names(lifelines.gas, 'en'),
      pumpZh: PUMP_STATE_NAME[drain.pump].zh,
      pumpEn: PUMP_STATE_NAME[drain.pump].en,
    },
  };
}
