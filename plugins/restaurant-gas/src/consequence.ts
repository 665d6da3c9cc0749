/**
 * What a leak in the premises can lead to and whom it reaches: the room projection (leak rate, where the
 * concentration is heading, minutes to the LEL), the flash-fire and explosion extent, an LPG cylinder's
 * fireball, and the neighbours and protection targets inside the impact circle.
 */
import type { AnalysisContext, CityObject, I18n, Statement } from '@fenghuo/sdk';
import { type BlastZones, blastZones, cloudFuelKg, fireball, tntEquivalentKg } from './blast.js';
import { round1, round2 } from './common.js';
import type { RestaurantConfig } from './config.js';
import { type GasProps, gasDensityKgM3 } from './gases.js';
import { projectRoom, type RoomProjection } from './room.js';

export const PREMISES_KINDS = ['restaurant_kitchen', 'lpg_cylinder_room'];

export interface Consequence {
  projection: RoomProjection;
  fuelKg: number;
  zones: BlastZones;
  fireball: { radiusM: number; durationS: number } | null;
  radiusM: number;
  volumeM3: number;
  ach: number;
  statements: Statement[];
}

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function consequence(
  attributes: Record<string, unknown>,
  kind: string,
  gas: GasProps,
  lelPctVol: number,
  lel: number,
  slopePerMin: number,
  cfg: RestaurantConfig,
): Consequence {
  const volumeM3 = num(attributes['roomVolumeM3']) ?? 50;
  const ach = num(attributes['airChangesPerHour']) ?? cfg.defaultAirChangesPerHour;
  const projection = projectRoom(lel, slopePerMin, volumeM3, ach, lelPctVol);
  const fuelKg = cloudFuelKg(volumeM3, cfg.cloudFraction, lelPctVol, gasDensityKgM3(gas));
  const zones = blastZones(
    tntEquivalentKg(fuelKg, gas.heatOfCombustionMjKg, cfg.tntYield),
    cfg.overpressureKpa,
  );
  const fill = num(attributes['cylinderFillKg']);
  const fb = kind === 'lpg_cylinder_room' && fill !== null ? fireball(fill) : null;
  const raw = Math.max(cfg.minImpactRadiusM, zones.glassM, fb?.radiusM ?? 0);
  const radiusM = Math.ceil(raw / 5) * 5;

  const statements: Statement[] = [];
  if (slopePerMin > 0) {
    const ss = Number.isFinite(projection.steadyLel) ? `${Math.round(projection.steadyLel)} %LEL` : null;
    statements.push({
      zh: `按房间充分混合模型（${round1(volumeM3)} m³，换气 ${round1(ach)} 次/h），当前上升 ${round2(slopePerMin)} %LEL/分钟，折合泄漏约 ${round2(projection.leakM3h)} m³/h 纯气；${ss ? `维持此泄漏，浓度将趋于 ${ss}` : '无通风时浓度持续上升'}${projection.minutesToLel !== null ? `，约 ${Math.ceil(projection.minutesToLel)} 分钟后达到爆炸下限` : '，不会达到爆炸下限，但局部（顶棚下或地面）可能已形成可燃气层'}`,
      en: `Well-mixed room model (${round1(volumeM3)} m³, ${round1(ach)} air changes/h): rising ${round2(slopePerMin)} %LEL/min means a leak of about ${round2(projection.leakM3h)} m³/h of gas; ${ss ? `at this leak the room tends to ${ss}` : 'without ventilation it keeps rising'}${projection.minutesToLel !== null ? `, reaching the LEL in about ${Math.ceil(projection.minutesToLel)} min` : ', below the LEL on average, though a layer under the ceiling or over the floor may already be flammable'}`,
    });
  } else {
    statements.push({
      zh: '浓度未再上升：泄漏已被通风平衡或气源已切断',
      en: 'The concentration is no longer rising: ventilation balances the leak or the supply is shut',
    });
  }
  const layer: I18n = gas.lighterThanAir
    ? { zh: '顶棚下', en: 'under the ceiling' }
    : { zh: '地面及地沟、地下空间', en: 'over the floor and into drains and spaces below' };
  statements.push({
    zh: `若${layer.zh}${Math.round(cfg.cloudFraction * 100)}% 房间容积达到爆炸下限（约 ${round2(fuelKg)} kg ${gas.name.zh}）遇火：闪燃范围为整个房间及其开口；爆炸约相当于 ${round2(zones.tntKg)} kg TNT，${Math.round(zones.severeM)} 米内超压 ≥ ${cfg.overpressureKpa.severe} kPa（砌体墙破坏、人员重伤），${Math.round(zones.damageM)} 米内 ≥ ${cfg.overpressureKpa.damage} kPa（房屋局部破坏、玻璃飞溅伤人），${Math.round(zones.glassM)} 米内 ≥ ${cfg.overpressureKpa.glass} kPa（门窗玻璃破碎）`,
    en: `If ${Math.round(cfg.cloudFraction * 100)} % of the room ${layer.en} reaches the LEL (about ${round2(fuelKg)} kg of ${gas.name.en}) and ignites: a flash fire fills the room and its openings; the explosion is about ${round2(zones.tntKg)} kg TNT, ≥ ${cfg.overpressureKpa.severe} kPa within ${Math.round(zones.severeM)} m (masonry walls fail, serious injuries), ≥ ${cfg.overpressureKpa.damage} kPa within ${Math.round(zones.damageM)} m (partial demolition of houses, injuries from flying glass), ≥ ${cfg.overpressureKpa.glass} kPa within ${Math.round(zones.glassM)} m (windows break)`,
  });
  if (fb && fill !== null) {
    statements.push({
      zh: `瓶组受火可能发生沸腾液体扩展蒸气爆炸：单瓶 ${fill} kg 火球半径约 ${Math.round(fb.radiusM)} 米、持续约 ${round1(fb.durationS)} 秒`,
      en: `Cylinders caught in a fire may BLEVE: one ${fill} kg cylinder makes a fireball of about ${Math.round(fb.radiusM)} m radius lasting about ${round1(fb.durationS)} s`,
    });
  }
  return { projection, fuelKg, zones, fireball: fb, radiusM, volumeM3, ach, statements };
}

export interface Surroundings {
  targets: CityObject[];
  hazards: CityObject[];
  sensitive: CityObject[];
  /** Other monitored kitchens and cylinder rooms inside the damage radius. */
  neighbours: CityObject[];
}

export async function surroundings(
  ctx: AnalysisContext,
  selfId: string,
  at: [number, number],
  radiusM: number,
  damageM: number,
  cfg: RestaurantConfig,
): Promise<Surroundings> {
  const all = (await ctx.within(radiusM, { roles: ['target', 'hazard'], at })).filter(
    (o) => o.distanceM === undefined || o.distanceM <= radiusM,
  );
  const premises = await ctx.within(Math.max(damageM, cfg.minImpactRadiusM), {
    roles: ['monitored'],
    kinds: PREMISES_KINDS,
    at,
  });
  return {
    targets: all.filter((o) => o.role === 'target'),
    hazards: all.filter((o) => o.role === 'hazard'),
    sensitive: all.filter((o) => o.role === 'target' && cfg.sensitiveKinds.includes(o.kind)),
    neighbours: premises.filter((o) => o.id !== selfId),
  };
}
