/**
 * The storm-surge analysis for an alarm on a sea wall's tide gauge: the tide against the station's colour
 * warning tide levels, its rise rate, freeboard and overtopping, the people behind the wall whose ground
 * lies below the water (or whose ground level the city has not given).
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  distanceToGeometryM,
  type Geometry,
  type I18n,
  type Statement,
} from '@fenghuo/sdk';
import { surgeActions } from './actions.js';
import type { TyphoonConfig } from './definition.js';
import { r1, r2, representativePoint } from './geo.js';
import { distanceRange, distanceText, listAffectedGroups } from './listing.js';
import { assessSurge, riseRateMH, warningTides } from './surge.js';

const TIER_ZH = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;

/**
 * The objects behind a sea wall, nearest the wall first: what the sea reaches first when it comes over.
 * The distance is to the wall's own line (or outline) when it has one, else the gauge's distance. For an
 * object without a ground level nearness to the wall is all that stands for exposure (`surgeExposure`
 * sorts those with one by depth). Ties keep the gauge order.
 *
 * @example
 * byDistanceToWall(await ctx.within(5000, { roles: ['target'] }), wall.geometry)[0]; // { object, distanceM }
 */
export function byDistanceToWall(
  objects: readonly CityObject[],
  wall: Geometry,
): { object: CityObject; distanceM: number }[] {
  const line = wall.type !== 'Point';
  return objects
    .map((object, i) => ({
      object,
      i,
      distanceM: line
        ? distanceToGeometryM(representativePoint(object.geometry), wall)
        : (object.distanceM ?? 0),
    }))
    .sort((a, b) => a.distanceM - b.distanceM || a.i - b.i)
    .map(({ object, distanceM }) => ({ object, distanceM }));
}

/** An object behind the wall with its distance to the wall. */
export interface Behind {
  object: CityObject;
  distanceM: number;
}

/** An object whose ground level is known: `belowTideM` = tide − ground (negative: ground above the tide). */
export interface Grounded extends Behind {
  groundM: number;
  belowTideM: number;
}

export interface SurgeExposure {
  /** Ground below tide + allowance: exposed, deepest below the tide first (ties: nearest the wall). */
  low: Grounded[];
  /** No ground level: exposed on distance alone, nearest the wall first (the input order). */
  unknown: Behind[];
  /** Ground at or above tide + allowance: not exposed, not listed, only counted. */
  above: Grounded[];
}

/**
 * A target's or hazard's ground elevation, `groundLevelM` (m, on the tide gauge's datum); `null` when the
 * city has not given one (or gives something that is not a finite number).
 */
export function groundLevelOf(o: CityObject): number | null {
  const v = o.attributes?.groundLevelM;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Splits the objects behind the wall (`byDistanceToWall` order) by their ground against the water: the
 * sea that comes over or through the wall spreads to about the still tide level, and waves running up
 * and spilling over carry it higher, so ground below `tide + allowanceM` is exposed. How deep it would
 * lie is reckoned against the tide itself (the still water), deepest first: depth is what drowns people.
 * An object without a ground level keeps the distance-only judgement and comes after the known low ones.
 *
 * @example
 * surgeExposure(byDistanceToWall(objs, wall), 6.3, 0.5);
 * // { low: [{ object: kindergarten, groundM: 4.5, belowTideM: 1.8, … }], unknown: [], above: [village] }
 */
export function surgeExposure(behind: readonly Behind[], tideM: number, allowanceM: number): SurgeExposure {
  const low: Grounded[] = [];
  const unknown: Behind[] = [];
  const above: Grounded[] = [];
  for (const b of behind) {
    const groundM = groundLevelOf(b.object);
    if (groundM === null) unknown.push(b);
    else (groundM < tideM + allowanceM ? low : above).push({ ...b, groundM, belowTideM: tideM - groundM });
  }
  low.sort((a, b) => b.belowTideM - a.belowTideM || a.distanceM - b.distanceM);
  return { low, unknown, above };
}

/** Where the ground lies against the tide, to the 0.1 m a surveyed ground level is good for. */
function depthText(belowTideM: number, allowanceM: number): I18n {
  const d = r1(belowTideM);
  if (d > 0) return { zh: `地面低于潮位 ${d} m`, en: `ground ${d} m below the tide` };
  if (d === 0)
    return {
      zh: `地面与潮位齐平，在 ${allowanceM} m 越浪余量内`,
      en: `ground level with the tide, within the ${allowanceM} m run-up allowance`,
    };
  return {
    zh: `地面高于潮位 ${-d} m，在 ${allowanceM} m 越浪余量内`,
    en: `ground ${-d} m above the tide, within the ${allowanceM} m run-up allowance`,
  };
}

/** The exposure radius as people read it: `5 km`, `2.5 km`, `800 m`. */
function radiusText(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${Math.round(m / 100) / 10} km`;
}

export async function analyseSurge(
  event: AlarmEvent,
  ctx: AnalysisContext,
  cfg: TyphoonConfig,
): Promise<AnalysisResult> {
  const attrs = event.object.attributes;
  const levels = warningTides(attrs, cfg.surgeDefaultStepsM);
  if (!levels)
    return {
      tier: null,
      findings: [
        {
          zh: '海堤未设置蓝色警戒潮位，无法研判',
          en: 'The sea wall has no blue warning tide level; nothing to judge against',
        },
      ],
      actions: [],
    };
  const from = new Date(Date.parse(event.ts) - 3 * 3_600_000).toISOString();
  const tides = await ctx.history(event.sensor.id, 'tide_level', { from });
  const waves = await ctx.history(event.sensor.id, 'wave_height', { limit: 1 });
  const tide = event.metric === 'tide_level' ? event.value : (tides[tides.length - 1]?.value ?? event.value);
  const wave = waves[waves.length - 1]?.value ?? null;
  const crest = typeof attrs.crestLevelM === 'number' ? attrs.crestLevelM : null;
  const a = assessSurge(tide, wave, levels, crest, cfg.overtopWaveFactor);
  const rate = riseRateMH(tides.slice(-7));
  const findings: Statement[] = [];
  const def = levels.defaulted.length
    ? {
        zh: `（${levels.defaulted.map((t) => TIER_ZH[t]).join('、')}警戒潮位未设置，按蓝色加缺省幅度）`,
        en: ` (${levels.defaulted.join(', ')} level(s) unset: blue plus the default steps)`,
      }
    : { zh: '', en: '' };
  findings.push({
    zh: `潮位 ${r2(tide)} m，比蓝色警戒潮位 ${levels.blue} m ${a.overBlueM >= 0 ? '高' : '低'} ${r2(Math.abs(a.overBlueM))} m；警戒潮位 蓝 ${levels.blue} / 黄 ${r2(levels.yellow)} / 橙 ${r2(levels.orange)} / 红 ${r2(levels.red)} m${def.zh}`,
    en: `Tide ${r2(tide)} m, ${r2(Math.abs(a.overBlueM))} m ${a.overBlueM >= 0 ? 'above' : 'below'} the blue warning tide level ${levels.blue} m; warning tide levels blue ${levels.blue} / yellow ${r2(levels.yellow)} / orange ${r2(levels.orange)} / red ${r2(levels.red)} m${def.en}`,
  });
  if (rate !== null)
    findings.push({
      zh: `近 1 小时潮位上涨速率 ${r2(rate)} m/h`,
      en: `Tide rising at ${r2(rate)} m/h over the last hour`,
    });
  if (a.freeboardM !== null)
    findings.push({
      zh: `堤顶超高 ${r2(a.freeboardM)} m${wave === null ? '' : `，有效波高 ${r2(wave)} m`}${a.overtopping ? '：潮位加波浪已达堤顶，可能越浪漫堤' : ''}`,
      en: `Freeboard ${r2(a.freeboardM)} m${wave === null ? '' : `, significant wave height ${r2(wave)} m`}${a.overtopping ? ': tide plus waves reach the crest, overtopping is likely' : ''}`,
    });
  if (a.tier === null) {
    findings.unshift({
      zh: '潮位未达到蓝色警戒潮位，不发布风暴潮预警',
      en: 'The tide is below the blue warning tide level: no storm-surge warning',
    });
    return { tier: null, findings, actions: [] };
  }
  findings.unshift({
    zh: a.levelTier
      ? `风暴潮：潮位达到${TIER_ZH[a.levelTier]}警戒潮位${a.overtopping ? '（越浪，按红色）' : ''}`
      : '风暴潮：潮位未达蓝色警戒潮位，但潮位加波浪已达堤顶（越浪，按红色）',
    en: a.levelTier
      ? `Storm surge: the tide has reached the ${a.levelTier} warning tide level${a.overtopping ? ' (overtopping: red)' : ''}`
      : 'Storm surge: the tide is below the blue warning tide level but tide plus waves reach the crest (overtopping: red)',
  });
  const behind = byDistanceToWall(
    await ctx.within(cfg.surgeExposureRadiusM, { roles: ['target', 'hazard'] }),
    event.object.geometry,
  );
  const allowance = cfg.surgeRunupAllowanceM;
  const ex = surgeExposure(behind, tide, allowance);
  const radius = radiusText(cfg.surgeExposureRadiusM);
  if (ex.low.length > 0 || ex.above.length > 0) findings.push(groundFinding(ex, tide, allowance, radius));
  // The exposed, in the order they are listed, stay in the structured targets (distance to the wall);
  // those whose ground stands above the water are not at risk and are only counted.
  const exposed: Behind[] = [...ex.low, ...ex.unknown];
  const targets: AffectedTarget[] = exposed.map(({ object: o, distanceM }) => ({
    id: o.id,
    kind: o.kind,
    role: o.role,
    name: o.name,
    distanceM: Math.round(distanceM),
  }));
  const fromWall = (d: number): I18n => ({
    zh: `距海堤 ${distanceText(d).zh}`,
    en: `${distanceText(d).en} from the wall`,
  });
  const far = exposed.slice(cfg.maxListed).map((b) => b.distanceM);
  const listed = listAffectedGroups(
    [
      {
        order: { zh: '地面低于水位的由深到浅', en: 'ground below the water, deepest first' },
        items: ex.low.map((b) => {
          const depth = depthText(b.belowTideM, allowance);
          const wall = fromWall(b.distanceM);
          return {
            name: b.object.name,
            note: { zh: `${depth.zh}，${wall.zh}`, en: `${depth.en}, ${wall.en}` },
          };
        }),
      },
      {
        order: { zh: '地面高程未知的距海堤由近及远', en: 'ground level unknown, nearest the sea wall first' },
        items: ex.unknown.map((b) => ({ name: b.object.name, note: fromWall(b.distanceM) })),
      },
    ],
    cfg.maxListed,
    restNote(far, Math.max(0, ex.low.length - cfg.maxListed), ex.unknown.length),
  );
  const above = aboveText(ex.above.length, radius);
  const affected =
    ex.above.length === 0 ? listed : { zh: `${listed.zh}；${above.zh}`, en: `${listed.en}; ${above.en}` };
  return {
    tier: a.tier,
    targets,
    findings,
    actions: surgeActions(a.tier, a.overtopping),
    data: {
      titleZh: `${event.object.name.zh}风暴潮`,
      titleEn: `storm surge at ${event.object.name.en}`,
      summaryZh: `潮位 ${r2(tide)} m，${a.levelTier ? `达到${TIER_ZH[a.levelTier]}警戒潮位` : '未达蓝色警戒潮位'}，超过蓝色警戒潮位 ${r2(a.overBlueM)} m${a.freeboardM === null ? '' : `，堤顶超高 ${r2(a.freeboardM)} m`}${a.overtopping ? '，可能越浪漫堤' : ''}`,
      summaryEn: `Tide ${r2(tide)} m ${a.levelTier ? `has reached the ${a.levelTier} warning tide level` : 'is below the blue warning tide level'}, ${r2(a.overBlueM)} m above the blue level${a.freeboardM === null ? '' : `, freeboard ${r2(a.freeboardM)} m`}${a.overtopping ? '; overtopping is likely' : ''}`,
      affectedZh: affected.zh,
      affectedEn: affected.en,
      tideM: r2(tide),
      overBlueM: r2(a.overBlueM),
      freeboardM: a.freeboardM === null ? '—' : r2(a.freeboardM),
      riseRateMH: rate === null ? '—' : r2(rate),
    },
  };
}

/**
 * What the counted rest of the list is: their distances from the wall, and which of them are of unknown
 * ground level when the names shown do not already say so (the rest continues the last heading shown,
 * so it needs saying only when the rest holds all the unknown ones, or both kinds).
 */
function restNote(farM: readonly number[], restLow: number, unknown: number): I18n | undefined {
  if (farM.length === 0) return undefined;
  const range = distanceRange(Math.min(...farM), Math.max(...farM));
  const restUnknown = farM.length - restLow;
  if (restLow > 0 && restUnknown > 0)
    return {
      zh: `（${restLow} 处地面低于水位，${restUnknown} 处地面高程未知）距海堤 ${range}`,
      en: ` (${restLow} below the water, ${restUnknown} of unknown ground level) ${range} from the wall`,
    };
  if (restUnknown > 0 && restUnknown === unknown)
    return { zh: `地面高程未知，距海堤 ${range}`, en: ` of unknown ground level, ${range} from the wall` };
  return { zh: `距海堤 ${range}`, en: ` ${range} from the wall` };
}

/**
 * The ground-level judgement in one finding: the water level it is made against, how many lie below it
 * and the lowest, how many stand above (only when some do), how many have no ground level.
 */
function groundFinding(ex: SurgeExposure, tide: number, allowance: number, radius: string): Statement {
  const lowest = ex.low[0];
  const zh = [
    `按地面高程研判淹没：潮位 ${r2(tide)} m 加越浪余量 ${allowance} m 为 ${r2(tide + allowance)} m，海水越过或冲破海堤时地面低于此者受淹`,
    lowest
      ? `${ex.low.length} 处地面低于此，最低为${lowest.object.name.zh}（${depthText(lowest.belowTideM, allowance).zh}）`
      : '无地面低于此的防护目标',
  ];
  const en = [
    `Ground levels against the water: tide ${r2(tide)} m plus a ${allowance} m run-up allowance is ${r2(tide + allowance)} m, and ground below it is flooded if the sea comes over or through the wall`,
    lowest
      ? `${ex.low.length} ${ex.low.length === 1 ? 'target lies' : 'targets lie'} below it, the lowest ${lowest.object.name.en} (${depthText(lowest.belowTideM, allowance).en})`
      : 'no target lies below it',
  ];
  if (ex.above.length > 0) {
    zh.push(aboveText(ex.above.length, radius).zh);
    en.push(aboveText(ex.above.length, radius).en);
  }
  if (ex.unknown.length > 0) {
    zh.push(`${ex.unknown.length} 处地面高程未知，仅按距海堤远近列出`);
    en.push(`${ex.unknown.length} with no ground level, listed by distance to the wall alone`);
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

/** `N targets within R stand above the water and are not at risk`, singular when N is 1. */
function aboveText(n: number, radius: string): I18n {
  return {
    zh: `${radius} 内 ${n} 处地面高于水位，不受淹`,
    en: `${n} ${n === 1 ? 'target' : 'targets'} within ${radius} ${n === 1 ? 'stands' : 'stand'} above the water and ${n === 1 ? 'is' : 'are'} not at risk`,
  };
}
