/**
 * Slope hazards (guideline §4(2)17: "geohazard tier from rainfall and geology"): on a displacement-rate or
 * rainfall alarm, reads the slope's cumulative displacement, finds its stage with the improved tangent
 * angle, rejects a lone GNSS jump, raises the tier for heavy rain and lists what the slope threatens.
 */
import type {
  AffectedTarget,
  AlarmEvent,
  AnalysisContext,
  AnalysisResult,
  Statement,
  Tier,
} from '@fenghuo/sdk';
import { maxTier, raise, round1, say, TIER_ZH } from './common.js';
import type { GeoConfig } from './definition.js';
import { movingMedian, type Sample, type Stage, type TangentResult, tangentAngle } from './tangent.js';

const DAY_MS = 86_400_000;

export const STAGE_TIER: Record<Stage, Tier | null> = {
  decelerating: null,
  uniform: 'blue',
  initial_acceleration: 'yellow',
  medium_acceleration: 'orange',
  imminent: 'red',
};

const STAGE_NAME: Record<Stage, [string, string]> = {
  decelerating: ['减速变形阶段', 'decelerating'],
  uniform: ['等速变形阶段', 'uniform creep'],
  initial_acceleration: ['初加速阶段', 'initial acceleration'],
  medium_acceleration: ['中加速阶段', 'medium acceleration'],
  imminent: ['临滑（加加速）阶段', 'imminent failure'],
};

/** Whether the last reading is a lone jump: a raw step the moving median does not follow. */
export function isLoneJump(raw: Sample[], cfg: GeoConfig): boolean {
  if (raw.length < 3) return false;
  const sm = movingMedian(raw, cfg.tangent.smoothWindow);
  const n = raw.length;
  const dRaw = raw[n - 1]!.value - raw[n - 2]!.value;
  const dSm = sm[n - 1]!.value - sm[n - 2]!.value;
  return dRaw >= cfg.spikeMinMm && dRaw > cfg.spikeFactor * Math.max(dSm, 0);
}

export interface SlopeVerdict {
  tier: Tier | null;
  tangent: TangentResult | null;
  loneJump: boolean;
  rainMm: number | null;
  findings: Statement[];
}

/** The verdict from the displacement series and the 24 h rainfall (pure). */
export function judgeSlope(raw: Sample[], rainMm: number | null, cfg: GeoConfig): SlopeVerdict {
  const findings: Statement[] = [];
  const tangent = tangentAngle(raw, cfg.tangent);
  const loneJump = isLoneJump(raw, cfg);
  let tier: Tier | null = null;
  if (tangent) {
    const [zh, en] = STAGE_NAME[tangent.stage];
    findings.push(
      say(
        `改进切线角 α = ${tangent.alphaDeg.toFixed(1)}°（等速段速率 v = ${round1(tangent.v)} mm/d，近 ${round1(tangent.deltaDays)} 天位移 ${round1(tangent.deltaS)} mm），处于${zh}`,
        `Improved tangent angle α = ${tangent.alphaDeg.toFixed(1)}° (uniform-stage v = ${round1(tangent.v)} mm/d, ${round1(tangent.deltaS)} mm over ${round1(tangent.deltaDays)} d): ${en}`,
      ),
    );
    tier = STAGE_TIER[tangent.stage];
    if (loneJump && (tangent.stage === 'uniform' || tangent.stage === 'decelerating')) {
      findings.push(
        say(
          '最新位移为单点跳变，滑动中值未跟随，疑为 GNSS 多路径/周跳等测量异常，不发布预警，请复核下一历元',
          'The latest displacement is a lone jump the moving median does not follow, likely a GNSS multipath or cycle-slip error; no warning, check the next epoch',
        ),
      );
      return { tier: null, tangent, loneJump, rainMm, findings };
    }
  } else {
    findings.push(
      say(
        '位移序列过短，无法计算切线角，按位移速率分级',
        'Too short a displacement series for the tangent angle; tiered by the rate',
      ),
    );
  }
  if (rainMm !== null && rainMm >= cfg.rainRaiseMm) {
    const base = tier ?? 'blue';
    const raised = tangent && tangent.stage !== 'decelerating' ? raise(base, 1) : base;
    // Without a tangent angle there is no stage to raise: heavy rain then only floors the tier at blue,
    // and the rate and rainfall levels decide (the finding must not claim a raise).
    const outcome: [string, string] = !tangent
      ? [
          '无切线角可升级，按位移速率和降雨等级分级',
          'no tangent angle to raise, tiered by the rate and rainfall levels',
        ]
      : tier === raised
        ? ['预警维持', 'tier kept']
        : ['预警升一级', 'tier raised by one'];
    findings.push(
      say(
        `24 h 降雨 ${round1(rainMm)} mm ≥ ${cfg.rainRaiseMm} mm，降雨诱发加速风险，${outcome[0]}`,
        `24 h rainfall ${round1(rainMm)} mm ≥ ${cfg.rainRaiseMm} mm: rain may drive acceleration; ${outcome[1]}`,
      ),
    );
    tier = raised;
  }
  return { tier, tangent, loneJump, rainMm, findings };
}

const ACTIONS: Record<Tier, [string, string][]> = {
  red: [
    [
      '立即组织威胁范围内人员撤离至安全区，封闭坡下道路，设置警戒',
      'Evacuate everyone in the threatened area now, close the roads below the slope and cordon it off',
    ],
    [
      '加密监测至实时，专家现场会商，准备抢险力量',
      'Monitor in real time, hold an on-site expert review, stand rescue teams by',
    ],
  ],
  orange: [
    [
      '通知威胁范围内人员做好撤离准备，夜间和强降雨时预先撤离；限制坡下通行',
      'Tell people in the threatened area to prepare to leave, leave ahead of night or heavy rain; restrict traffic below',
    ],
    ['监测加密至每小时，群测群防员 24 h 巡查', 'Monitor hourly; community monitors patrol round the clock'],
  ],
  yellow: [
    [
      '加密监测与巡查，检查裂缝、鼓胀和坡脚渗水，排查坡体截排水',
      'Monitor and patrol more often; check cracks, bulging and seepage at the toe; clear drainage',
    ],
    ['通知威胁范围内单位和居民注意', 'Notify units and residents in the threatened area'],
  ],
  blue: [['保持常规监测与巡查，关注降雨', 'Keep routine monitoring and patrols; watch the rain']],
};

export async function analyseSlope(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: GeoConfig,
): Promise<AnalysisResult> {
  const endMs = Date.parse(event.ts);
  const from = new Date(endMs - cfg.historyDays * DAY_MS).toISOString();
  // A rain gauge's alarm is judged on the slope's own displacement: a GNSS point of the same slope, or
  // the nearest one within the threat radius.
  let dispSensor: string | null = event.sensor.id;
  if (!event.sensor.metrics.includes('ls_disp')) {
    const near = await ctx.neighbours(cfg.threatRadiusM, { metric: 'ls_disp' });
    dispSensor = (near.find((n) => n.objectId === event.object.id) ?? near[0])?.id ?? null;
  }
  const pts = dispSensor ? await ctx.history(dispSensor, 'ls_disp', { from, to: event.ts }) : [];
  const raw: Sample[] = pts.map((p) => ({ t: (Date.parse(p.ts) - endMs) / DAY_MS, value: p.value }));
  const rainFrom = new Date(endMs - DAY_MS).toISOString();
  let rain: number | null = null;
  if (event.metric === 'rain_24h') rain = event.value;
  else {
    const own = await ctx.history(event.sensor.id, 'rain_24h', { from: rainFrom, to: event.ts });
    if (own.length > 0) rain = own[own.length - 1]!.value;
    else {
      const gauge = (await ctx.neighbours(cfg.rainRadiusM, { metric: 'rain_24h' }))[0];
      if (gauge) {
        const g = await ctx.history(gauge.id, 'rain_24h', { from: rainFrom, to: event.ts });
        if (g.length > 0) rain = g[g.length - 1]!.value;
      }
    }
  }
  const verdict = judgeSlope(raw, rain, cfg);
  let tier = verdict.tier;
  if (!verdict.tangent && event.metric === 'ls_rate' && event.level !== 'alarm')
    tier = maxTier(tier, event.level);
  if (event.metric === 'rain_24h' && !verdict.loneJump && event.level !== 'alarm') {
    // The rainfall level is the meteorological geohazard risk; a slope already moving faster ranks higher.
    tier = maxTier(tier, event.level);
  }
  const findings = [
    say(
      `${event.object.name.zh}${event.metric === 'rain_24h' ? `24 h 降雨 ${round1(event.value)} mm` : `位移速率 ${round1(event.value)} mm/d`}`,
      `${event.object.name.en}: ${event.metric === 'rain_24h' ? `24 h rainfall ${round1(event.value)} mm` : `displacement rate ${round1(event.value)} mm/d`}`,
    ),
    ...verdict.findings,
  ];
  if (tier === null)
    return {
      tier: null,
      findings,
      actions: [say('复核监测数据，保持观测', 'Recheck the data and keep observing')],
    };
  const attr = event.object.attributes.threatRadiusM;
  const radius = typeof attr === 'number' && attr > 0 ? attr : cfg.threatRadiusM;
  const near = await ctx.within(radius, { roles: ['target', 'hazard'] });
  const targets: AffectedTarget[] = near.map((o) => ({
    id: o.id,
    kind: o.kind,
    role: o.role,
    name: o.name,
    distanceM: Math.round(o.distanceM ?? 0),
  }));
  const people = event.object.attributes.threatenedPeople;
  if (typeof people === 'number')
    findings.push(say(`威胁人数约 ${people} 人`, `About ${people} people threatened`));
  const stage: [string, string] = verdict.tangent
    ? STAGE_NAME[verdict.tangent.stage]
    : ['变形阶段未定（位移序列过短）', 'stage undetermined (displacement series too short)'];
  return {
    tier,
    impactRadiusM: radius,
    targets,
    findings,
    actions: ACTIONS[tier].map(([zh, en]) => say(zh, en)),
    data: {
      // A slope threatens a few neighbours: the body names them all.
      affectedZh: targets.map((t) => t.name.zh).join('、') || '无',
      affectedEn: targets.map((t) => t.name.en).join(', ') || 'none',
      alphaDeg: verdict.tangent ? round1(verdict.tangent.alphaDeg) : '—',
      stageZh: stage[0],
      stageEn: stage[1],
      rain24h: rain === null ? '—' : round1(rain),
      hazardZh: `${TIER_ZH[tier]}地质灾害风险：${stage[0]}，24 h 降雨 ${rain === null ? '无数据' : `${round1(rain)} mm`}`,
      hazardEn: `${tier} geohazard risk: ${stage[1]}, 24 h rainfall ${rain === null ? 'no data' : `${round1(rain)} mm`}`,
    },
  };
}
