/**
 * The sensor cache of the rules stage: every registered sensor with the compiled thresholds of its
 * metrics and their rule state, so that ingest validates and evaluates a reading without a query.
 *
 * Thresholds are compiled once per (risk type, metric, override, ratio attribute) and shared; rule state
 * is made on a metric's first reading. Open alarms are read back at load so that a restart neither
 * re-raises nor forgets them.
 */
import {
  type CompiledThreshold,
  compileThreshold,
  LEVELS,
  type Level,
  type LevelValues,
  levelIndex,
  newState,
  type RuleState,
} from '@fenghuo/sdk';
import type { PluginRegistry } from '../registry/plugins.js';
import type { Db } from '../store/db.js';

export interface MetricEntry {
  key: string;
  id: number;
  min: number;
  max: number;
  /** `null` when the metric has no thresholds (or a ratio attribute is missing on the object). */
  th: CompiledThreshold | null;
  /** What the threshold was compiled from (plugin, metric, override, ratio attribute). */
  thKey: string;
  state: RuleState | null;
}

export interface SensorEntry {
  sid: number;
  city: string;
  id: string;
  objectId: string;
  riskType: string;
  intervalSec: number | null;
  /** The sensor plugin that decodes this sensor's raw payloads, if it sends any. */
  decoder: string | null;
  metrics: Map<string, MetricEntry>;
}

interface OverrideRow {
  city_id: string;
  risk_type: string;
  metric: string;
  object_id: string | null;
  sensor_id: string | null;
  levels: LevelValues;
  duration_sec: number | null;
  hysteresis: number | null;
}

interface SensorRow {
  sid: number;
  city_id: string;
  id: string;
  object_id: string;
  risk_type: string;
  metrics: string[];
  interval_sec: number | null;
  decoder: string | null;
  attributes: Record<string, unknown>;
}

const PAGE = 20_000;

const key = (city: string, sensor: string) => `${city}\u0000${sensor}`;

export class SensorCache {
  private bySensor = new Map<string, SensorEntry>();
  private bySid = new Map<number, SensorEntry>();
  readonly metricIds = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly plugins: PluginRegistry,
  ) {}

  get size(): number {
    return this.bySid.size;
  }

  get(city: string, sensorId: string): SensorEntry | undefined {
    return this.bySensor.get(key(city, sensorId));
  }

  bySidGet(sid: number): SensorEntry | undefined {
    return this.bySid.get(sid);
  }

  /**
   * Forget the rule state of one (sensor, metric): its next reading starts from a clear state, so a value
   * still beyond a limit raises a new alarm (after a false alarm or a forced close).
   */
  resetState(sid: number, metric: string): void {
    const m = this.bySid.get(sid)?.metrics.get(metric);
    if (m) m.state = null;
  }

  all(): IterableIterator<SensorEntry> {
    return this.bySid.values();
  }

  /** Give every metric key of every plugin a small integer id (idempotent). */
  async registerMetrics(): Promise<void> {
    const keys = new Set<string>();
    for (const p of this.plugins.riskTypes.values()) for (const k of Object.keys(p.def.metrics)) keys.add(k);
    if (keys.size > 0) {
      await this.db.query(
        'INSERT INTO metrics (key) SELECT unnest($1::text[]) ON CONFLICT (key) DO NOTHING',
        [[...keys]],
      );
    }
    const { rows } = await this.db.query<{ id: number; key: string }>('SELECT id, key FROM metrics');
    for (const r of rows) this.metricIds.set(r.key, r.id);
  }

  /** (Re)load all sensors, overrides and open alarm levels. Rule state of unchanged thresholds is kept. */
  async reload(): Promise<void> {
    await this.registerMetrics();
    const [overrides, open] = await Promise.all([
      this.db.query<OverrideRow>(
        'SELECT city_id, risk_type, metric, object_id, sensor_id, levels, duration_sec, hysteresis FROM threshold_overrides',
      ),
      this.db.query<{ sid: number; metric: string; level: Level }>(
        "SELECT sid, metric, level FROM alarms WHERE status IN ('raised', 'acknowledged') AND kind = 'threshold'",
      ),
    ]);
    const ov = new Map<string, OverrideRow>();
    for (const o of overrides.rows) {
      ov.set([o.city_id, o.risk_type, o.metric, o.object_id ?? '', o.sensor_id ?? ''].join('\u0000'), o);
    }
    const openLevel = new Map<string, number>();
    for (const a of open.rows) openLevel.set(`${a.sid}:${a.metric}`, levelIndex(a.level));

    const shared = new Map<string, { th: CompiledThreshold | null; key: string }>();
    const nextBySensor = new Map<string, SensorEntry>();
    const nextBySid = new Map<number, SensorEntry>();
    // Sensors in pages, so that a city of 100,000 sensors never holds all its rows at once.
    for (let after = 0; ; ) {
      const { rows } = await this.db.query<SensorRow>(
        `SELECT s.sid, s.city_id, s.id, s.object_id, s.risk_type, s.metrics, s.interval_sec, s.decoder, o.attributes
           FROM sensors s JOIN objects o ON o.city_id = s.city_id AND o.id = s.object_id
          WHERE s.sid > $1 ORDER BY s.sid LIMIT $2`,
        [after, PAGE],
      );
      for (const s of rows) this.build(s, ov, openLevel, shared, nextBySensor, nextBySid);
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]!.sid;
    }
    this.bySensor = nextBySensor;
    this.bySid = nextBySid;
  }

  private build(
    s: SensorRow,
    ov: Map<string, OverrideRow>,
    openLevel: Map<string, number>,
    shared: Map<string, { th: CompiledThreshold | null; key: string }>,
    nextBySensor: Map<string, SensorEntry>,
    nextBySid: Map<number, SensorEntry>,
  ): void {
    // The version serving the sensor's city: a city may pin another than the latest.
    const plugin = this.plugins.get(s.risk_type, s.city_id);
    const old = this.bySid.get(s.sid);
    const metrics = new Map<string, MetricEntry>();
    for (const m of s.metrics) {
      const def = plugin?.def.metrics[m];
      const id = this.metricIds.get(m);
      if (!def || id === undefined) continue;
      const tdef = plugin.def.thresholds[m];
      const o =
        ov.get([s.city_id, s.risk_type, m, '', s.id].join('\u0000')) ??
        ov.get([s.city_id, s.risk_type, m, s.object_id, ''].join('\u0000')) ??
        ov.get([s.city_id, s.risk_type, m, '', ''].join('\u0000'));
      let th: CompiledThreshold | null = null;
      let ck = '';
      if (tdef) {
        const ratio = tdef.ratioOf ? s.attributes[tdef.ratioOf] : undefined;
        ck = [
          plugin.key,
          m,
          o ? JSON.stringify([o.levels, o.duration_sec, o.hysteresis]) : '',
          String(ratio),
        ].join('\u0000');
        const hit = shared.get(ck);
        if (hit) {
          th = hit.th;
          ck = hit.key; // one string for all the sensors that share it
        } else {
          th = compileThreshold(
            tdef,
            o
              ? {
                  levels: o.levels,
                  ...(o.duration_sec !== null ? { durationSec: o.duration_sec } : {}),
                  ...(o.hysteresis !== null ? { hysteresis: o.hysteresis } : {}),
                }
              : null,
            s.attributes,
          );
          shared.set(ck, { th, key: ck });
        }
      }
      const prev = old?.metrics.get(m);
      const lvl = openLevel.get(`${s.sid}:${m}`) ?? -1;
      // Same thresholds as before the reload: the rule state (durations under way) carries over.
      let state = prev && prev.thKey === ck ? prev.state : null;
      if (!state && lvl >= 0) state = newState(lvl);
      metrics.set(m, {
        key: m,
        id,
        min: typeof def.schema.minimum === 'number' ? def.schema.minimum : -Infinity,
        max: typeof def.schema.maximum === 'number' ? def.schema.maximum : Infinity,
        th,
        thKey: ck,
        state,
      });
    }
    const entry: SensorEntry = {
      sid: s.sid,
      city: s.city_id,
      id: s.id,
      objectId: s.object_id,
      riskType: s.risk_type,
      intervalSec: s.interval_sec ?? minInterval(plugin?.def.metrics, s.metrics),
      decoder: s.decoder,
      metrics,
    };
    nextBySensor.set(key(s.city_id, s.id), entry);
    nextBySid.set(s.sid, entry);
  }
}

function minInterval(
  defs: Record<string, { intervalSec?: number }> | undefined,
  metrics: string[],
): number | null {
  let best: number | null = null;
  for (const m of metrics) {
    const i = defs?.[m]?.intervalSec;
    if (typeof i === 'number' && (best === null || i < best)) best = i;
  }
  return best;
}

export { LEVELS };
