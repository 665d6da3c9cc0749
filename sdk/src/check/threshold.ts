/**
 * The checks of one threshold: direction, levels in order, rates, durations, hysteresis, `ratioOf`.
 */
import { TypeGuard } from '@sinclair/typebox';
import { sdkErrors } from '../errors.js';
import { LEVELS } from '../rules/evaluate.js';
import type { Level } from '../types.js';
import { type Collector, describe, isFiniteNumber, isRecord, type Rec, seg } from './collect.js';

/**
 * The number attributes of every object kind, the names `ratioOf` may use.
 *
 * @example
 * numberAttributes({ bridge: { name, attributes: Type.Object({ limitMm: Type.Number(), class: Type.String() }) } });
 * // Set { 'limitMm' }
 */
export function numberAttributes(objects: unknown): Set<string> {
  const out = new Set<string>();
  if (!isRecord(objects)) return out;
  for (const kind of Object.values(objects)) {
    if (!isRecord(kind) || !TypeGuard.IsObject(kind['attributes'])) continue;
    for (const [name, schema] of Object.entries(kind['attributes'].properties)) {
      if (TypeGuard.IsNumber(schema) || TypeGuard.IsInteger(schema)) out.add(name);
    }
  }
  return out;
}

/** Present level values in level order, reporting keys that are not levels and values that are not numbers. */
function levelValues(
  c: Collector,
  path: string,
  metric: string,
  field: string,
  values: Rec,
): { level: Level; value: number }[] {
  for (const [key, value] of Object.entries(values)) {
    if (!(LEVELS as readonly string[]).includes(key)) {
      c.add(
        `${path}/${seg(key)}`,
        sdkErrors.THRESHOLD_LEVEL_INVALID({
          field,
          metric,
          reason: `"${key}" is not a level; use alarm, blue, yellow, orange or red`,
        }),
      );
    } else if (value !== undefined && !isFiniteNumber(value)) {
      c.add(
        `${path}/${key}`,
        sdkErrors.THRESHOLD_LEVEL_INVALID({
          field,
          metric,
          reason: `${key} must be a finite number, got ${describe(value)}`,
        }),
      );
    }
  }
  const out: { level: Level; value: number }[] = [];
  for (const level of LEVELS) {
    const v = values[level];
    if (isFiniteNumber(v)) out.push({ level, value: v });
  }
  return out;
}

/**
 * Check the threshold of one metric and add its problems to the collector.
 *
 * @example
 * const c = new Collector();
 * checkThreshold(c, 'o2', { direction: 'falling', levels: { blue: 16, red: 19 } }, def.metrics, new Set());
 * c.problems[0]?.code; // 'FH_SDK_THRESHOLD_LEVELS_ORDER'
 */
export function checkThreshold(
  c: Collector,
  metric: string,
  th: unknown,
  metrics: Rec,
  ratioAttributes: Set<string>,
): void {
  const path = `/thresholds/${seg(metric)}`;
  if (!isRecord(th)) {
    c.add(
      path,
      sdkErrors.FIELD_INVALID({
        field: `threshold of "${metric}"`,
        expected: 'an object { direction, levels }',
      }),
    );
    return;
  }
  const direction = th['direction'];
  const rising = direction === 'rising';
  const directionKnown = rising || direction === 'falling';
  if (!directionKnown) {
    c.add(`${path}/direction`, sdkErrors.THRESHOLD_DIRECTION_INVALID({ metric, got: describe(direction) }));
  }
  const levels = th['levels'];
  if (!isRecord(levels)) {
    c.add(`${path}/levels`, sdkErrors.THRESHOLD_NO_LEVELS({ metric }));
  } else {
    const present = levelValues(c, `${path}/levels`, metric, 'levels', levels);
    if (present.length === 0) c.add(`${path}/levels`, sdkErrors.THRESHOLD_NO_LEVELS({ metric }));
    if (directionKnown) {
      for (let i = 1; i < present.length; i++) {
        const lo = present[i - 1]!;
        const hi = present[i]!;
        if (rising ? hi.value > lo.value : hi.value < lo.value) continue;
        c.add(
          `${path}/levels/${hi.level}`,
          sdkErrors.THRESHOLD_LEVELS_ORDER({
            metric,
            order: rising ? 'strictly increase' : 'strictly decrease',
            direction: String(direction),
            lower: lo.level,
            lowerValue: lo.value,
            higher: hi.level,
            higherValue: hi.value,
          }),
        );
      }
      const schema = isRecord(metrics[metric]) ? metrics[metric]['schema'] : undefined;
      // A ratio limit is scaled by an attribute, so only absolute limits can be checked against the range.
      if (th['ratioOf'] === undefined && (TypeGuard.IsNumber(schema) || TypeGuard.IsInteger(schema))) {
        for (const { level, value } of present) {
          const max = schema.maximum;
          const min = schema.minimum;
          if (rising && typeof max === 'number' && value > max) {
            c.add(
              `${path}/levels/${level}`,
              sdkErrors.THRESHOLD_LEVEL_UNREACHABLE({ level, value, metric, bound: `at most ${max}` }),
            );
          } else if (!rising && typeof min === 'number' && value < min) {
            c.add(
              `${path}/levels/${level}`,
              sdkErrors.THRESHOLD_LEVEL_UNREACHABLE({ level, value, metric, bound: `at least ${min}` }),
            );
          }
        }
      }
    }
  }
  const rate = th['ratePerMin'];
  if (rate !== undefined) {
    if (!isRecord(rate)) {
      c.add(
        `${path}/ratePerMin`,
        sdkErrors.FIELD_INVALID({
          field: `ratePerMin of "${metric}"`,
          expected: 'an object of per-level rates',
        }),
      );
    } else {
      const present = levelValues(c, `${path}/ratePerMin`, metric, 'ratePerMin', rate);
      for (const { level, value } of present) {
        if (value <= 0) {
          c.add(
            `${path}/ratePerMin/${level}`,
            sdkErrors.THRESHOLD_RATE_NOT_POSITIVE({ level, metric, value }),
          );
        }
      }
      for (let i = 1; i < present.length; i++) {
        const lo = present[i - 1]!;
        const hi = present[i]!;
        if (hi.value > lo.value) continue;
        c.add(
          `${path}/ratePerMin/${hi.level}`,
          sdkErrors.THRESHOLD_RATE_ORDER({
            metric,
            lower: lo.level,
            lowerValue: lo.value,
            higher: hi.level,
            higherValue: hi.value,
          }),
        );
      }
    }
  }
  for (const field of ['durationSec', 'hysteresis'] as const) {
    const v = th[field];
    if (v !== undefined && !(isFiniteNumber(v) && v >= 0)) {
      c.add(
        `${path}/${field}`,
        sdkErrors.THRESHOLD_NEGATIVE({
          field,
          metric,
          value: typeof v === 'number' ? String(v) : describe(v),
        }),
      );
    }
  }
  const fraction = th['hysteresisIsFraction'];
  if (fraction !== undefined && typeof fraction !== 'boolean') {
    c.add(
      `${path}/hysteresisIsFraction`,
      sdkErrors.FIELD_INVALID({ field: `hysteresisIsFraction of "${metric}"`, expected: 'true or false' }),
    );
  }
  const ratioOf = th['ratioOf'];
  if (ratioOf !== undefined && (typeof ratioOf !== 'string' || !ratioAttributes.has(ratioOf))) {
    c.add(
      `${path}/ratioOf`,
      sdkErrors.THRESHOLD_RATIO_UNKNOWN_ATTRIBUTE({
        metric,
        attribute: String(ratioOf),
        kinds:
          ratioAttributes.size > 0 ? `number attributes: ${[...ratioAttributes].join(', ')}` : 'none has one',
      }),
    );
  }
}
