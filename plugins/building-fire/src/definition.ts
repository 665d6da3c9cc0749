/**
 * What the building-fire risk type monitors: buildings and the places inside them (detection zones,
 * electrical circuits, fire-water systems), the fire-detection, electrical-fire and fire-water metrics,
 * default tiers with their sources (domain catalogue `building-fire`), and the tunable parameters of the
 * analysis model (in config.ts).
 */

import type { MetricDef, ObjectKindDef, ThresholdDef } from '@fenghuo/sdk';
import { type Static, Type } from '@fenghuo/sdk';

/** What a building is used for: decides who is inside and how fast they can get out. */
export const BuildingUse = Type.Union(
  [
    Type.Literal('residential'),
    Type.Literal('office'),
    Type.Literal('commercial'),
    Type.Literal('hotel'),
    Type.Literal('hospital'),
    Type.Literal('elderly_care'),
    Type.Literal('school'),
    Type.Literal('kindergarten'),
    Type.Literal('entertainment'),
    Type.Literal('warehouse'),
    Type.Literal('factory'),
    Type.Literal('other'),
  ],
  {
    description:
      '使用性质：住宅、办公、商业、旅馆、医院、养老、学校、幼儿园、歌舞娱乐、仓库、厂房、其他 / use of the building',
  },
);
export type BuildingUse = Static<typeof BuildingUse>;

const floorsAbove = Type.Integer({
  minimum: 1,
  maximum: 200,
  description: '地上层数 / storeys above ground',
});
const floorsBelow = Type.Optional(
  Type.Integer({ minimum: 0, maximum: 20, description: '地下层数 / storeys below ground' }),
);
const heightM = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 1000,
    description: '建筑高度（米，GB 50016 口径） / building height (m, as GB 50016 measures it)',
  }),
);
const occupants = Type.Optional(
  Type.Integer({ minimum: 0, description: '设计/常驻人数 / design or usual occupant load' }),
);
const livingInside = Type.Optional(
  Type.Boolean({
    description:
      '住宿与生产经营储存合用（“三合一”）/ people sleep in the same building as the shop, workshop or store',
  }),
);
const buildingId = Type.String({
  minLength: 1,
  description: '所在建筑的对象编号 / id of the building object it lies in',
});
const floor = Type.Integer({
  minimum: -20,
  maximum: 200,
  description: '所在楼层（地下为负，如 -1） / floor it is on (basements negative, e.g. -1)',
});

const buildingAttributes = Type.Object({
  use: BuildingUse,
  floorsAbove,
  floorsBelow,
  heightM,
  occupants,
  livingInside,
});

export const objects = {
  high_rise: {
    name: { zh: '高层/超高层建筑', en: 'High-rise building' },
    attributes: buildingAttributes,
  },
  crowded_place: {
    name: { zh: '人员密集场所', en: 'Crowded place' },
    attributes: buildingAttributes,
  },
  small_venue: {
    name: { zh: '九小场所', en: 'Small venue (shop, eatery, workshop …)' },
    attributes: buildingAttributes,
  },
  ebike_charging: {
    name: { zh: '电动自行车停放充电场所', en: 'E-bike parking and charging place' },
    attributes: Type.Object({
      buildingId: Type.Optional(buildingId),
      floor: Type.Optional(floor),
      use: Type.Optional(BuildingUse),
      floorsAbove: Type.Optional(floorsAbove),
      bays: Type.Optional(Type.Integer({ minimum: 0, description: '充电车位数 / charging bays' })),
    }),
  },
  detection_zone: {
    name: { zh: '火灾探测区域（楼层/防火分区）', en: 'Fire detection zone (floor / compartment)' },
    attributes: Type.Object({
      buildingId,
      floor,
      zone: Type.Optional(
        Type.String({
          minLength: 1,
          description: '报警区域/防火分区编号，缺省按楼层 / alarm zone or compartment; by floor when absent',
        }),
      ),
    }),
  },
  electrical_circuit: {
    name: { zh: '电气回路（电气火灾监控）', en: 'Electrical circuit (electrical-fire monitoring)' },
    attributes: Type.Object({
      buildingId,
      floor,
      insulation: Type.Union([Type.Literal('pvc'), Type.Literal('xlpe'), Type.Literal('other')], {
        description: '线缆绝缘：PVC（70 °C）、XLPE（90 °C） / cable insulation',
      }),
      cableMaxTempC: Type.Number({
        minimum: 50,
        maximum: 250,
        description:
          '线缆导体长期允许最高温度（°C），PVC 70、XLPE 90 / maximum continuous conductor temperature (°C)',
      }),
      ratedCurrentA: Type.Optional(
        Type.Number({ exclusiveMinimum: 0, description: '额定电流 / rated current (A)' }),
      ),
    }),
  },
  fire_water: {
    name: { zh: '消防水系统（水池/水箱/管网）', en: 'Fire-water system (pool, tank, mains)' },
    attributes: Type.Object({
      buildingIds: Type.Array(Type.String({ minLength: 1 }), {
        minItems: 1,
        description: '所服务建筑的对象编号 / ids of the buildings it serves',
      }),
      minPressureMpa: Type.Number({
        exclusiveMinimum: 0,
        maximum: 2,
        description:
          '最不利点静水压力下限（MPa），GB 50974 5.2.2：一类高层公建 0.10，高层住宅/二类高层/多层公建 0.07，建筑高度超过 100 m 0.15 / minimum static pressure at the least favourable point',
      }),
      reserveLevelM: Type.Optional(
        Type.Number({
          exclusiveMinimum: 0,
          maximum: 10,
          description: '消防储水对应液位（米） / water level that holds the fire reserve volume (m)',
        }),
      ),
    }),
  },
} satisfies Record<string, ObjectKindDef>;

/** Building kinds: objects that are a building themselves (an e-bike place may be one or lie in one). */
export const BUILDING_KINDS = ['high_rise', 'crowded_place', 'small_venue', 'ebike_charging'];

/** Codes of `panel_status` (火灾报警控制器状态), as the user-information transmission device reports them. */
export const PANEL = { normal: 0, isolate: 1, fault: 2, offline: 3, fire: 4 } as const;

export const metrics = {
  smoke: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'event',
    name: { zh: '感烟探测报警', en: 'Smoke detector alarm' },
    intervalSec: 300,
  },
  heat: {
    schema: Type.Number({ minimum: -20, maximum: 150 }),
    unit: '°C',
    name: { zh: '温度（点型感温）', en: 'Temperature (point heat detector)' },
    intervalSec: 60,
  },
  flame: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'event',
    name: { zh: '火焰探测/视频识别', en: 'Flame detector / video recognition' },
    intervalSec: 300,
  },
  residual_current: {
    schema: Type.Number({ minimum: 0, maximum: 2000 }),
    unit: 'mA',
    name: { zh: '剩余电流', en: 'Residual current' },
    intervalSec: 60,
  },
  cable_temp: {
    schema: Type.Number({ minimum: -20, maximum: 200 }),
    unit: '°C',
    name: { zh: '线缆/接头温度', en: 'Cable / joint temperature' },
    intervalSec: 60,
  },
  arc_fault: {
    schema: Type.Number({ minimum: 0, maximum: 1 }),
    unit: 'event',
    name: { zh: '故障电弧', en: 'Arc fault' },
    intervalSec: 300,
  },
  fire_water_pressure: {
    schema: Type.Number({ minimum: 0, maximum: 2 }),
    unit: 'MPa',
    name: { zh: '消防管网压力（最不利点）', en: 'Fire-main pressure (least favourable point)' },
    intervalSec: 600,
  },
  fire_tank_level: {
    schema: Type.Number({ minimum: 0, maximum: 10 }),
    unit: 'm',
    name: { zh: '消防水池/水箱液位', en: 'Fire pool / tank level' },
    intervalSec: 600,
  },
  panel_status: {
    schema: Type.Number({ minimum: 0, maximum: 4, multipleOf: 1 }),
    unit: 'code',
    name: {
      zh: '火灾报警控制器状态（0 正常、1 屏蔽、2 故障、3 离线、4 火警）',
      en: 'Fire alarm control panel state (0 normal, 1 isolate, 2 fault, 3 offline, 4 fire)',
    },
    intervalSec: 300,
  },
} satisfies Record<string, MetricDef>;

const CAT = 'domain catalogue building-fire';

export const thresholds: { [K in keyof typeof metrics]?: ThresholdDef } = {
  // Point detectors report their own alarm decision (GB 4715/4716 detectors): one detector is an alarm to
  // the owner for 人工确认; the tier comes from the analysis (multi-detector confirmation), not the level.
  smoke: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: {
      alarm: {
        basis:
          'GB 50116-2013 alarm confirmation workflow (recalled): any single detector alarm goes to the owner',
        assumed: false,
      },
    },
  },
  flame: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: {
      alarm: {
        basis:
          'GB 50116-2013 alarm confirmation workflow (recalled): any single detector alarm goes to the owner',
        assumed: false,
      },
    },
  },
  heat: {
    direction: 'rising',
    levels: { alarm: 54, orange: 68, red: 100 },
    durationSec: 0,
    hysteresis: 2,
    // GB 4716 rate-of-rise (R) detectors respond to a fast rise before the static temperature is reached.
    ratePerMin: { alarm: 10 },
    source: {
      alarm: { basis: 'GB 4716-2005 class A1 static response 54–65 °C (recalled)', assumed: false },
      orange: {
        basis: 'GB 5135.1 standard glass-bulb sprinkler rating 68 °C (recalled): a sprinkler here would open',
        assumed: true,
      },
      red: {
        basis: `${CAT}: ceiling gas ≥ 100 °C, a developed fire in the room (engineering choice)`,
        assumed: true,
      },
    },
  },
  residual_current: {
    // The catalogue's alarm (300 mA, GB 50116-2013 9.2.3) equals its blue, so the alarm level is omitted:
    // the evaluator raises at blue; the analysis keeps a first, non-recurring exceedance with the owner.
    direction: 'rising',
    levels: { blue: 300, yellow: 500, orange: 800, red: 1000 },
    durationSec: 60,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      blue: {
        basis:
          'GB 50116-2013 9.2.3: set 300–500 mA (natural leakage 100–200 mA); blue when held ≥ 10 min or ≥ 3 times/day',
        assumed: true,
      },
      yellow: { basis: `${CAT}: upper end of the GB 50116 recommended band (500 mA)`, assumed: true },
      orange: { basis: `${CAT}: 800 mA`, assumed: true },
      red: { basis: `${CAT}: top of the GB 14287.2 settable range (recalled)`, assumed: true },
    },
  },
  cable_temp: {
    // Ratio of the cable's maximum continuous conductor temperature; the catalogue's alarm (0.7) equals its
    // blue, so the alarm level is omitted.
    direction: 'rising',
    ratioOf: 'cableMaxTempC',
    levels: { blue: 0.7, yellow: 0.8, orange: 0.9, red: 1.0 },
    durationSec: 120,
    hysteresis: 0.03,
    hysteresisIsFraction: true,
    source: {
      blue: {
        basis: 'GB 50116-2013 9.3: alarm at 70–80 % of the cable insulation maximum temperature (recalled)',
        assumed: true,
      },
      yellow: { basis: `${CAT}: 80 % of T_max`, assumed: true },
      orange: { basis: `${CAT}: 90 % of T_max`, assumed: true },
      red: { basis: `${CAT}: T_max reached (PVC 70 °C, XLPE 90 °C)`, assumed: true },
    },
  },
  arc_fault: {
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: { alarm: { basis: 'GB 14287.4 arc-fault detector alarm signal (recalled)', assumed: true } },
  },
  fire_water_pressure: {
    direction: 'falling',
    ratioOf: 'minPressureMpa',
    levels: { alarm: 1, yellow: 0.5 },
    // A pump start or a hydrant test dips the pressure for minutes; an impairment holds.
    durationSec: 600,
    hysteresis: 0.05,
    hysteresisIsFraction: true,
    source: {
      alarm: {
        basis: 'GB 50974-2014 5.2.2 minimum static pressure at the least favourable point (recalled)',
        assumed: false,
      },
      yellow: {
        basis: `${CAT}: below half the minimum (blue, held ≥ 24 h, is set by the analysis)`,
        assumed: true,
      },
    },
  },
  fire_tank_level: {
    direction: 'falling',
    ratioOf: 'reserveLevelM',
    levels: { alarm: 1.1, yellow: 1 },
    durationSec: 600,
    hysteresis: 0.02,
    hysteresisIsFraction: true,
    source: {
      alarm: {
        basis: 'engineering choice: 10 % above the fire reserve, so the owner refills before it is touched',
        assumed: true,
      },
      yellow: { basis: `${CAT}: level below the fire-reserve volume`, assumed: true },
    },
  },
  panel_status: {
    // Any state other than normal (0) alarms the owner; what it means is the analysis's to judge.
    direction: 'rising',
    levels: { alarm: 1 },
    durationSec: 0,
    source: {
      alarm: {
        basis:
          'GB 50116 / GB 25201: a panel in fault, isolation or offline must be repaired by the owner (recalled)',
        assumed: true,
      },
    },
  },
};
