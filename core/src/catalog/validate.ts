/**
 * Validation of a whole inventory before anything is written: the schema of every row, then the
 * references between rows and against the loaded plugins (object kinds and their attribute schemas,
 * metrics, tier order). Every problem is collected with its path (`sensors[12].metrics[1]`) so that one
 * run of `load` lists them all.
 */
import { LEVELS, type Level, type LevelValues, type RiskTypeDef, sdkErrors } from '@fenghuo/sdk';
import type { TSchema } from '@sinclair/typebox';
import { type TypeCheck, TypeCompiler } from '@sinclair/typebox/compiler';
import type { ValueError } from '@sinclair/typebox/errors';
import type { PluginRegistry } from '../registry/plugins.js';
import { geometryProblems } from './geometry.js';
import {
  Inventory,
  InventoryCity,
  InventoryObject,
  InventorySensor,
  InventoryThreshold,
  InventoryToken,
  InventoryUnit,
  LineStringGeometry,
  PointGeometry,
  PolygonGeometry,
} from './schema.js';

/** One thing wrong with an inventory, at a path such as `sensors[12].metrics[1]`. */
export interface InventoryProblem {
  path: string;
  message: string;
}

type Rec = Record<string, unknown>;
/** A plain object (not an array, not null): what a JSON body or inventory section must be. */
export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `/sensors/12/metrics/1` → `sensors[12].metrics[1]` (JSON Pointer to the path people read). */
export function pointerToPath(pointer: string, prefix = ''): string {
  let out = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();
function checker(schema: TSchema): TypeCheck<TSchema> {
  let c = compiled.get(schema);
  if (!c) {
    c = TypeCompiler.Compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

const GEOMETRIES: Record<string, TSchema> = {
  Point: PointGeometry,
  LineString: LineStringGeometry,
  Polygon: PolygonGeometry,
};

/** Schema problems of one value, one per path (TypeBox may report a path twice). */
function schemaProblems(schema: TSchema, value: unknown, prefix: string): InventoryProblem[] {
  const c = checker(schema);
  if (c.Check(value)) return [];
  const out: InventoryProblem[] = [];
  const seen = new Set<string>();
  const push = (path: string, message: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, message });
  };
  for (const e of c.Errors(value)) {
    const path = pointerToPath(e.path, prefix);
    if (/(^|\.)geometry$/.test(path)) {
      for (const p of geometryUnionProblems(e, path)) push(p.path, p.message);
      continue;
    }
    push(path, e.message);
  }
  return out;
}

/** A union error on a geometry says only "Expected union value": check against the member its `type` names. */
function geometryUnionProblems(e: ValueError, path: string): InventoryProblem[] {
  const v = e.value;
  const type = isRecord(v) ? v['type'] : undefined;
  const member = typeof type === 'string' ? GEOMETRIES[type] : undefined;
  if (!member) {
    return [{ path: `${path}.type`, message: 'geometry type must be Point, LineString or Polygon' }];
  }
  return schemaProblems(member, v, path);
}

interface Seen {
  index: number;
  row: Rec;
}

function indexRows(
  rows: unknown[],
  key: string,
  what: string,
  problems: InventoryProblem[],
): Map<string, Seen> {
  const out = new Map<string, Seen>();
  rows.forEach((row, index) => {
    if (!isRecord(row)) return;
    const id = row[key];
    if (typeof id !== 'string') return;
    const first = out.get(id);
    if (first) {
      problems.push({
        path: `${what}[${index}].${key}`,
        message: `duplicate ${key} "${id}" (first at ${what}[${first.index}])`,
      });
      return;
    }
    out.set(id, { index, row });
  });
  return out;
}

/** Problems of a level set after merging it over the plugin's defaults (the SDK's order rule). */
export function levelOrderProblems(
  metric: string,
  direction: 'rising' | 'falling',
  levels: LevelValues,
): { level: Level; message: string }[] {
  const present: { level: Level; value: number }[] = [];
  for (const level of LEVELS) {
    const v = levels[level];
    if (typeof v === 'number' && Number.isFinite(v)) present.push({ level, value: v });
  }
  const rising = direction === 'rising';
  const out: { level: Level; message: string }[] = [];
  for (let i = 1; i < present.length; i++) {
    const lo = present[i - 1]!;
    const hi = present[i]!;
    if (rising ? hi.value > lo.value : hi.value < lo.value) continue;
    out.push({
      level: hi.level,
      message: sdkErrors.THRESHOLD_LEVELS_ORDER({
        metric,
        order: rising ? 'strictly increase' : 'strictly decrease',
        direction,
        lower: lo.level,
        lowerValue: lo.value,
        higher: hi.level,
        higherValue: hi.value,
      }).message,
    });
  }
  return out;
}

/**
 * Check an override of a plugin's default tiers (the loader's `thresholds` rows and the GraphQL
 * mutation `setThresholdOverride`): the metric must have a default threshold (it gives the direction),
 * the merged levels must be in order, and absolute limits must lie inside the metric's range.
 * Returns problems with sub-paths relative to the override (`levels.red`).
 */
export function overrideProblems(def: RiskTypeDef, metric: string, levels: LevelValues): InventoryProblem[] {
  const out: InventoryProblem[] = [];
  const mdef = def.metrics[metric];
  if (!mdef) {
    return [{ path: 'metric', message: `unknown metric "${metric}" for risk type ${def.id}` }];
  }
  const tdef = def.thresholds[metric];
  if (!tdef) {
    return [
      {
        path: 'metric',
        message: `metric "${metric}" of risk type ${def.id} has no default tiers to override`,
      },
    ];
  }
  for (const level of Object.keys(levels)) {
    if (!(LEVELS as readonly string[]).includes(level)) {
      out.push({
        path: `levels.${level}`,
        message: `"${level}" is not a level; use alarm, blue, yellow, orange or red`,
      });
    } else if (typeof levels[level as Level] !== 'number' || !Number.isFinite(levels[level as Level])) {
      out.push({ path: `levels.${level}`, message: `${level} must be a finite number` });
    }
  }
  if (out.length > 0) return out;
  const merged: LevelValues = { ...tdef.levels, ...levels };
  for (const p of levelOrderProblems(metric, tdef.direction, merged)) {
    out.push({ path: `levels.${p.level}`, message: `${p.message} (after merging over the defaults)` });
  }
  if (!tdef.ratioOf) {
    const min = typeof mdef.schema.minimum === 'number' ? mdef.schema.minimum : -Infinity;
    const max = typeof mdef.schema.maximum === 'number' ? mdef.schema.maximum : Infinity;
    for (const [level, v] of Object.entries(levels)) {
      if (typeof v === 'number' && (v < min || v > max)) {
        out.push({
          path: `levels.${level}`,
          message: `${level} limit ${v} is outside the range of "${metric}" [${min}, ${max}] ${mdef.unit}`,
        });
      }
    }
  }
  return out;
}

/**
 * Every problem of an inventory; `[]` when it can be loaded.
 *
 * Rows that fail their schema are still indexed by id, so one typo is reported once rather than again
 * as a dangling reference in every row that points at it.
 */
export function inventoryProblems(input: unknown, plugins: PluginRegistry): InventoryProblem[] {
  const problems: InventoryProblem[] = [];
  if (!isRecord(input))
    return [{ path: '', message: 'an inventory must be an object { city, units, objects, sensors }' }];

  // Top level: known keys and the city; the arrays are checked row by row below.
  for (const key of Object.keys(input)) {
    if (!(key in Inventory.properties)) problems.push({ path: key, message: `unknown key "${key}"` });
  }
  if (input['city'] === undefined) problems.push({ path: 'city', message: 'city is required' });
  else problems.push(...schemaProblems(InventoryCity, input['city'], 'city'));

  const arrays: Record<string, unknown[]> = {};
  const rowSchemas: [string, TSchema, boolean][] = [
    ['units', InventoryUnit, true],
    ['objects', InventoryObject, true],
    ['sensors', InventorySensor, true],
    ['thresholds', InventoryThreshold, false],
    ['tokens', InventoryToken, false],
  ];
  const validRows: Record<string, Set<number>> = {};
  for (const [key, schema, required] of rowSchemas) {
    const v = input[key];
    validRows[key] = new Set();
    if (v === undefined) {
      if (required) problems.push({ path: key, message: `${key} is required (an empty list is fine)` });
      arrays[key] = [];
      continue;
    }
    if (!Array.isArray(v)) {
      problems.push({ path: key, message: `${key} must be a list` });
      arrays[key] = [];
      continue;
    }
    arrays[key] = v;
    v.forEach((row, i) => {
      const rowProblems = schemaProblems(schema, row, `${key}[${i}]`);
      problems.push(...rowProblems);
      if (rowProblems.length === 0) validRows[key]!.add(i);
    });
  }

  const units = indexRows(arrays['units']!, 'id', 'units', problems);
  const objects = indexRows(arrays['objects']!, 'id', 'objects', problems);
  const sensors = indexRows(arrays['sensors']!, 'id', 'sensors', problems);
  indexRows(arrays['tokens']!, 'name', 'tokens', problems);

  const pluginOf = (path: string, riskType: unknown): RiskTypeDef | undefined => {
    if (typeof riskType !== 'string') return undefined;
    const p = plugins.get(riskType);
    if (!p) {
      const known = [...plugins.riskTypes.keys()].join(', ') || 'none';
      problems.push({ path, message: `unknown risk type "${riskType}" (loaded: ${known})` });
    }
    return p?.def;
  };

  arrays['objects']!.forEach((raw, i) => {
    if (!validRows['objects']!.has(i)) return;
    const o = raw as InventoryObject;
    const at = `objects[${i}]`;
    if (o.ownerUnit !== undefined && !units.has(o.ownerUnit)) {
      problems.push({ path: `${at}.ownerUnit`, message: `unknown unit "${o.ownerUnit}"` });
    }
    for (const g of geometryProblems(o.geometry))
      problems.push({ path: `${at}.geometry${g.path}`, message: g.message });
    if (o.role !== 'monitored') {
      if (o.riskType !== undefined) pluginOf(`${at}.riskType`, o.riskType);
      return;
    }
    if (o.riskType === undefined) {
      problems.push({ path: `${at}.riskType`, message: 'a monitored object needs a riskType' });
      return;
    }
    const def = pluginOf(`${at}.riskType`, o.riskType);
    if (!def) return;
    const kind = def.objects[o.kind];
    if (!kind) {
      problems.push({
        path: `${at}.kind`,
        message: `unknown object kind "${o.kind}" for risk type ${def.id} (kinds: ${Object.keys(def.objects).join(', ')})`,
      });
      return;
    }
    problems.push(...schemaProblems(kind.attributes, o.attributes ?? {}, `${at}.attributes`));
  });

  arrays['sensors']!.forEach((raw, i) => {
    if (!validRows['sensors']!.has(i)) return;
    const s = raw as InventorySensor;
    const at = `sensors[${i}]`;
    const obj = objects.get(s.objectId);
    if (!obj) problems.push({ path: `${at}.objectId`, message: `unknown object "${s.objectId}"` });
    else if (obj.row['role'] !== 'monitored') {
      problems.push({
        path: `${at}.objectId`,
        message: `object "${s.objectId}" is a ${String(obj.row['role'])}, not a monitored object`,
      });
    } else if (typeof obj.row['riskType'] === 'string' && obj.row['riskType'] !== s.riskType) {
      problems.push({
        path: `${at}.riskType`,
        message: `risk type "${s.riskType}" differs from its object's "${obj.row['riskType']}"`,
      });
    }
    if (s.decoder !== undefined && !plugins.sensors.has(s.decoder)) {
      const known = [...plugins.sensors.keys()].join(', ') || 'none';
      problems.push({
        path: `${at}.decoder`,
        message: `unknown sensor plugin "${s.decoder}" (loaded: ${known})`,
      });
    }
    const def = pluginOf(`${at}.riskType`, s.riskType);
    if (!def) return;
    s.metrics.forEach((m, j) => {
      if (!def.metrics[m]) {
        problems.push({
          path: `${at}.metrics[${j}]`,
          message: `unknown metric "${m}" for risk type ${def.id}`,
        });
        return;
      }
      // Tiers relative to an attribute of the object (a design limit, a normal pressure) need it there;
      // without it the metric would silently have no tiers.
      const ratioOf = def.thresholds[m]?.ratioOf;
      const attrs = obj?.row['attributes'];
      if (ratioOf && obj && obj.row['riskType'] === s.riskType) {
        const v = isRecord(attrs) ? attrs[ratioOf] : undefined;
        if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) {
          problems.push({
            path: `${at}.metrics[${j}]`,
            message: `the tiers of "${m}" are ratios of the object's attribute "${ratioOf}", which object "${s.objectId}" lacks (give it a positive number)`,
          });
        }
      }
    });
  });

  const scopes = new Map<string, number>();
  arrays['thresholds']!.forEach((raw, i) => {
    if (!validRows['thresholds']!.has(i)) return;
    const t = raw as InventoryThreshold;
    const at = `thresholds[${i}]`;
    const scope = [t.riskType, t.metric, t.objectId ?? '', t.sensorId ?? ''].join('\u0000');
    const first = scopes.get(scope);
    if (first !== undefined) {
      problems.push({
        path: at,
        message: `duplicate override of the same risk type, metric and scope (first at thresholds[${first}])`,
      });
    } else scopes.set(scope, i);
    if (t.objectId !== undefined && t.sensorId !== undefined) {
      problems.push({
        path: at,
        message: 'give objectId or sensorId (or neither, for the whole city), not both',
      });
    }
    if (t.objectId !== undefined) {
      const obj = objects.get(t.objectId);
      if (!obj) problems.push({ path: `${at}.objectId`, message: `unknown object "${t.objectId}"` });
      else if (obj.row['riskType'] !== t.riskType) {
        problems.push({
          path: `${at}.objectId`,
          message: `object "${t.objectId}" is not monitored for ${t.riskType}`,
        });
      }
    }
    if (t.sensorId !== undefined) {
      const s = sensors.get(t.sensorId);
      if (!s) problems.push({ path: `${at}.sensorId`, message: `unknown sensor "${t.sensorId}"` });
      else if (s.row['riskType'] !== t.riskType) {
        problems.push({
          path: `${at}.sensorId`,
          message: `sensor "${t.sensorId}" is not a ${t.riskType} sensor`,
        });
      } else if (Array.isArray(s.row['metrics']) && !s.row['metrics'].includes(t.metric)) {
        problems.push({
          path: `${at}.metric`,
          message: `sensor "${t.sensorId}" does not measure "${t.metric}"`,
        });
      }
    }
    const def = pluginOf(`${at}.riskType`, t.riskType);
    if (!def) return;
    for (const p of overrideProblems(def, t.metric, t.levels))
      problems.push({ path: `${at}.${p.path}`, message: p.message });
  });

  return problems;
}
