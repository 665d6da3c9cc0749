/**
 * A detection (satellite hotspot, video smoke/flame, mapped burned area): verify it by a second source,
 * then forecast the spread (Wang Zhengfei), list who and what is in the path and the resources nearby,
 * and set the tier.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  localTime,
  type Statement,
  utcOffsetLabel,
} from '@fenghuo/sdk';
import { type Confirmation, type DetectionMetric, findConfirmations } from './confirm.js';
import { rateDanger } from './danger.js';
import type { FireConfig, FuelType } from './definition.js';
import { type LonLat, pathPolygon } from './geo.js';
import { type FireWeather, gatherWeather, latestNear, sensorsAround } from './inputs.js';
import { compass, inPath, reach, toTargets } from './path.js';
import { type Spread, wangSpread } from './spread.js';
import { confirmedFireTier, fmt } from './tier.js';

const SOURCE_NAMES: Record<DetectionMetric, { zh: string; en: string }> = {
  hotspot: { zh: '卫星热点', en: 'satellite hotspot' },
  smoke_flame_video: { zh: '视频烟火识别', en: 'video smoke/flame detection' },
  burned_area: { zh: '地面/无人机过火面积', en: 'ground/drone burned-area report' },
};

function num(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? x : undefined;
}

const FUELS: readonly FuelType[] = ['conifer_needles', 'litter', 'grass', 'pasture', 'broadleaf', 'mixed'];

export async function analyseDetection(
  event: AlarmEvent,
  metric: DetectionMetric,
  ctx: AnalysisContext,
  cfg: FireConfig,
): Promise<AnalysisResult> {
  const src = SOURCE_NAMES[metric];
  const sensors = await sensorsAround(event, ctx, Math.max(cfg.stationRadiusM, cfg.confirmRadiusM));

  // A mapped burned area is ground truth by itself; a hotspot or a video event needs a second source.
  const confirmations =
    metric === 'burned_area' ? [] : await findConfirmations(event, metric, ctx, cfg, sensors);
  if (metric !== 'burned_area' && confirmations.length === 0) {
    const at = event.sensor.location;
    return unconfirmed(event, src, `${at[0].toFixed(4)}, ${at[1].toFixed(4)}`, cfg);
  }

  const findings: Statement[] = [confirmedFinding(src, confirmations, event.utcOffsetMin ?? 0)];
  // A camera sits on its tower, away from the fire: place the fire at a confirming hotspot or mapped area.
  const placed =
    metric === 'smoke_flame_video' ? confirmations.find((c) => c.metric !== 'smoke_flame_video') : undefined;
  const fire: LonLat = placed ? placed.location : (event.sensor.location as LonLat);
  const where = `${fire[0].toFixed(4)}, ${fire[1].toFixed(4)}`;
  if (placed)
    findings.push({
      zh: `火点位置取 ${SOURCE_NAMES[placed.metric].zh} ${placed.sensor} 的位置（${where}），摄像机只给出瞭望塔位置`,
      en: `Fire placed at ${SOURCE_NAMES[placed.metric].en} ${placed.sensor} (${where}); the camera only gives its tower's position`,
    });
  const w = await gatherWeather(event, ctx, cfg, sensors);

  // Danger level: the official one in force, else rated from the station weather.
  const rated =
    w.tempC && w.rhPct && w.windMs && w.dryDays
      ? rateDanger(
          { tempC: w.tempC.value, rhPct: w.rhPct.value, windMs: w.windMs.value, dryDays: w.dryDays.value },
          cfg.danger,
        )
      : undefined;
  const dangerLevel = w.officialLevel?.value ?? rated?.level;
  if (dangerLevel !== undefined)
    findings.push({
      zh: `森林火险气象等级 ${dangerLevel} 级（${w.officialLevel ? '气象部门发布' : `由气象要素评定，指数 ${rated?.index}`}）`,
      en: `Fire danger level ${dangerLevel} (${w.officialLevel ? 'issued by the met service' : `rated from the weather, index ${rated?.index}`})`,
    });

  // Terrain and fuel of the forest area the fire is in.
  const attrs = event.object.attributes;
  const fuelAttr = attrs.fuelType;
  const fuel: FuelType = FUELS.includes(fuelAttr as FuelType)
    ? (fuelAttr as FuelType)
    : cfg.spread.defaultFuel;
  const slopeDeg = num(attrs.slopeDeg) ?? 0;
  const aspectDeg = num(attrs.aspectDeg);

  const areaHa = metric === 'burned_area' ? event.value : await nearbyArea(event, ctx, cfg, sensors);
  const decide = (tierIn: Parameters<typeof confirmedFireTier>[0]) => {
    const t = confirmedFireTier({ ...tierIn, areaHa, dangerLevel }, cfg);
    findings.push({
      zh: `定级依据：${joinZh(t.reasons, '已确认明火')}`,
      en: `Tier basis: ${joinEn(t.reasons, 'confirmed open fire')}`,
    });
    return t.tier;
  };

  if (!w.tempC || !w.rhPct || !w.windMs) {
    // No weather: no spread forecast; look around the near ring only.
    const near = await ctx.within(cfg.minNearM, { at: fire, roles: ['target', 'hazard', 'monitored'] });
    const still: Spread = {
      r0: 0,
      ks: 1,
      kw: 1,
      kphi: 1,
      rate: 0,
      flankRate: 0,
      headingDeg: null,
      effSlopeDeg: 0,
    };
    const path = inPath(fire, near, still, cfg, new Set([event.object.id])).filter(
      (p) => p.object.role !== 'monitored' || p.settlement,
    );
    findings.push({
      zh: '缺少气温/湿度/风速，未推演蔓延；仅列出火点周边对象',
      en: 'No temperature, humidity or wind: spread not forecast; only objects around the fire are listed',
    });
    const settle = path.filter((p) => p.settlement);
    const tier = decide({ nearestSettlementM: settle[0]?.distanceM });
    const resources = await resourcesNear(fire, ctx, cfg);
    return finish(event, tier, findings, cfg, {
      impact: pathPolygon(fire, 0, 180, cfg.minNearM, cfg.minNearM),
      impactRadiusM: cfg.minNearM,
      targets: toTargets(path),
      resources,
      dangerLevel,
      areaHa,
      where,
      src,
      confirmations,
      pathText: pathText(path),
      spreadZh: '未推演（缺气象数据）',
      spreadEn: 'not forecast (no weather)',
    });
  }

  const spread = wangSpread(
    {
      tempC: w.tempC.value,
      rhPct: w.rhPct.value,
      windMs: w.windMs.value,
      windFromDeg: w.windFromDeg,
      fuel,
      slopeDeg,
      aspectDeg,
    },
    cfg.spread,
  );
  const { lengthM, nearM } = reach(spread, cfg);
  const heading = spread.headingDeg;
  const dir =
    heading === null
      ? { zh: '四周（风向不明）', en: 'all directions (wind direction unknown)' }
      : compass(heading);
  findings.push({
    zh: `王正非模型：R0 ${spread.r0.toFixed(2)} 米/分 × Ks ${fmt(spread.ks)} × Kw ${spread.kw.toFixed(2)} × Kφ ${spread.kphi.toFixed(2)} = 火头蔓延速度 ${spread.rate.toFixed(1)} 米/分，向${dir.zh}蔓延；${cfg.horizonMin} 分钟可达 ${Math.round(lengthM)} 米`,
    en: `Wang Zhengfei model: R0 ${spread.r0.toFixed(2)} m/min × Ks ${fmt(spread.ks)} × Kw ${spread.kw.toFixed(2)} × Kφ ${spread.kphi.toFixed(2)} = head-fire rate ${spread.rate.toFixed(1)} m/min towards ${dir.en}; ${Math.round(lengthM)} m in ${cfg.horizonMin} min`,
  });

  const objs = await ctx.within(Math.max(lengthM, nearM), {
    at: fire,
    roles: ['target', 'hazard', 'monitored'],
  });
  const path = inPath(fire, objs, spread, cfg, new Set([event.object.id])).filter(
    (p) => p.object.role !== 'monitored' || p.settlement,
  );
  const settle = path.filter((p) => p.settlement);
  const firstHead = settle.find((p) => p.inSector);
  findings.push(
    path.length === 0
      ? { zh: '蔓延路径上无居民点或重要设施', en: 'No settlement or key facility in the path' }
      : { zh: `蔓延路径上：${pathText(path).zh}`, en: `In the path: ${pathText(path).en}` },
  );
  const tier = decide({
    nearestSettlementM: settle.reduce<number | undefined>(
      (m, p) => (m === undefined || p.distanceM < m ? p.distanceM : m),
      undefined,
    ),
    firstArrivalMin: firstHead?.arrivalMin ?? settle.find((p) => p.arrivalMin <= cfg.horizonMin)?.arrivalMin,
  });
  const resources = await resourcesNear(fire, ctx, cfg);
  return finish(event, tier, findings, cfg, {
    impact: pathPolygon(fire, heading ?? 0, heading === null ? 180 : cfg.sectorHalfAngleDeg, lengthM, nearM),
    impactRadiusM: Math.round(Math.max(lengthM, nearM)),
    targets: toTargets(path),
    resources,
    dangerLevel,
    areaHa,
    where,
    src,
    confirmations,
    pathText: pathText(path),
    spreadZh: `火头 ${spread.rate.toFixed(1)} 米/分，向${dir.zh}，${cfg.horizonMin} 分钟约 ${Math.round(lengthM)} 米`,
    spreadEn: `head fire ${spread.rate.toFixed(1)} m/min towards ${dir.en}, about ${Math.round(lengthM)} m in ${cfg.horizonMin} min`,
    weather: w,
  });
}

function joinZh(r: Statement[], none: string): string {
  return r.length === 0 ? none : r.map((s) => s.zh).join('；');
}
function joinEn(r: Statement[], none: string): string {
  return r.length === 0 ? none : r.map((s) => s.en).join('; ');
}

/** The confirming readings, each with its distance and its time in the city (readers compare it with the clock). */
function confirmedFinding(src: { zh: string; en: string }, c: Confirmation[], offsetMin: number): Statement {
  if (c.length === 0)
    return {
      zh: `${src.zh}：地面/无人机实测，火情已确认`,
      en: `${src.en}: mapped on the ground, fire confirmed`,
    };
  const list = c
    .map(
      (x) =>
        `${SOURCE_NAMES[x.metric].zh} ${x.sensor}（${Math.round(x.distanceM)} 米，${localTime(x.ts, offsetMin)}）`,
    )
    .join('、');
  const listEn = c
    .map(
      (x) =>
        `${SOURCE_NAMES[x.metric].en} ${x.sensor} (${Math.round(x.distanceM)} m) at ${localTime(x.ts, offsetMin)} (${utcOffsetLabel(offsetMin)})`,
    )
    .join('; ');
  return {
    zh: `火情已确认：${src.zh}经第二来源核实：${list}`,
    en: `Fire confirmed: the ${src.en} is confirmed by a second source: ${listEn}`,
  };
}

/** The largest burned area reported near the fire within the confirmation window. */
async function nearbyArea(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FireConfig,
  sensors: Awaited<ReturnType<typeof sensorsAround>>,
): Promise<number | undefined> {
  const from = new Date(Date.parse(event.ts) - cfg.confirmWindowMin * 60_000).toISOString();
  const near = sensors.filter((s) => (s.distanceM ?? 0) <= cfg.confirmRadiusM);
  const a = await latestNear(ctx, near, 'burned_area', from);
  return a && a.value > 0 ? a.value : undefined;
}

interface Resource {
  zh: string;
  en: string;
  id: string;
  kind: string;
}

async function resourcesNear(fire: LonLat, ctx: AnalysisContext, cfg: FireConfig): Promise<Resource[]> {
  if (cfg.resourceRadiusM <= 0 || cfg.resourceKinds.length === 0) return [];
  const found = await ctx.within(cfg.resourceRadiusM, { at: fire, kinds: cfg.resourceKinds });
  return found.slice(0, 8).map((o) => ({
    id: o.id,
    kind: o.kind,
    zh: `${o.name.zh}（${((o.distanceM ?? 0) / 1000).toFixed(1)} 公里）`,
    en: `${o.name.en} (${((o.distanceM ?? 0) / 1000).toFixed(1)} km)`,
  }));
}

function pathText(path: ReturnType<typeof inPath>): { zh: string; en: string } {
  if (path.length === 0) return { zh: '无', en: 'none' };
  const t = (p: (typeof path)[number]) => (Number.isFinite(p.arrivalMin) ? Math.round(p.arrivalMin) : '—');
  return {
    zh: path.map((p) => `${p.object.name.zh}（${Math.round(p.distanceM)} 米，约 ${t(p)} 分钟）`).join('、'),
    en: path.map((p) => `${p.object.name.en} (${Math.round(p.distanceM)} m, about ${t(p)} min)`).join(', '),
  };
}

interface Finish {
  impact: AnalysisResult['impact'];
  impactRadiusM: number;
  targets: NonNullable<AnalysisResult['targets']>;
  resources: Resource[];
  dangerLevel: number | undefined;
  areaHa: number | undefined;
  where: string;
  src: { zh: string; en: string };
  confirmations: Confirmation[];
  pathText: { zh: string; en: string };
  spreadZh: string;
  spreadEn: string;
  weather?: FireWeather;
}

function finish(
  event: AlarmEvent,
  tier: AnalysisResult['tier'],
  findings: Statement[],
  cfg: FireConfig,
  f: Finish,
): AnalysisResult {
  const resZh = f.resources.length ? f.resources.map((r) => r.zh).join('、') : '范围内未登记';
  const resEn = f.resources.length ? f.resources.map((r) => r.en).join(', ') : 'none registered nearby';
  findings.push({ zh: `附近扑救资源：${resZh}`, en: `Fire-fighting resources nearby: ${resEn}` });
  const teams = f.resources.filter((r) => r.kind === 'fire_team');
  const supply = f.resources.filter((r) => r.kind !== 'fire_team');
  const actions: Statement[] = [
    teams.length > 0
      ? {
          zh: `立即调派就近扑火队伍（${teams.map((r) => r.zh).join('、')}）赶赴火场，按“打早、打小、打了”原则组织扑救`,
          en: `Send the nearest fire-fighting team (${teams.map((r) => r.en).join(', ')}) at once; attack early while the fire is small`,
        }
      : {
          zh: '立即调派扑火队伍赶赴火场（附近未登记扑火队伍），按“打早、打小、打了”原则组织扑救',
          en: 'Send a fire-fighting team at once (none registered nearby); attack early while the fire is small',
        },
  ];
  if (supply.length > 0)
    actions.push({
      zh: `利用附近水源、物资和隔离设施：${supply.map((r) => r.zh).join('、')}`,
      en: `Use the water sources, depots and firebreaks nearby: ${supply.map((r) => r.en).join(', ')}`,
    });
  if (f.targets.length > 0)
    actions.push({
      zh: `通知并组织蔓延路径上的居民点和单位做好转移准备：${f.pathText.zh}`,
      en: `Alert the settlements and sites in the path and prepare to evacuate them: ${f.pathText.en}`,
    });
  actions.push(
    {
      zh: '在火头前方利用道路、河流开设隔离带，严禁人员进入火头下风方向和陡坡上方',
      en: 'Cut firebreaks ahead of the head fire along roads and rivers; keep crews out of the downwind side and above steep slopes',
    },
    {
      zh: '卫星、瞭望塔、无人机持续监视火场，每 30 分钟更新火线位置与过火面积',
      en: 'Keep satellite, tower and drone watch; update the fire line and burned area every 30 min',
    },
  );
  const tierNote = tier === 'red' || tier === 'orange';
  if (tierNote)
    actions.push({
      zh: '报告县级以上森林防火指挥机构，申请航空灭火和跨区增援',
      en: 'Report to the county forest-fire command; request aerial fire-fighting and reinforcements',
    });
  // The detection's time in the city: the Chinese text gives the clock, the English one adds the offset.
  const when = localTime(event.ts, event.utcOffsetMin ?? 0);
  const whenEn = `${when} (${utcOffsetLabel(event.utcOffsetMin ?? 0)})`;
  const areaZh = f.areaHa !== undefined ? `，过火面积 ${fmt(f.areaHa)} 公顷` : '';
  const areaEn = f.areaHa !== undefined ? `, burned area ${fmt(f.areaHa)} ha` : '';
  const lvl = f.dangerLevel !== undefined ? String(f.dangerLevel) : '—';
  return {
    tier,
    impact: f.impact,
    impactRadiusM: f.impactRadiusM,
    targets: f.targets,
    findings,
    actions,
    data: {
      headlineZh: '森林火情',
      headlineEn: 'forest fire',
      summaryZh: `${when} ${f.src.zh}在 ${f.where} 发现火情，${f.confirmations.length > 0 ? '已经第二来源确认' : '已现场实测确认'}${areaZh}。森林火险气象等级 ${lvl} 级；${f.spreadZh}。蔓延路径上的居民点和设施：${f.pathText.zh}。`,
      summaryEn: `${whenEn}: a fire reported by ${f.src.en} at ${f.where}, ${f.confirmations.length > 0 ? 'confirmed by a second source' : 'confirmed on the ground'}${areaEn}. Fire danger level ${lvl}; ${f.spreadEn}. Settlements and sites in the path: ${f.pathText.en}.`,
      fireLocation: f.where,
      dangerLevel: lvl,
      confirmations: f.confirmations.length,
      pathZh: f.pathText.zh,
      pathEn: f.pathText.en,
      resourcesZh: resZh,
      resourcesEn: resEn,
      spreadZh: f.spreadZh,
      spreadEn: f.spreadEn,
      horizonMin: cfg.horizonMin,
      areaHa: f.areaHa ?? '—',
      windMs: f.weather?.windMs?.value ?? '—',
      rhPct: f.weather?.rhPct?.value ?? '—',
    },
  };
}

function unconfirmed(
  event: AlarmEvent,
  src: { zh: string; en: string },
  where: string,
  cfg: FireConfig,
): AnalysisResult {
  return {
    tier: null,
    findings: [
      {
        zh: `${src.zh}未经核实：${cfg.confirmRadiusM} 米、${cfg.confirmWindowMin} 分钟内无第二来源（${event.metric === 'hotspot' ? '视频、地面或无人机' : '卫星、地面或无人机'}）检出火情，不发布预警`,
        en: `Unconfirmed ${src.en}: no second source (${event.metric === 'hotspot' ? 'video, ground or drone' : 'satellite, ground or drone'}) within ${cfg.confirmRadiusM} m and ${cfg.confirmWindowMin} min; no warning`,
      },
    ],
    actions: [
      {
        zh: `通知权属林场就近核查 ${where} 处疑似火点：调转瞭望塔/视频、派无人机或护林员现场核实，并回报结果`,
        en: `Ask the forest farm to verify the suspected fire at ${where}: turn a tower camera on it, fly a drone or send rangers, and report back`,
      },
    ],
  };
}
