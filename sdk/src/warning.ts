/**
 * Warning composition, shared by core and the test harness so that a plugin's fixtures render exactly
 * the texts the platform publishes: the data a template sees ({@link templateData}) and the rendered
 * title, body and instructions ({@link composeWarning}).
 */
import { renderTemplate } from './template.js';
import { localTime, utcOffsetLabel } from './time.js';
import type { AlarmEvent, AnalysisResult, I18n, Level, RiskTypeDef, Tier } from './types.js';

/**
 * Display facts of one tier, as the guideline names and colours them.
 *
 * @example
 * const info: TierInfo = TIER_INFO[result.tier ?? 'blue'];
 * info.colour; // '#1E66F5'
 */
export interface TierInfo {
  /** e.g. `橙色预警`. */
  zh: string;
  /** e.g. `Orange warning`. */
  en: string;
  /** The guideline's grade: `IV` (blue) … `I` (red). */
  level: 'IV' | 'III' | 'II' | 'I';
  /** e.g. `二级`. */
  gradeZh: string;
  /** Colour as `#RRGGBB`. */
  colour: string;
}

/**
 * The four warning tiers: names, grades and colours (`catalogue.yaml` → `meta.tiers`).
 *
 * @example
 * TIER_INFO.orange; // { zh: '橙色预警', en: 'Orange warning', level: 'II', gradeZh: '二级', colour: '#FF7800' }
 */
export const TIER_INFO: Readonly<Record<Tier, TierInfo>> = Object.freeze({
  blue: { zh: '蓝色预警', en: 'Blue warning', level: 'IV', gradeZh: '四级', colour: '#1E66F5' },
  yellow: { zh: '黄色预警', en: 'Yellow warning', level: 'III', gradeZh: '三级', colour: '#F5C211' },
  orange: { zh: '橙色预警', en: 'Orange warning', level: 'II', gradeZh: '二级', colour: '#FF7800' },
  red: { zh: '红色预警', en: 'Red warning', level: 'I', gradeZh: '一级', colour: '#E01B24' },
});

/**
 * Names of every alarm level, `alarm` (报警, to the owner unit only) and the four tiers.
 *
 * @example
 * LEVEL_NAMES.alarm.zh; // '报警'
 */
export const LEVEL_NAMES: Readonly<Record<Level, I18n>> = Object.freeze({
  alarm: { zh: '报警', en: 'Alarm' },
  blue: { zh: TIER_INFO.blue.zh, en: TIER_INFO.blue.en },
  yellow: { zh: TIER_INFO.yellow.zh, en: TIER_INFO.yellow.en },
  orange: { zh: TIER_INFO.orange.zh, en: TIER_INFO.orange.en },
  red: { zh: TIER_INFO.red.zh, en: TIER_INFO.red.en },
});

/**
 * Display names of the event's metric; without them the metric key stands in.
 *
 * @example
 * const names: MetricNames = { metricZh: '甲烷', metricEn: 'Methane', unit: '%LEL' };
 * templateData(event, result, names);
 */
export interface MetricNames {
  metricZh: string;
  metricEn: string;
  unit: string;
}

/**
 * The rendered texts of one warning.
 *
 * @example
 * const texts: ComposedWarning = composeWarning(plugin, event, result);
 * texts.instructions.en; // '1. Close the upstream valve'
 */
export interface ComposedWarning {
  title: I18n;
  body: I18n;
  instructions: I18n;
}

const listOr = (items: string[], sep: string, none: string): string =>
  items.length > 0 ? items.join(sep) : none;
const numbered = (items: string[], none: string): string =>
  items.length > 0 ? items.map((s, i) => `${i + 1}. ${s}`).join('\n') : none;

/**
 * The values a warning template can use as `{{key}}`. Standard keys:
 *
 * | key | value |
 * |---|---|
 * | `object`, `objectEn` | the monitored object's zh / en name |
 * | `objectId` | its id |
 * | `sensor` | the sensor id |
 * | `metric`, `metricEn` | the metric's zh / en name (the key when no names are given) |
 * | `metricKey` | the metric key, e.g. `ch4` |
 * | `unit` | the metric's unit |
 * | `value`, `limit` | the reading and the limit it crossed |
 * | `level`, `levelZh`, `levelEn` | the alarm level key and names (`orange`, `橙色预警`, `Orange warning`) |
 * | `tier`, `tierZh`, `tierEn`, `tierLevel` | the warning tier (`orange`, `橙色预警`, `Orange warning`, `II`); absent when the tier is `null` |
 * | `ts` | the reading's timestamp (ISO 8601, UTC) |
 * | `time`, `utcOffset` | the reading's time in the city, `2026-11-30 04:54:35`, and its offset, `UTC+08:00` (from `event.utcOffsetMin`) |
 * | `radius` | the impact radius in metres, rounded (when the result gives one) |
 * | `targetsCount` | how many targets are affected |
 * | `targetsZh`, `targetsEn` | their names joined by `、` / `, ` (`无` / `none` when empty) |
 * | `findingsZh`, `findingsEn` | the findings as numbered lines (`无` / `none` when empty) |
 * | `actionsZh`, `actionsEn` | the recommended actions as numbered lines (`无` / `none` when empty) |
 *
 * Then every key of `result.data`, which wins over a standard key of the same name (so a plugin can,
 * say, round `radius` its own way).
 *
 * @example
 * const data = templateData(event, result, { metricZh: '甲烷', metricEn: 'Methane', unit: '%LEL' });
 * renderTemplate('{{object}}{{metric}}浓度{{value}}{{unit}}，{{tierZh}}', data);
 * // '3号阀门井甲烷浓度32%LEL，橙色预警'
 */
export function templateData(
  event: AlarmEvent,
  result: AnalysisResult,
  names?: MetricNames,
): Record<string, string | number> {
  const targets = result.targets ?? [];
  const data: Record<string, string | number> = {
    object: event.object.name.zh,
    objectEn: event.object.name.en,
    objectId: event.object.id,
    sensor: event.sensor.id,
    metric: names?.metricZh ?? event.metric,
    metricEn: names?.metricEn ?? event.metric,
    metricKey: event.metric,
    unit: names?.unit ?? '',
    value: event.value,
    limit: event.limit,
    level: event.level,
    levelZh: LEVEL_NAMES[event.level].zh,
    levelEn: LEVEL_NAMES[event.level].en,
    ts: event.ts,
    time: localTime(event.ts, event.utcOffsetMin ?? 0),
    utcOffset: utcOffsetLabel(event.utcOffsetMin ?? 0),
    targetsCount: targets.length,
    targetsZh: listOr(
      targets.map((t) => t.name.zh),
      '、',
      '无',
    ),
    targetsEn: listOr(
      targets.map((t) => t.name.en),
      ', ',
      'none',
    ),
    findingsZh: numbered(
      result.findings.map((f) => f.zh),
      '无',
    ),
    findingsEn: numbered(
      result.findings.map((f) => f.en),
      'none',
    ),
    actionsZh: numbered(
      result.actions.map((a) => a.zh),
      '无',
    ),
    actionsEn: numbered(
      result.actions.map((a) => a.en),
      'none',
    ),
  };
  if (result.tier !== null) {
    const info = TIER_INFO[result.tier];
    data['tier'] = result.tier;
    data['tierZh'] = info.zh;
    data['tierEn'] = info.en;
    data['tierLevel'] = info.level;
  }
  if (typeof result.impactRadiusM === 'number' && Number.isFinite(result.impactRadiusM)) {
    data['radius'] = Math.round(result.impactRadiusM);
  }
  return { ...data, ...(result.data ?? {}) };
}

/**
 * Render a risk type's warning templates for one analysis: title, body and instructions in zh and en,
 * from {@link templateData} with the metric's names and unit taken from the definition.
 *
 * @example
 * const texts = composeWarning(gasPipeline, event, result);
 * texts.title.zh; // '3号阀门井橙色预警：燃气泄漏'
 */
export function composeWarning(def: RiskTypeDef, event: AlarmEvent, result: AnalysisResult): ComposedWarning {
  const metric = def.metrics[event.metric];
  const data = templateData(
    event,
    result,
    metric ? { metricZh: metric.name.zh, metricEn: metric.name.en, unit: metric.unit } : undefined,
  );
  const render = (t: I18n): I18n => ({ zh: renderTemplate(t.zh, data), en: renderTemplate(t.en, data) });
  return {
    title: render(def.warning.title),
    body: render(def.warning.body),
    instructions: render(def.warning.instructions),
  };
}
