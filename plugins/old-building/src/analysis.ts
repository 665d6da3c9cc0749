/**
 * Analysis of an alarm on an old building (guideline §4(2)6): read every gauge of the building, explain
 * away lone spikes, temperature-driven crack breathing and a drifting tilt gauge, combine the remaining
 * signals with the building's age, structure, use and danger class into a collapse likelihood, set the
 * tier, and list the occupants and everything inside the fall zone.
 */
import type { AlarmEvent, AnalysisContext, AnalysisResult, I18n, Level, Statement } from '@fenghuo/sdk';
import { levelIndex } from '@fenghuo/sdk';
import { actionsFor, noWarningActions } from './actions.js';
import { metrics, type OldBuildingConfig } from './definition.js';
import { centre, circlePolygon, fallZoneRadiusM, heightOf, inFallZone } from './fallzone.js';
import {
  combineTier,
  evidence,
  likelihood,
  type Signal,
  severity,
  tierOfLikelihood,
  vulnerability,
} from './score.js';
import { type Gauge, knocked, levelOf, readGauges, type SignalKey, tiltDrift } from './signals.js';
import { listEn, lowerFirst, plural } from './text.js';

const LEVEL_NAME: Record<Level, I18n> = {
  alarm: { zh: '报警', en: 'alarm' },
  blue: { zh: '蓝色', en: 'blue' },
  yellow: { zh: '黄色', en: 'yellow' },
  orange: { zh: '橙色', en: 'orange' },
  red: { zh: '红色', en: 'red' },
};

const STRUCTURE_NAME: Record<string, I18n> = {
  masonry: { zh: '砌体（砖混）结构', en: 'masonry' },
  brick_wood: { zh: '砖木结构', en: 'brick-and-timber' },
  adobe_stone: { zh: '土坯/毛石结构', en: 'adobe / rubble-stone' },
  timber: { zh: '木结构', en: 'timber' },
  rc_frame: { zh: '钢筋混凝土结构', en: 'reinforced concrete' },
  steel: { zh: '钢结构', en: 'steel' },
};

const USE_NAME: Record<string, I18n> = {
  residential: { zh: '住宅', en: 'residential' },
  self_built_commercial: { zh: '经营性自建房', en: 'self-built commercial' },
  public: { zh: '公共建筑', en: 'public building' },
  heritage: { zh: '历史建筑', en: 'heritage building' },
  industrial: { zh: '厂房', en: 'industrial' },
};

const r3 = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3)));
const join = (xs: I18n[], lang: 'zh' | 'en') =>
  lang === 'zh' ? xs.map((x) => x.zh).join('、') : listEn(xs.map((x) => x.en));
const peopleEn = (n: number) => `${n} ${n === 1 ? 'person' : 'people'}`;
const idx = (l: Level | null) => (l === null ? -1 : levelIndex(l));

function describe(g: Gauge): Statement {
  const lvl = g.level ? LEVEL_NAME[g.level] : null;
  const zh = `${g.name.zh}（${g.sensorId}）${r3(g.value)} ${g.unit}${lvl ? `，达${lvl.zh}级别` : '，未超限'}${g.note ? `；${g.note.zh}` : ''}${g.change !== null ? `；时窗内变化 ${g.change >= 0 ? '+' : ''}${r3(g.change)} ${g.unit}` : ''}`;
  const en = `${g.name.en} (${g.sensorId}) ${r3(g.value)} ${g.unit}${lvl ? `, ${lvl.en} level` : ', within limits'}${g.note ? `; ${g.note.en}` : ''}${g.change !== null ? `; ${g.change >= 0 ? '+' : ''}${r3(g.change)} ${g.unit} over the window` : ''}`;
  return { zh, en };
}

/** A level set by a rule other than the value (settlement not converging) keeps its tier's severity. */
function gaugeSeverity(g: Gauge): number {
  const floor = g.level === null ? 0 : Math.max(0, levelIndex(g.level)) / 4;
  return Math.max(severity(g.value, g.limits), floor);
}

/** Mark the gauges whose exceedance one of the false-alarm patterns explains. */
export function explainAway(gauges: Gauge[], trigger: Gauge | undefined, cfg: OldBuildingConfig): void {
  for (const g of gauges) {
    const rawLevel = levelOf(g.raw, g.limits);
    if (g.metric === 'crack_width' && g.note !== null && g.level === null && rawLevel !== null) {
      g.discounted = {
        zh: `${g.sensorId} 裂缝宽度读数 ${r3(g.raw)} mm 超限由温度变化引起（裂缝随温度张合），扣除温度影响后未超限：判断为温度呼吸，不是裂缝发展`,
        en: `${g.sensorId}: the crack-width reading ${r3(g.raw)} mm exceeds only through temperature (the crack opens and closes with it) and is within limits once corrected: temperature breathing, not crack growth`,
      };
    } else if (g.level === null && rawLevel !== null) {
      g.discounted = {
        zh: `${g.sensorId} ${g.name.zh}最新读数 ${r3(g.raw)} ${g.unit} 超限，但最近 ${cfg.robustSamples} 个读数的中位数 ${r3(g.value)} ${g.unit} 未超限：判断为孤立尖峰`,
        en: `${g.sensorId}: the latest ${lowerFirst(g.name.en)} reading ${r3(g.raw)} ${g.unit} exceeds, but the median of the last ${cfg.robustSamples} readings, ${r3(g.value)} ${g.unit}, does not: a lone spike`,
      };
    }
  }
  if (trigger?.metric === 'vibration_ppv') {
    const quiet = knocked(trigger, gauges, cfg.agreementRatio);
    if (quiet) {
      trigger.discounted = {
        zh: `测振仪 ${trigger.sensorId} 峰值 ${r3(trigger.value)} cm/s，而同楼测振仪 ${quiet.sensorId} 同期峰值仅 ${r3(quiet.value)} cm/s：振动未传到建筑其他部位，判断为测点受碰撞或局部干扰，非爆破/施工振动`,
        en: `Vibration gauge ${trigger.sensorId} peaked at ${r3(trigger.value)} cm/s while ${quiet.sensorId} on the same building saw only ${r3(quiet.value)} cm/s: the shaking did not reach the rest of the building, so the gauge was knocked or disturbed locally; not blasting or construction vibration`,
      };
    }
  }
  if (trigger) {
    const calm = tiltDrift(trigger, gauges, cfg.agreementRatio);
    if (calm) {
      trigger.discounted = {
        zh: `倾斜计 ${trigger.sensorId} 时窗内变化 +${r3(trigger.change!)} ‰，而同楼倾斜计 ${calm.sensorId} 仅变化 ${r3(calm.change!)} ‰，且无裂缝、沉降异常：判断为 ${trigger.sensorId} 传感器漂移，非结构倾斜`,
        en: `Tilt gauge ${trigger.sensorId} moved +${r3(trigger.change!)} ‰ over the window while ${calm.sensorId} on the same building moved ${r3(calm.change!)} ‰, with no crack or settlement anomaly: ${trigger.sensorId} is drifting, the building is not tilting`,
      };
    }
  }
}

/** Analyse an alarm on any metric of an old building. */
export async function analyseBuilding(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: OldBuildingConfig,
): Promise<AnalysisResult> {
  const b = event.object;
  const attrs = b.attributes;
  const t = Date.parse(event.ts);
  const mine = (await ctx.neighbours(cfg.sensorRadiusM)).filter((s) => s.objectId === b.id);
  const gauges = await readGauges(ctx, [event.sensor, ...mine], cfg, {
    event: { sensorId: event.sensor.id, metric: event.metric, t, value: event.value },
    attributes: attrs,
    kind: b.kind,
  });
  const trigMetric = event.metric === 'settlement' ? 'settlement_rate' : event.metric;
  const trigger = gauges.find((g) => g.sensorId === event.sensor.id && g.metric === trigMetric);
  explainAway(gauges, trigger, cfg);

  const counted = gauges.filter((g) => g.discounted === null);
  const findings: Statement[] = [];
  for (const g of gauges)
    if (g.level !== null || g.note !== null || g.metric === 'tilt') findings.push(describe(g));
  for (const g of gauges) if (g.discounted) findings.push(g.discounted);

  // One severity per signal kind: the worst gauge of that kind.
  const worst = new Map<SignalKey, number>();
  for (const g of counted) worst.set(g.metric, Math.max(worst.get(g.metric) ?? 0, gaugeSeverity(g)));
  const signals: Signal[] = [...worst].map(([key, s]) => ({ key, severity: s }));
  const E = evidence(signals, cfg.weights);
  const V = vulnerability(attrs, cfg, new Date(t).getUTCFullYear());
  const L = likelihood(E, V.value);
  const exceeding = counted.filter((g) => g.level !== null);
  const top = exceeding.reduce<Level | null>((m, g) => (idx(g.level) > idx(m) ? g.level : m), null);
  const byL = tierOfLikelihood(L, cfg.likelihoodBands);
  const tier = combineTier(top, byL, cfg.maxEscalation);

  const st = STRUCTURE_NAME[String(attrs['structure'])] ?? { zh: '结构不详', en: 'unknown structure' };
  const us = USE_NAME[String(attrs['use'])] ?? { zh: '用途不详', en: 'unknown use' };
  const cls = typeof attrs['dangerClass'] === 'string' ? attrs['dangerClass'] : '—';
  const altered = attrs['altered'] === true;
  findings.push({
    zh: `房屋：${V.ageYears !== null ? `建成 ${attrs['builtYear']} 年（${V.ageYears} 年）` : '建成年份不详'}，${st.zh}，${us.zh}，危险性等级 ${cls}${altered ? '，有加层/改扩建' : ''}；易损性系数 V = ${r3(V.value)}（结构 ${V.parts.structure} × 等级 ${V.parts.dangerClass} × 用途 ${V.parts.use} × 改建 ${V.parts.altered} × 龄期 ${r3(V.parts.age)}）`,
    en: `Building: ${V.ageYears !== null ? `built ${attrs['builtYear']} (${V.ageYears} years)` : 'year unknown'}, ${st.en}, ${us.en}, danger class ${cls}${altered ? ', altered or extended' : ''}; vulnerability V = ${r3(V.value)} (structure ${V.parts.structure} × class ${V.parts.dangerClass} × use ${V.parts.use} × alterations ${V.parts.altered} × age ${r3(V.parts.age)})`,
  });
  findings.push({
    zh: `坍塌可能性 L = ${L.toFixed(2)}（监测证据 E = ${r3(E)}，${signals.length} 类信号）${byL ? `，对应${LEVEL_NAME[byL].zh}` : '，低于蓝色'}`,
    en: `Collapse likelihood L = ${L.toFixed(2)} (monitoring evidence E = ${r3(E)} from ${plural(signals.length, 'kind')} of signal)${byL ? `, ${LEVEL_NAME[byL].en} band` : ', below the blue band'}`,
  });

  const data: Record<string, string | number> = {
    structureZh: st.zh,
    structureEn: st.en,
    useZh: us.zh,
    useEn: us.en,
    dangerClass: cls,
    builtYear: typeof attrs['builtYear'] === 'number' ? attrs['builtYear'] : '—',
    ageYears: V.ageYears ?? '—',
    likelihood: L.toFixed(2),
    vulnerability: r3(V.value),
  };

  if (tier === null) {
    findings.push({
      zh: '无持续超限的结构信号，不发布预警',
      en: 'No sustained structural exceedance remains: no warning',
    });
    const suspect = trigger?.discounted ? event.sensor.id : null;
    return { tier: null, findings, actions: noWarningActions(b.name, suspect), data };
  }
  findings.push({
    zh: `定级：最高超限级别${LEVEL_NAME[top!].zh}，坍塌可能性${byL ? LEVEL_NAME[byL].zh : '低于蓝色'}（最多升 ${cfg.maxEscalation} 级）→ ${LEVEL_NAME[tier].zh}预警`,
    en: `Tier: highest exceedance ${LEVEL_NAME[top!].en}, likelihood ${byL ? LEVEL_NAME[byL].en : 'below blue'} (at most ${plural(cfg.maxEscalation, 'tier')} up) → ${LEVEL_NAME[tier].en}`,
  });

  // Fall zone, occupants, neighbours.
  const H = heightOf(attrs, cfg.storeyHeightM);
  const R = Math.round(fallZoneRadiusM(b, cfg));
  const zone = await inFallZone(ctx, b, R);
  const occ = typeof attrs['occupants'] === 'number' ? attrs['occupants'] : null;
  const vuln = typeof attrs['vulnerableOccupants'] === 'number' ? attrs['vulnerableOccupants'] : null;
  const zonePeople = zone.reduce((s, z) => s + (z.people ?? 0), 0);
  const atRisk = (occ ?? 0) + zonePeople;
  const zoneNames = zone.map((z) => ({
    zh: `${z.object.name.zh}（${Math.round(z.distanceM)} 米${z.people !== null ? `，${z.people} 人` : ''}）`,
    en: `${z.object.name.en} (${Math.round(z.distanceM)} m${z.people !== null ? `, ${z.people} people` : ''})`,
  }));
  findings.push({
    zh: `倒塌影响范围：半径 ${R} 米（高度 ${r3(H)} 米 × ${cfg.fallZoneFactor} + 平面半径）；楼内 ${occ ?? '人数不详'}${occ !== null ? ' 人' : ''}${vuln ? `（其中老人、儿童、行动不便者 ${vuln} 人）` : ''}；范围内${zone.length > 0 ? `有${join(zoneNames, 'zh')}` : '无其他登记对象'}；合计可能受影响约 ${atRisk} 人`,
    en: `Fall zone: ${R} m radius (height ${r3(H)} m × ${cfg.fallZoneFactor} + footprint radius); ${occ !== null ? `${peopleEn(occ)} inside the building` : 'the number of people inside is unknown'}${vuln ? ` (${vuln} of them elderly, children or with limited mobility)` : ''}; in the zone ${zone.length > 0 ? join(zoneNames, 'en') : 'no other registered object'}; about ${atRisk} people at risk in all`,
  });

  const names = [...new Map(exceeding.map((g) => [g.metric, g.name])).values()];
  // Metric names start with a capital ("Crack width"); inside a sentence they do not.
  const signalsName = { zh: join(names, 'zh'), en: listEn(names.map((n) => lowerFirst(n.en))) };
  const metricName = (metrics as Record<string, { name: I18n } | undefined>)[event.metric]?.name.en;
  const actions = actionsFor(tier, {
    building: b.name,
    signals: signalsName,
    fallZoneM: R,
    occupants: occ,
    inZone: zone.map((z) => z.object.name),
    commercial: attrs['use'] === 'self_built_commercial',
    vibration: exceeding.some((g) => g.metric === 'vibration_ppv'),
    heritage: b.kind === 'heritage' || attrs['use'] === 'heritage',
  });

  return {
    tier,
    impact: circlePolygon(centre(b.geometry), R),
    impactRadiusM: R,
    targets: zone.map((z) => ({
      id: z.object.id,
      kind: z.object.kind,
      role: z.object.role,
      name: z.object.name,
      distanceM: Math.round(z.distanceM),
    })),
    findings,
    actions,
    data: {
      ...data,
      signalsZh: signalsName.zh,
      signalsEn: signalsName.en,
      exceedEn: `${signalsName.en} ${names.length === 1 ? 'is beyond its limit' : 'are beyond their limits'}`,
      triggerEn: lowerFirst(metricName ?? event.metric),
      occupantsEn: occ !== null ? `${peopleEn(occ)} inside` : 'number of people inside unknown',
      builtEn: typeof attrs['builtYear'] === 'number' ? `built ${attrs['builtYear']}` : 'year built unknown',
      fallZoneM: R,
      heightM: r3(H),
      occupants: occ ?? '—',
      peopleAtRisk: atRisk,
      inZoneZh: zone.length > 0 ? join(zoneNames, 'zh') : '无',
      inZoneEn: zone.length > 0 ? join(zoneNames, 'en') : 'none',
    },
  };
}
