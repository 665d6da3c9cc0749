/**
 * The GraphQL schema (SDL). Every query is answered for the city of the caller's token only; the
 * generated copy in `docs/reference/schema.graphql` is checked against this text by a test.
 */
import { buildSchema, printSchema } from 'graphql';

/** The schema as SDL, printed the way `docs/reference/schema.graphql` holds it. */
export function printedSchema(): string {
  return printSchema(buildSchema(typeDefs));
}

export const SCHEMA_BANNER =
  '# GENERATED from core/src/api/graphql/schema.ts — do not edit; run `fenghuo-core generate`.\n\n';
export const typeDefs = /* GraphQL */ `
"""
An instant, RFC 3339 with a zone (e.g. 2026-11-29T08:00:00.000Z).
"""
scalar DateTime

"""
Any JSON value (GeoJSON geometries, plugin-defined attributes, level tables).
"""
scalar JSON

"""
Alarm levels, lowest first: alarm 报警 (to the owner unit only), then the warning tiers
blue 蓝 (IV) < yellow 黄 (III) < orange 橙 (II) < red 红 (I).
"""
enum Level {
  alarm
  blue
  yellow
  orange
  red
}

"""
Warning tiers 预警等级, lowest first.
"""
enum Tier {
  blue
  yellow
  orange
  red
}

"""
raised 已报警 → acknowledged 已确认 → cleared 已消除 → closed 已关闭; or false_alarm 误报.
"""
enum AlarmStatus {
  raised
  acknowledged
  cleared
  closed
  false_alarm
}

enum WarningStatus {
  active
  lifted
}

"""
monitored 监测对象, target 防护目标, hazard 危险源.
"""
enum ObjectRole {
  monitored
  target
  hazard
}

enum UnitKind {
  owner
  department
  government
}

enum Role {
  admin
  operator
  viewer
  device
  "Uploads plugin versions (a vendor's or a CI pipeline's token); reads nothing."
  publisher
  "The platform operator: trusts and revokes publisher keys, may upload plugin versions."
  platform
}

enum Domain {
  lifeline
  public
  production
  natural
}

enum Direction {
  rising
  falling
}

"""
Text in Chinese and English.
"""
type I18n {
  zh: String!
  en: String!
}

type PageInfo {
  hasNextPage: Boolean!
  "Pass as after to get the next page."
  endCursor: String
}

"""
Who is asking: the token's city, role and name.
"""
type Principal {
  city: ID!
  role: Role!
  name: String!
}

type City {
  id: ID!
  name: I18n!
  timezone: String!
}

"""
An owner unit 权属单位, department 部门 or government 政府 that receives alarms and warnings.
"""
type Unit {
  id: ID!
  kind: UnitKind!
  name: I18n!
  contact: JSON!
  webhookUrl: String
}

"""
A monitored object, protection target or hazard.
"""
type CityObject {
  id: ID!
  kind: String!
  role: ObjectRole!
  riskType: String
  name: I18n!
  ownerUnit: Unit
  "GeoJSON geometry (WGS84 lon/lat)."
  geometry: JSON!
  "Representative point [lon, lat]."
  location: [Float!]!
  attributes: JSON!
  sensors: [Sensor!]!
}

type ObjectConnection {
  nodes: [CityObject!]!
  pageInfo: PageInfo!
}

"""
The latest stored value of one metric of a sensor.
"""
type MetricValue {
  metric: String!
  ts: DateTime!
  value: Float!
}

type Sensor {
  id: ID!
  object: CityObject!
  riskType: String!
  metrics: [String!]!
  "[lon, lat]"
  location: [Float!]!
  "Expected seconds between readings (null: the plugin's default)."
  intervalSec: Int
  attributes: JSON!
  lastSeen: DateTime
  "The latest value of each metric."
  latest: [MetricValue!]!
}

type SensorConnection {
  nodes: [Sensor!]!
  pageInfo: PageInfo!
}

"""
One point of a series: a reading (min = max = value, count = 1) or, with a bucket, the average,
minimum, maximum and count of the readings in [ts, ts + bucket).
"""
type ReadingPoint {
  ts: DateTime!
  value: Float!
  min: Float!
  max: Float!
  count: Int!
}

type ReadingSeries {
  sensor: ID!
  metric: String!
  unit: String!
  "Bucket width in seconds, null for raw readings."
  bucket: Int
  points: [ReadingPoint!]!
}

"""
One step of an alarm's timeline (预警事件档案).
"""
type ArchiveEvent {
  id: ID!
  kind: String!
  actor: String!
  at: DateTime!
  warningId: ID
  data: JSON!
}

"""
An alarm 报警: one open alarm per sensor and metric, stepping between levels as readings change.
"""
type Alarm {
  id: ID!
  kind: String!
  sensor: Sensor!
  object: CityObject!
  riskType: String!
  metric: String!
  level: Level!
  "The highest level this alarm reached."
  maxLevel: Level!
  status: AlarmStatus!
  "value (a level crossed), rate (rate of change) or offline."
  cause: String!
  value: Float
  limit: Float
  readingTs: DateTime
  raisedAt: DateTime!
  updatedAt: DateTime!
  acknowledgedAt: DateTime
  acknowledgedBy: String
  clearedAt: DateTime
  closedAt: DateTime
  "Every step of this alarm, oldest first."
  archive: [ArchiveEvent!]!
  "The warning its analysis issued, if any."
  warning: Warning
}

type AlarmConnection {
  nodes: [Alarm!]!
  pageInfo: PageInfo!
}

"""
A protection target or hazard inside a warning's impact area.
"""
type AffectedTarget {
  id: ID!
  kind: String!
  role: ObjectRole!
  name: I18n!
  distanceM: Float!
}

"""
A warning 预警: the analysed risk of an alarm, with its tier, impact and recommended actions.
"""
type Warning {
  id: ID!
  alarm: Alarm!
  object: CityObject!
  riskType: String!
  tier: Tier!
  status: WarningStatus!
  "Impact area as GeoJSON."
  impact: JSON
  impactRadiusM: Float
  targets: [AffectedTarget!]!
  findings: [I18n!]!
  actions: [I18n!]!
  title: I18n!
  body: I18n!
  instructions: I18n!
  "Re-analysed warnings count up from 1."
  revision: Int!
  createdAt: DateTime!
  updatedAt: DateTime!
}

type WarningConnection {
  nodes: [Warning!]!
  pageInfo: PageInfo!
}

type Notification {
  id: ID!
  unitId: ID!
  unit: Unit
  alarmId: ID
  warningId: ID
  kind: String!
  title: I18n!
  body: I18n!
  createdAt: DateTime!
  readAt: DateTime
}

type NotificationConnection {
  nodes: [Notification!]!
  pageInfo: PageInfo!
}

type ObjectKind {
  key: String!
  name: I18n!
  "JSON Schema of the kind's attributes."
  attributes: JSON!
}

"""
Where a default tier comes from; assumed = an engineering choice a city should review.
"""
type ThresholdSource {
  "The level it applies to, or null for all levels."
  level: Level
  basis: String!
  assumed: Boolean!
}

type DefaultThreshold {
  direction: Direction!
  "Limits per level, e.g. { blue: 10, yellow: 20 } (ratios of ratioOf when it is set)."
  levels: JSON!
  durationSec: Float
  hysteresis: Float
  hysteresisIsFraction: Boolean
  ratePerMin: JSON
  ratioOf: String
  sources: [ThresholdSource!]!
}

type MetricDef {
  key: String!
  unit: String!
  name: I18n!
  min: Float
  max: Float
  intervalSec: Float
  threshold: DefaultThreshold
}

"""
A risk type provided by a loaded plugin.
"""
type RiskType {
  id: ID!
  version: String!
  domain: Domain!
  name: I18n!
  description: I18n
  objectKinds: [ObjectKind!]!
  metrics: [MetricDef!]!
}

"""
A city's override of a risk type's default tiers, for the whole city, one object or one sensor.
"""
type ThresholdOverride {
  id: ID!
  riskType: String!
  metric: String!
  objectId: ID
  sensorId: ID
  levels: JSON!
  durationSec: Int
  hysteresis: Float
  updatedAt: DateTime!
}

"""
A plugin as the caller's city sees it: a risk type (analysis) or a sensor plugin (decodes a device's raw
payloads). Uploaded plugins are disabled for a city until its administrator enables them; shipped ones are
enabled. A city follows the latest version unless it pins one.
"""
type Plugin {
  id: ID!
  "risk-type or sensor"
  kind: String!
  name: I18n
  vendor: String
  "The city's choice."
  enabled: Boolean!
  "Whether it runs for the city now: enabled and its serving version not quarantined."
  active: Boolean!
  "The version serving the city."
  version: String!
  latestVersion: String!
  pinnedVersion: String
  "The city's config over the plugin's defaults (risk types)."
  config: JSON
  quarantine: PluginQuarantine
  "Every installed version, oldest first."
  versions: [PluginVersion!]!
}

"""
A plugin version that failed repeatedly for the city and was switched off there (an operator alarm is
open). Enabling the plugin again releases it; pinning another version leaves it behind.
"""
type PluginQuarantine {
  version: String!
  at: DateTime!
  code: String!
  message: String!
  failures: Int!
}

type PluginVersion {
  version: String!
  sha256: String!
  bytes: Int!
  "The SDK range the plugin was built for."
  sdk: String!
  publisher: PluginSigner!
  "upload or shipped"
  source: String!
  uploadedBy: String!
  uploadedAt: DateTime!
}

type PluginSigner {
  name: String!
  keyId: ID!
}

"A publisher key the platform trusts (or trusted: revokedAt)."
type Publisher {
  keyId: ID!
  name: String!
  trustedBy: String!
  trustedAt: DateTime!
  revokedAt: DateTime
}

"One change in the plugin registry: a publish or key change (city null), or a city's choice."
type PluginAuditEntry {
  id: ID!
  at: DateTime!
  actor: String!
  city: ID
  plugin: ID
  version: String
  "published, replaced, key_trusted, key_revoked, enabled, disabled, pinned, unpinned, rolled_back, config_changed, quarantined, released"
  action: String!
  data: JSON!
}

"A fault of the platform itself that an operator must act on, such as a quarantined plugin."
type OperatorAlarm {
  id: ID!
  kind: String!
  subject: String!
  level: Level!
  "open, acknowledged or resolved"
  status: String!
  title: I18n!
  data: JSON!
  raisedAt: DateTime!
  acknowledgedBy: String
  acknowledgedAt: DateTime
  resolvedBy: String
  resolvedAt: DateTime
}

type Query {
  "The caller."
  me: Principal!
  "The caller's city."
  city: City
  units: [Unit!]!
  objects(role: ObjectRole, riskType: String, first: Int = 50, after: String): ObjectConnection!
  object(id: ID!): CityObject
  sensors(objectId: ID, riskType: String, first: Int = 50, after: String): SensorConnection!
  sensor(id: ID!): Sensor
  "Readings in [from, to]; with bucket (seconds), one point per bucket with avg/min/max."
  readings(sensor: ID!, metric: String!, from: DateTime!, to: DateTime!, bucket: Int, limit: Int = 10000): ReadingSeries!
  "Newest first. minLevel (or minTier) filters on the highest level an alarm reached."
  alarms(status: [AlarmStatus!], minLevel: Level, minTier: Tier, first: Int = 50, after: String): AlarmConnection!
  alarm(id: ID!): Alarm
  "Newest first."
  warnings(first: Int = 50, after: String, minTier: Tier, status: WarningStatus): WarningConnection!
  warning(id: ID!): Warning
  riskTypes: [RiskType!]!
  thresholdOverrides(riskType: String): [ThresholdOverride!]!
  "In-app notifications, newest first; unit narrows them to one unit."
  notifications(unit: ID, first: Int = 50, after: String): NotificationConnection!
  "Installed plugins as the caller's city sees them."
  plugins: [Plugin!]!
  plugin(id: ID!): Plugin
  "The plugin registry's audit log, newest first: platform-wide entries and the caller's city's."
  pluginAudit(plugin: ID, first: Int = 100): [PluginAuditEntry!]!
  publishers: [Publisher!]!
  "The city's operator alarms, newest first; open: only those not resolved."
  operatorAlarms(open: Boolean = false): [OperatorAlarm!]!
}

type Mutation {
  "Operator: take charge of a raised alarm."
  acknowledgeAlarm(id: ID!): Alarm!
  "Operator: close an alarm once it has cleared; force closes one still open (a new reading beyond the limit raises a new alarm)."
  closeAlarm(id: ID!, note: String, force: Boolean = false): Alarm!
  "Operator: mark an alarm as a false alarm."
  markFalseAlarm(id: ID!, note: String): Alarm!
  "Admin: override default tiers for the city (no objectId/sensorId), one object or one sensor."
  setThresholdOverride(
    riskType: String!
    metric: String!
    objectId: ID
    sensorId: ID
    levels: JSON!
    durationSec: Int
    hysteresis: Float
  ): ThresholdOverride!
  "Admin: enable or disable a plugin for the city. Enabling a quarantined plugin releases the quarantine."
  setPluginEnabled(id: ID!, enabled: Boolean!): Plugin!
  "Admin: hold the city on one installed version, or follow the latest again (version null)."
  pinPluginVersion(id: ID!, version: String): Plugin!
  "Admin: go back to the version to (default: the highest installed version below the one serving now)."
  rollbackPlugin(id: ID!, to: String): Plugin!
  "Admin: the city's config of a risk-type plugin, checked against its schema (null: the defaults)."
  setPluginConfig(id: ID!, config: JSON): Plugin!
  "Operator: take charge of an open operator alarm."
  acknowledgeOperatorAlarm(id: ID!): OperatorAlarm!
}

type Subscription {
  "A new alarm in the caller's city."
  alarmRaised: Alarm!
  "Any change of an alarm in the caller's city (raised, stepped, acknowledged, cleared, closed)."
  alarmChanged: Alarm!
  "A warning issued or revised in the caller's city."
  warningIssued: Warning!
}
`;
