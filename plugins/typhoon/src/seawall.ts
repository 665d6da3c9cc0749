/**
 * The storm-surge analysis for an alarm on a sea wall's tide gauge: the tide against the station's colour
 * warning tide levels, its rise rate, freeboard and overtopping, the people behind the wall.
 */
import {
  type AffectedTarget,
  type AlarmEvent,
  type AnalysisContext,
  type AnalysisResult,
  type CityObject,
  distanceToGeometryM,
  type Geometry,
  type Statement,
} from '@fenghuo/sdk';
import { surgeActions } from './actions.js';
import type { TyphoonConfig } from './definition.js';
import { r2, representativePoint } from './geo.js';
import { distanceRange, distanceText, listAffected } from './listing.js';
import { assessSurge, riseRateMH, warningTides } from './surge.js';

const TIER_ZH = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' } as const;

/**
 * The objects behind a sea wall, nearest the wall first: what the sea reaches first when it comes over.
 * The distance is to the wall's own line (or outline) when it has one, else the gauge's distance; the
 * objects carry no ground level, so nearness to the wall stands for exposure. Ties keep the gauge order.
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
  // All of them stay in the structured targets (distance to the wall); the body names the nearest.
  const targets: AffectedTarget[] = behind.map(({ object: o, distanceM }) => ({
    id: o.id,
    kind: o.kind,
    role: o.role,
    name: o.name,
    distanceM: Math.round(distanceM),
  }));
  const far = behind.slice(cfg.maxListed);
  const affected = listAffected(
    behind.map((b) => ({
      name: b.object.name,
      note: {
        zh: `距海堤 ${distanceText(b.distanceM).zh}`,
        en: `${distanceText(b.distanceM).en} from the wall`,
      },
    })),
    cfg.maxListed,
    { zh: '距海堤由近及远', en: 'nearest the sea wall first' },
    far.length === 0
      ? undefined
      : {
          zh: `距海堤 ${distanceRange(far[0]!.distanceM, far[far.length - 1]!.distanceM)}`,
          en: ` ${distanceRange(far[0]!.distanceM, far[far.length - 1]!.distanceM)} from the wall`,
        },
  );
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
