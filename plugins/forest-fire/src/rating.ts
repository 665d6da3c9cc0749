/**
 * Fire-danger analyses: the official level from the met service (`fire_danger_level`) and the rating the
 * plugin makes itself from a fire-weather station when the air turns dry (`rh` alarm). Both name the
 * settlements at the forest edge and the prevention measures of the level.
 */
import {
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  localTime,
  type Statement,
  utcOffsetLabel,
} from '@fenghuo/sdk';
import { type DangerRating, LEVEL_NAMES, rateDanger, tierOfLevel } from './danger.js';
import type { FireConfig } from './definition.js';
import { gatherWeather, sensorsAround } from './inputs.js';
import { toTargets } from './path.js';

/** Prevention measures by level (森林火险预警信号 defence guidance, paraphrased), strongest first. */
export function measures(level: number): Statement[] {
  const out: Statement[] = [];
  if (level >= 5)
    out.push(
      {
        zh: '全面禁止野外用火，林区入口设卡检查，必要时实行封山',
        en: 'Ban all outdoor fire; check posts at forest entrances; close the forest if needed',
      },
      {
        zh: '扑火队伍靠前驻防、24 小时备勤，航空消防待命',
        en: 'Station fire teams forward on 24-hour standby; aerial fire-fighting on call',
      },
    );
  if (level >= 4)
    out.push(
      {
        zh: '严禁一切野外用火，加密巡护和瞭望，重点看守坟地、农事用火点',
        en: 'No outdoor fire at all; more patrols and tower watch, especially graves and farm burning',
      },
      {
        zh: '扑火队伍集结待命，检查扑火装备和水源',
        en: 'Muster fire teams; check equipment and water sources',
      },
    );
  if (level >= 3)
    out.push(
      {
        zh: '发布森林火险预警信号，加强野外火源管理和宣传',
        en: 'Issue the fire-danger signal; control outdoor fire sources and inform the public',
      },
      {
        zh: '卫星热点、视频监控全时段监测，发现火情 1 小时内核实',
        en: 'Watch satellite hotspots and cameras round the clock; verify any fire within 1 hour',
      },
    );
  if (level === 2)
    out.push({
      zh: '护林员正常巡护，提醒林缘村民谨慎用火',
      en: 'Rangers on normal patrol; remind villagers at the forest edge to be careful with fire',
    });
  return out;
}

function describeRating(r: DangerRating): Statement {
  return {
    zh: `由气象要素评定森林火险指数 ${r.index}（气温 ${r.scores.temp} + 干燥度 ${r.scores.dryness} + 无降水日数 ${r.scores.dryDays} + 风 ${r.scores.wind}），${LEVEL_NAMES[r.level].zh}`,
    en: `Fire-danger index rated from the weather: ${r.index} (temperature ${r.scores.temp} + dryness ${r.scores.dryness} + days without rain ${r.scores.dryDays} + wind ${r.scores.wind}), ${LEVEL_NAMES[r.level].en}`,
  };
}

/** Analyse a `fire_danger_level` alarm (official level) or an `rh` alarm (rate it from the station). */
export async function analyseDanger(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: FireConfig,
): Promise<AnalysisResult> {
  const sensors = await sensorsAround(event, ctx, cfg.stationRadiusM);
  const w = await gatherWeather(event, ctx, cfg, sensors);
  const findings: Statement[] = [];
  const rated =
    w.tempC && w.rhPct && w.windMs && w.dryDays
      ? rateDanger(
          { tempC: w.tempC.value, rhPct: w.rhPct.value, windMs: w.windMs.value, dryDays: w.dryDays.value },
          cfg.danger,
        )
      : undefined;

  let level: number;
  if (event.metric === 'fire_danger_level') {
    level = Math.round(event.value);
    findings.push({
      zh: `气象部门发布森林火险气象等级 ${LEVEL_NAMES[clamp(level)].zh}`,
      en: `The met service issued fire danger ${LEVEL_NAMES[clamp(level)].en}`,
    });
    if (rated) {
      findings.push(describeRating(rated));
      if (Math.abs(rated.level - level) >= 2)
        findings.push({
          zh: '本地站点评定与发布等级相差 2 级以上，请核查站点数据或局地天气',
          en: 'The local rating differs from the issued level by 2 or more: check the station or local weather',
        });
    }
  } else {
    if (!rated) {
      const missing = [
        !w.tempC && 'air_temp',
        !w.rhPct && 'rh',
        !w.windMs && 'wind',
        !w.dryDays && 'dry_days',
      ]
        .filter(Boolean)
        .join(', ');
      return {
        tier: null,
        findings: [
          {
            zh: `空气干燥，但缺少 ${missing}，无法评定火险等级`,
            en: `Dry air, but ${missing} missing: the fire danger cannot be rated`,
          },
        ],
        actions: [{ zh: '检查气象站点数据上报', en: 'Check the weather station is reporting' }],
      };
    }
    level = rated.level;
    findings.push(describeRating(rated));
    if (w.officialLevel)
      findings.push({
        zh: `现行发布等级为 ${w.officialLevel.value} 级`,
        en: `The level in force is ${w.officialLevel.value}`,
      });
  }

  const tier = tierOfLevel(level);
  const lvl = LEVEL_NAMES[clamp(level)];
  // Settlements at the forest's edge are who the prevention measures must reach.
  const edge = await ctx.within(cfg.minNearM, { at: event.sensor.location, kinds: cfg.settlementKinds });
  const targets = toTargets(
    edge
      .filter((o) => o.id !== event.object.id)
      .map((o) => ({
        object: o,
        distanceM: o.distanceM ?? 0,
        bearingDeg: 0,
        arrivalMin: 0,
        inSector: false,
        settlement: true,
      })),
  );
  // The rating's time in the city (the English text adds the offset), as in the fire warnings.
  const when = localTime(event.ts, event.utcOffsetMin ?? 0);
  const whenEn = `${when} (${utcOffsetLabel(event.utcOffsetMin ?? 0)})`;
  const who = targets.length ? targets.map((t) => t.name.zh).join('、') : '无';
  const whoEn = targets.length ? targets.map((t) => t.name.en).join(', ') : 'none';
  return {
    tier,
    targets,
    findings,
    actions: tier === null ? [] : measures(level),
    data: {
      headlineZh: '森林火险',
      headlineEn: 'forest fire danger',
      summaryZh: `${when} ${event.object.name.zh}森林火险气象等级${lvl.zh}${rated ? `（气温 ${w.tempC?.value} °C，相对湿度 ${w.rhPct?.value}%，风速 ${w.windMs?.value} m/s，连续无降水 ${w.dryDays?.value} 天）` : ''}，极易发生森林火灾。林缘居民点：${who}。`,
      summaryEn: `${whenEn}: fire danger at ${event.object.name.en} is ${lvl.en}${rated ? ` (${w.tempC?.value} °C, RH ${w.rhPct?.value} %, wind ${w.windMs?.value} m/s, ${w.dryDays?.value} days without rain)` : ''}; fires start and spread easily. Settlements at the forest edge: ${whoEn}.`,
      dangerLevel: level,
      dangerIndex: rated?.index ?? '—',
    },
  };
}

function clamp(level: number): DangerRating['level'] {
  return Math.min(5, Math.max(1, Math.round(level))) as DangerRating['level'];
}
