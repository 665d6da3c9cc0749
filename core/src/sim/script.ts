/**
 * The simulator's script (`catalog/demo-incidents.yaml`): what each sensor reads when nothing happens
 * (baselines), and the scripted incidents, played one after the other. An incident is a list of steps,
 * each the curve of one metric of one sensor over time, and optionally the weather during it; every
 * step's time is in seconds from the incident's start.
 *
 * A step is either a profile (from the baseline up or down to `to` in `rise` s, held `hold` s, back in
 * `fall` s; `rise: 0` is a jump, as a door contact or a fault code does) or `points`, a piecewise
 * linear curve `[[s, value], …]`. Outside its time a step gives way to the baseline. When two steps of
 * the same sensor and metric overlap, the one listed last wins.
 */
import { readFileSync } from 'node:fs';
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'yaml';
import { profileValue } from './model.js';

const Seconds = Type.Number({ minimum: 0, maximum: 86_400 });
const Text = Type.Object(
  { zh: Type.String({ minLength: 1 }), en: Type.String({ minLength: 1 }) },
  { additionalProperties: false },
);

export const ScriptStep = Type.Object(
  {
    sensor: Type.String({ minLength: 1 }),
    metric: Type.String({ minLength: 1 }),
    /** Seconds after the incident starts (default 0). */
    start: Type.Optional(Seconds),
    /** Profile: the value reached (the peak, or the trough for a falling metric). */
    to: Type.Optional(Type.Number()),
    /** Profile: the value it starts from and returns to (default: the sensor's baseline). */
    from: Type.Optional(Type.Number()),
    rise: Type.Optional(Seconds),
    hold: Type.Optional(Seconds),
    fall: Type.Optional(Seconds),
    /** A piecewise linear curve instead of a profile: `[seconds after start, value]`, times increasing. */
    points: Type.Optional(Type.Array(Type.Tuple([Seconds, Type.Number()]), { minItems: 2, maxItems: 1_000 })),
    /** Relative noise (standard deviation as a fraction of the value; default 0.01, 0 for exact). */
    noise: Type.Optional(Type.Number({ minimum: 0, maximum: 0.5 })),
  },
  { additionalProperties: false },
);
export type ScriptStep = Static<typeof ScriptStep>;

export const ScriptWeather = Type.Object(
  {
    start: Type.Optional(Seconds),
    /** Until this second of the incident (default: its end). */
    end: Type.Optional(Seconds),
    windFromDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 360 })),
    windSpeedMs: Type.Optional(Type.Number({ minimum: 0, maximum: 120 })),
    temperatureC: Type.Optional(Type.Number({ minimum: -60, maximum: 60 })),
    rainMmH: Type.Optional(Type.Number({ minimum: 0, maximum: 500 })),
    humidityPct: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type ScriptWeather = Static<typeof ScriptWeather>;

export const ScriptIncident = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }),
    /** The risk types this incident exercises: each must see an alarm and a warning from it. */
    riskTypes: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, uniqueItems: true }),
    title: Text,
    /** What happens, for the duty officer watching the demo. */
    story: Type.Optional(Text),
    steps: Type.Array(ScriptStep, { minItems: 1 }),
    weather: Type.Optional(Type.Array(ScriptWeather)),
  },
  { additionalProperties: false },
);
export type ScriptIncident = Static<typeof ScriptIncident>;

export const ScriptBaseline = Type.Object(
  {
    /** One sensor's metric, or (with `riskType`) that metric on every sensor of the risk type. */
    sensor: Type.Optional(Type.String({ minLength: 1 })),
    riskType: Type.Optional(Type.String({ minLength: 1 })),
    metric: Type.String({ minLength: 1 }),
    normal: Type.Number(),
    /** Absolute standard deviation of the noise (default 0: the value is sent exactly). */
    sd: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type ScriptBaseline = Static<typeof ScriptBaseline>;

export const ScriptHistory = Type.Object(
  {
    sensor: Type.String({ minLength: 1 }),
    metric: Type.String({ minLength: 1 }),
    /** How far back the history reaches (days before the simulator starts). */
    days: Type.Number({ exclusiveMinimum: 0, maximum: 365 }),
    /** One reading every this many hours (default 6). */
    everyHours: Type.Optional(Type.Number({ minimum: 0.25, maximum: 24 })),
    /** The curve: `[day, value]`, days ≤ 0 relative to the start, increasing; linear in between. */
    points: Type.Array(Type.Tuple([Type.Number({ minimum: -365, maximum: 0 }), Type.Number()]), {
      minItems: 2,
      maxItems: 1_000,
    }),
  },
  { additionalProperties: false },
);
export type ScriptHistory = Static<typeof ScriptHistory>;

export const SimScript = Type.Object(
  {
    baselines: Type.Optional(Type.Array(ScriptBaseline)),
    /**
     * Readings the simulator stores once when it starts, for sensors whose analyses read weeks of
     * history (a slope's tangent angle, a building's settlement), so that the demo shows those methods.
     */
    history: Type.Optional(Type.Array(ScriptHistory)),
    incidents: Type.Array(ScriptIncident),
  },
  { additionalProperties: false },
);
export type SimScript = Static<typeof SimScript>;

/** A problem in a script, by its path in the file (`/incidents/3/steps/0/sensor`). */
export interface ScriptProblem {
  path: string;
  message: string;
}

export class ScriptError extends Error {
  constructor(
    readonly source: string,
    readonly problems: ScriptProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem(s) in the simulator script:\n` +
        problems
          .slice(0, 50)
          .map((p) => `  ${p.path}: ${p.message}`)
          .join('\n'),
    );
    this.name = 'ScriptError';
  }
}

/** What the script needs to know of the city: its sensors and their metrics. */
export interface ScriptCity {
  sensors: ReadonlyMap<string, { riskType: string; metrics: readonly string[] }>;
  riskTypes: ReadonlySet<string>;
}

/** Every problem of a parsed script: its shape first, then every sensor, metric and time against the city. */
export function scriptProblems(script: unknown, city: ScriptCity | null): ScriptProblem[] {
  const shape = [...Value.Errors(SimScript, script)].map((e) => ({
    path: e.path || '/',
    message: e.message,
  }));
  if (shape.length > 0) return shape;
  const s = script as SimScript;
  const out: ScriptProblem[] = [];
  const ids = new Set<string>();
  s.incidents.forEach((inc, i) => {
    const at = `/incidents/${i}`;
    if (ids.has(inc.id)) out.push({ path: `${at}/id`, message: `"${inc.id}" is used twice` });
    ids.add(inc.id);
    if (city)
      inc.riskTypes.forEach((rt, k) => {
        if (!city.riskTypes.has(rt))
          out.push({ path: `${at}/riskTypes/${k}`, message: `no risk type "${rt}" is installed` });
      });
    inc.steps.forEach((st, k) => {
      const p = `${at}/steps/${k}`;
      const profile = st.to !== undefined;
      const points = st.points !== undefined;
      if (profile === points)
        out.push({ path: p, message: 'give either `to` (a profile) or `points` (a curve), not both' });
      if (points && (st.rise !== undefined || st.hold !== undefined || st.fall !== undefined))
        out.push({ path: p, message: '`rise`, `hold` and `fall` belong to a profile, not to `points`' });
      if (st.points?.some((pt, n) => n > 0 && pt[0] <= st.points![n - 1]![0]))
        out.push({ path: `${p}/points`, message: 'times must increase' });
      if (profile && (st.hold ?? 0) + (st.rise ?? 0) === 0)
        out.push({ path: p, message: 'a profile needs `rise` or `hold` above 0 s, or it never shows' });
      if (!city) return;
      const sensor = city.sensors.get(st.sensor);
      if (!sensor) out.push({ path: `${p}/sensor`, message: `no sensor "${st.sensor}" in the city` });
      else if (!sensor.metrics.includes(st.metric))
        out.push({
          path: `${p}/metric`,
          message: `sensor "${st.sensor}" has no metric "${st.metric}" (it has ${sensor.metrics.join(', ')})`,
        });
    });
    (inc.weather ?? []).forEach((w, k) => {
      if (w.end !== undefined && w.end <= (w.start ?? 0))
        out.push({ path: `${at}/weather/${k}/end`, message: 'must be after `start`' });
    });
  });
  (s.history ?? []).forEach((h, i) => {
    const p = `/history/${i}`;
    if (h.points.some((pt, n) => n > 0 && pt[0] <= h.points[n - 1]![0]))
      out.push({ path: `${p}/points`, message: 'days must increase' });
    if (h.points[0]![0] > -h.days + 1e-9 || h.points[h.points.length - 1]![0] < -1e-9)
      out.push({ path: `${p}/points`, message: `must run from day -${h.days} (or before) to day 0` });
    if (!city) return;
    const sensor = city.sensors.get(h.sensor);
    if (!sensor) out.push({ path: `${p}/sensor`, message: `no sensor "${h.sensor}" in the city` });
    else if (!sensor.metrics.includes(h.metric))
      out.push({ path: `${p}/metric`, message: `sensor "${h.sensor}" has no metric "${h.metric}"` });
  });
  (s.baselines ?? []).forEach((b, i) => {
    const p = `/baselines/${i}`;
    if ((b.sensor === undefined) === (b.riskType === undefined)) {
      out.push({ path: p, message: 'give either `sensor` or `riskType`' });
      return;
    }
    if (!city) return;
    if (b.sensor !== undefined) {
      const sensor = city.sensors.get(b.sensor);
      if (!sensor) out.push({ path: `${p}/sensor`, message: `no sensor "${b.sensor}" in the city` });
      else if (!sensor.metrics.includes(b.metric))
        out.push({ path: `${p}/metric`, message: `sensor "${b.sensor}" has no metric "${b.metric}"` });
    } else if (!city.riskTypes.has(b.riskType!)) {
      out.push({ path: `${p}/riskType`, message: `no risk type "${b.riskType}" is installed` });
    }
  });
  return out;
}

/** Read and check a script file (YAML or JSON) against the city; throws {@link ScriptError} listing every problem. */
export function readScript(file: string, city: ScriptCity | null, source = file): SimScript {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ScriptError(source, [{ path: '/', message: (err as Error).message }]);
  }
  const problems = scriptProblems(doc, city);
  if (problems.length > 0) throw new ScriptError(source, problems);
  return doc as SimScript;
}

/**
 * The incidents to play: those named, in that order, or all of the script's. Throws {@link ScriptError}
 * naming every id the script does not have, and the ones it has.
 */
export function selectIncidents(
  script: SimScript,
  ids: readonly string[] | undefined,
  source: string,
): ScriptIncident[] {
  if (!ids) return script.incidents;
  const known = new Map(script.incidents.map((i) => [i.id, i]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new ScriptError(
      source,
      unknown.map((id) => ({
        path: '/incidents',
        message: `no incident "${id}" (it has ${[...known.keys()].join(', ')})`,
      })),
    );
  return ids.map((id) => known.get(id)!);
}

/** An incident's length in ms: the end of its last step or weather. */
export function incidentDurationMs(inc: ScriptIncident): number {
  let end = 0;
  for (const st of inc.steps) {
    const s = st.start ?? 0;
    end = Math.max(
      end,
      st.points
        ? s + st.points[st.points.length - 1]![0]
        : s + (st.rise ?? 0) + (st.hold ?? 0) + (st.fall ?? 0),
    );
  }
  for (const w of inc.weather ?? []) if (w.end !== undefined) end = Math.max(end, w.end);
  return end * 1000;
}

/**
 * The value of one step `tMs` after its incident started, or `null` when the step is not active then.
 * `baseline` is the sensor's normal value (a profile without `from` starts and ends there).
 */
export function stepValue(st: ScriptStep, tMs: number, baseline: number): number | null {
  const t = tMs / 1000 - (st.start ?? 0);
  if (t < 0) return null;
  if (st.points) return curveAt(st.points, t);
  return profileValue(
    t * 1000,
    st.from ?? baseline,
    st.to!,
    (st.rise ?? 0) * 1000,
    (st.hold ?? 0) * 1000,
    (st.fall ?? 0) * 1000,
  );
}

/** The weather the incident imposes `tMs` after its start (merged, later entries winning), or `null`. */
export function incidentWeather(
  inc: ScriptIncident,
  tMs: number,
): Omit<ScriptWeather, 'start' | 'end'> | null {
  const t = tMs / 1000;
  let out: Omit<ScriptWeather, 'start' | 'end'> | null = null;
  for (const { start = 0, end = Number.POSITIVE_INFINITY, ...w } of inc.weather ?? []) {
    if (t >= start && t < end) out = { ...(out ?? {}), ...w };
  }
  return out;
}

/** One incident's place in the cycle. */
export interface ScheduledIncident {
  index: number;
  incident: ScriptIncident;
  /** Start, from the first incident's start (ms). */
  offsetMs: number;
  durationMs: number;
  /** Its slot: the time until the next incident starts (at least the spacing asked for). */
  slotMs: number;
}

/**
 * Lay the incidents out one after the other: each gets `everyMs`, or its length and `gapMs` of quiet after
 * it (so that its alarms clear) when that is longer. The cycle then repeats.
 */
export function schedule(
  incidents: readonly ScriptIncident[],
  everyMs: number,
  gapMs = 60_000,
): {
  items: ScheduledIncident[];
  cycleMs: number;
} {
  let offset = 0;
  const items = incidents.map((incident, index) => {
    const durationMs = incidentDurationMs(incident);
    const slotMs = Math.max(everyMs, durationMs + gapMs);
    const item = { index, incident, offsetMs: offset, durationMs, slotMs };
    offset += slotMs;
    return item;
  });
  return { items, cycleMs: offset };
}

/**
 * The readings of a history entry for a simulator starting at `startMs`: one every `everyHours`, on a
 * grid of whole periods since the epoch (so that a restart writes the same instants again, which the
 * store ignores), from `days` before the start up to, not including, the start.
 */
export function historyReadings(h: ScriptHistory, startMs: number): { ts: string; value: number }[] {
  const every = (h.everyHours ?? 6) * 3_600_000;
  const from = startMs - h.days * 86_400_000;
  const out: { ts: string; value: number }[] = [];
  for (let t = Math.ceil(from / every) * every; t < startMs; t += every) {
    const day = (t - startMs) / 86_400_000;
    const v = curveAt(h.points, day);
    if (v !== null) out.push({ ts: new Date(t).toISOString(), value: Math.round(v * 10_000) / 10_000 });
  }
  return out;
}

function curveAt(pts: readonly (readonly [number, number])[], x: number): number | null {
  if (x < pts[0]![0] || x > pts[pts.length - 1]![0]) return null;
  for (let i = 1; i < pts.length; i++) {
    const [x1, y1] = pts[i]!;
    if (x <= x1) {
      const [x0, y0] = pts[i - 1]!;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return pts[pts.length - 1]![1];
}
