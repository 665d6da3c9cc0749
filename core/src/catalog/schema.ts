/**
 * The catalogue (inventory) format of one city: units, monitored objects, protection targets, hazards,
 * sensors, threshold overrides and (demo only) API tokens. One TypeBox value is the runtime validator,
 * the static type and the JSON Schema published as `catalog/inventory.schema.json`.
 *
 * What the schema cannot say (references between rows, a plugin's attribute schema, tier order) is
 * checked by `validate.ts`.
 */
import { type Static, Type } from '@sinclair/typebox';

const I18n = Type.Object(
  {
    zh: Type.String({ minLength: 1, description: '中文' }),
    en: Type.String({ minLength: 1, description: 'English' }),
  },
  { additionalProperties: false },
);

/** Ids of rows: letters, digits and `-_.:`; they appear in MQTT topics and URLs. */
const Id = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$',
  description: 'letters, digits and - _ . : (at most 128), starting with a letter or digit',
});

/** A city id is also used in MQTT topics: lower case. */
const CityId = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  description: 'lower-case letters, digits and -',
});

const Lon = Type.Number({ minimum: -180, maximum: 180 });
const Lat = Type.Number({ minimum: -90, maximum: 90 });
/** `[longitude, latitude]` in WGS84 degrees (GeoJSON order). */
export const LonLat = Type.Tuple([Lon, Lat], { description: '[longitude, latitude], WGS84' });

export const PointGeometry = Type.Object(
  { type: Type.Literal('Point'), coordinates: LonLat },
  { additionalProperties: false },
);
export const LineStringGeometry = Type.Object(
  { type: Type.Literal('LineString'), coordinates: Type.Array(LonLat, { minItems: 2 }) },
  { additionalProperties: false },
);
export const PolygonGeometry = Type.Object(
  {
    type: Type.Literal('Polygon'),
    coordinates: Type.Array(Type.Array(LonLat, { minItems: 4 }), {
      minItems: 1,
      description: 'linear rings, each closed (first position = last)',
    }),
  },
  { additionalProperties: false },
);
export const Geometry = Type.Union([PointGeometry, LineStringGeometry, PolygonGeometry], {
  description: 'GeoJSON Point, LineString or Polygon in WGS84 lon/lat',
});

const Level = Type.Number();

export const InventoryCity = Type.Object(
  {
    id: CityId,
    name: I18n,
    timezone: Type.Optional(
      Type.String({ minLength: 1, default: 'Asia/Shanghai', description: 'IANA time zone' }),
    ),
  },
  { additionalProperties: false },
);

export const InventoryUnit = Type.Object(
  {
    id: Id,
    kind: Type.Union([Type.Literal('owner'), Type.Literal('department'), Type.Literal('government')], {
      description: 'owner 权属单位 | department 行业部门 | government 政府',
    }),
    name: I18n,
    contact: Type.Optional(
      Type.Object(
        {
          person: Type.Optional(Type.String()),
          phone: Type.Optional(Type.String()),
          email: Type.Optional(Type.String()),
          address: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    webhookUrl: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'alarms and warnings are POSTed here' }),
    ),
  },
  { additionalProperties: false },
);

export const InventoryObject = Type.Object(
  {
    id: Id,
    kind: Type.String({
      pattern: '^[a-z][a-z0-9_-]*$',
      description: "for monitored objects, one of the risk type's object kinds",
    }),
    role: Type.Union([Type.Literal('monitored'), Type.Literal('target'), Type.Literal('hazard')], {
      description: 'monitored 监测对象 | target 防护目标 | hazard 危险源',
    }),
    riskType: Type.Optional(Type.String({ description: 'required for monitored objects' })),
    name: I18n,
    ownerUnit: Type.Optional(Id),
    geometry: Geometry,
    attributes: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: "monitored objects: validated against the risk type's schema of the kind",
      }),
    ),
  },
  { additionalProperties: false },
);

export const InventorySensor = Type.Object(
  {
    id: Id,
    objectId: Id,
    riskType: Type.String(),
    metrics: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
    location: Type.Optional(LonLat),
    intervalSec: Type.Optional(
      Type.Integer({ minimum: 1, description: 'expected seconds between readings' }),
    ),
    decoder: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'id of the sensor plugin that decodes this sensor’s raw payloads (raw topic / endpoint)',
      }),
    ),
    attributes: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const InventoryThreshold = Type.Object(
  {
    riskType: Type.String(),
    metric: Type.String(),
    objectId: Type.Optional(Id),
    sensorId: Type.Optional(Id),
    levels: Type.Object(
      {
        alarm: Type.Optional(Level),
        blue: Type.Optional(Level),
        yellow: Type.Optional(Level),
        orange: Type.Optional(Level),
        red: Type.Optional(Level),
      },
      { additionalProperties: false, minProperties: 1 },
    ),
    durationSec: Type.Optional(Type.Integer({ minimum: 0 })),
    hysteresis: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const InventoryToken = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    role: Type.Union([
      Type.Literal('admin'),
      Type.Literal('operator'),
      Type.Literal('viewer'),
      Type.Literal('device'),
      Type.Literal('publisher'),
      Type.Literal('platform'),
    ]),
    token: Type.Optional(
      Type.String({
        minLength: 12,
        description: 'fixed token (demo only); generated and shown once when absent',
      }),
    ),
  },
  { additionalProperties: false },
);

export const Inventory = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    city: InventoryCity,
    units: Type.Array(InventoryUnit),
    objects: Type.Array(InventoryObject),
    sensors: Type.Array(InventorySensor),
    thresholds: Type.Optional(Type.Array(InventoryThreshold)),
    tokens: Type.Optional(
      Type.Array(InventoryToken, { description: 'demo and tests only: real tokens are made with the CLI' }),
    ),
  },
  {
    additionalProperties: false,
    $id: 'https://fenghuo.dev/schema/inventory.schema.json',
    title: 'Fenghuo city inventory 城市监测清单',
  },
);

export type Inventory = Static<typeof Inventory>;
export type InventoryObject = Static<typeof InventoryObject>;
export type InventorySensor = Static<typeof InventorySensor>;
export type InventoryThreshold = Static<typeof InventoryThreshold>;
export type InventoryUnit = Static<typeof InventoryUnit>;
export type InventoryToken = Static<typeof InventoryToken>;
export type GeometryValue = Static<typeof Geometry>;

/** The JSON Schema document written to `catalog/inventory.schema.json` (with its do-not-edit banner). */
export function inventoryJsonSchema(): Record<string, unknown> {
  return {
    $comment: 'GENERATED from core/src/catalog/schema.ts — do not edit; run `fenghuo-core generate`.',
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...JSON.parse(JSON.stringify(Inventory)),
  };
}
