/**
 * The demo sensor simulator: every period, a reading of every metric of every sensor of the token's city,
 * sent through the real HTTP ingest with the city's device token: one JSON batch
 * (`POST /api/v1/readings`) and, at the same time, for each sensor whose inventory row names a decoder
 * the simulator has a device for (see `DEVICES`), that device's own frame to `POST /api/v1/raw/<sensor>`,
 * decoded there by the sensor plugin. A weather observation a minute (`POST /api/v1/weather`).
 *
 * What the sensors read comes from the script (`script.ts`, the demo's is `catalog/demo-incidents.yaml`):
 * baselines when nothing happens, and the scripted incidents one after the other, each in its own slot,
 * so that alarms and warnings appear and clear. Deterministic for a seed: the same ticks give the same
 * values, whichever way a sensor's reading travels.
 */
import { authenticate, CAN } from '../auth/tokens.js';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { DEVICES, LIVE_MS, type SimDevice } from './devices.js';
import { normalBehaviour, normalValue, round, type SimMetric, type SimSensor } from './model.js';
import { Random } from './random.js';
import {
  historyReadings,
  incidentWeather,
  type ScheduledIncident,
  ScriptError,
  type ScriptIncident,
  type SimScript,
  schedule,
  scriptProblems,
  selectIncidents,
  stepValue,
} from './script.js';

export interface SimulatorOptions {
  /** Where the platform listens, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** A token of role `device` (or `admin`) of the city to simulate. */
  token: string;
  /** Milliseconds between batches (default 5 000). */
  periodMs?: number;
  /** Baselines and incidents (checked against the city); without one, only normal readings. */
  script?: SimScript;
  /** Play only these incidents of the script, in this order (ids; default: all, in the script's order). */
  incidents?: readonly string[];
  /** The first incident starts this long after the simulator (default 60 000). */
  firstIncidentAfterMs?: number;
  /** Incidents start at least this far apart (default 300 000; longer ones get their length + 60 s). */
  incidentEveryMs?: number;
  /** Seed of the random source (default 20261129). */
  seed?: number;
  /** Time origin of the incident schedule (ms since epoch; default: now). */
  startMs?: number;
}

/** The incident running at an instant. */
export interface RunningIncident {
  /** Position in the schedule, and how many cycles of the schedule came before this one. */
  index: number;
  cycle: number;
  id: string;
  riskTypes: string[];
  /** When this run of the incident started and ends (ms since epoch). */
  startMs: number;
  endMs: number;
}

export interface TickResult {
  at: string;
  /** Metric values sent, accepted and rejected: the JSON batch and the device frames together. */
  sent: number;
  accepted: number;
  rejected: number;
  /** Of those, what went as device frames to `POST /api/v1/raw/<sensor>` (one frame per sensor). */
  raw: { frames: number; sent: number; accepted: number; rejected: number };
  /** The incident in progress, if any. */
  incident: RunningIncident | null;
}

export interface Simulator {
  readonly city: string;
  readonly sensors: readonly SimSensor[];
  /** The incidents in the order they are played, with their offsets from the first one's start. */
  readonly schedule: readonly ScheduledIncident[];
  /** The incidents' run that covers `atMs`, or the next one to start after it. */
  incidentAt(atMs: number): RunningIncident | null;
  /** Store the script's history (weeks of readings before the start), once; `start()` does it first. */
  backfill(): Promise<{ readings: number; accepted: number; rejected: number }>;
  /** Send one batch for instant `atMs` (default: now). */
  tick(atMs?: number): Promise<TickResult>;
  /** Start sending every period until `stop()`. */
  start(): void;
  stop(): Promise<void>;
}

/** What the ingest answers (`decoded` only for raw payloads). */
interface IngestAnswer {
  accepted?: number;
  decoded?: number;
  rejected?: { metric?: string; code?: string; message?: string }[];
  error?: unknown;
}

interface SensorQueryRow {
  id: string;
  object_id: string;
  risk_type: string;
  metrics: string[];
  decoder: string | null;
  lon: number;
  lat: number;
  kind: string;
  name_zh: string;
}

/** Make a simulator for the token's city without starting its timer (tests drive it with `tick`). */
export async function createSimulator(core: Core, opts: SimulatorOptions): Promise<Simulator> {
  const principal = await authenticate(core.db, `Bearer ${opts.token}`);
  if (!principal) throw coreErrors.AUTH_UNAUTHENTICATED();
  if (!CAN.ingest.includes(principal.role)) throw coreErrors.AUTH_FORBIDDEN({ action: 'send readings' });
  const city = principal.city;
  const periodMs = opts.periodMs ?? 5_000;
  const firstMs = opts.firstIncidentAfterMs ?? 60_000;
  const everyMs = Math.max(opts.incidentEveryMs ?? 300_000, 1_000);
  const startMs = opts.startMs ?? Date.now();
  const rnd = new Random(opts.seed ?? 20261129);
  const log = core.log.child({ component: 'simulator', city });

  const { rows } = await core.db.query<SensorQueryRow>(
    `SELECT s.id, s.object_id, s.risk_type, s.metrics, s.decoder, s.lon, s.lat, o.kind, o.name_zh
       FROM sensors s JOIN objects o ON o.city_id = s.city_id AND o.id = s.object_id
      WHERE s.city_id = $1 ORDER BY s.id`,
    [city],
  );
  const script: SimScript = opts.script ?? { incidents: [] };
  const problems = scriptProblems(script, {
    sensors: new Map(rows.map((r) => [r.id, { riskType: r.risk_type, metrics: r.metrics }])),
    riskTypes: new Set(core.plugins.riskTypes.keys()),
  });
  if (problems.length > 0) throw new ScriptError(`city "${city}"`, problems);
  // Baselines: the sensor's own first, then its risk type's, then the model's guess from the tiers.
  const bySensor = new Map<string, { normal: number; sd: number }>();
  const byType = new Map<string, { normal: number; sd: number }>();
  for (const b of script.baselines ?? []) {
    const value = { normal: b.normal, sd: b.sd ?? 0 };
    if (b.sensor !== undefined) bySensor.set(`${b.sensor}\u0000${b.metric}`, value);
    else byType.set(`${b.riskType}\u0000${b.metric}`, value);
  }
  const sensors: SimSensor[] = rows.map((r) => {
    const entry = core.sensors.get(city, r.id);
    return {
      id: r.id,
      objectId: r.object_id,
      objectKind: r.kind,
      objectName: r.name_zh,
      riskType: r.risk_type,
      location: [r.lon, r.lat],
      metrics: r.metrics.flatMap((key): SimMetric[] => {
        const m = entry?.metrics.get(key);
        if (!m) return [];
        const { normal, sd } =
          bySensor.get(`${r.id}\u0000${key}`) ??
          byType.get(`${r.risk_type}\u0000${key}`) ??
          normalBehaviour(key, { min: m.min, max: m.max }, m.th, periodMs);
        return [{ key, normal, sd, min: m.min, max: m.max }];
      }),
    };
  });

  const plan = schedule(selectIncidents(script, opts.incidents, `city "${city}"`), everyMs);
  /** The steps of each incident by sensor, so that a tick looks up only what it needs. */
  const stepsOf = plan.items.map(({ incident }) => {
    const m = new Map<string, ScriptIncident['steps']>();
    for (const st of incident.steps) m.set(st.sensor, [...(m.get(st.sensor) ?? []), st]);
    return m;
  });

  // The devices draw from a source of their own, so that the model's values (from `rnd`) stay what they
  // would be if every sensor sent JSON.
  const deviceRnd = new Random((opts.seed ?? 20261129) + 1);
  const devices = new Map<string, SimDevice>();
  const unplayable: string[] = [];
  for (const r of rows) {
    if (!r.decoder) continue;
    const kind = DEVICES[r.decoder];
    const metrics = sensors.find((s) => s.id === r.id)?.metrics ?? [];
    if (kind && metrics.length > 0 && metrics.every((m) => kind.metrics.includes(m.key))) {
      devices.set(r.id, kind.make(deviceRnd, startMs));
    } else {
      unplayable.push(r.id);
    }
  }
  if (unplayable.length > 0) {
    log.info(
      { sensors: unplayable },
      'no simulated device for these sensors’ decoders: their readings go in the JSON batch',
    );
  }
  log.info(
    {
      sensors: sensors.length,
      deviceFrames: [...devices.keys()],
      incidents: plan.items.map((i) => i.incident.id),
      cycleMin: Math.round(plan.cycleMs / 6_000) / 10,
      periodMs,
      firstIncidentAfterMs: firstMs,
      incidentEveryMs: everyMs,
    },
    'simulator ready',
  );

  const base = opts.baseUrl.replace(/\/$/, '');
  const url = `${base}/api/v1/readings`;
  const weatherUrl = `${base}/api/v1/weather`;
  const rawUrl = `${base}/api/v1/raw`;
  let lastWeatherMs = Number.NEGATIVE_INFINITY;
  let lastWeatherScripted = false;
  let announced = '';
  let finished = '';

  /** The run of an incident covering `at` (or, with `next`, the next one to start after it). */
  const locate = (at: number, next: boolean): { item: ScheduledIncident; run: RunningIncident } | null => {
    if (plan.items.length === 0 || plan.cycleMs <= 0) return null;
    const since = Math.max(at - startMs - firstMs, next ? 0 : Number.NEGATIVE_INFINITY);
    if (since < 0) return null;
    const cycle = Math.floor(since / plan.cycleMs);
    const inCycle = since - cycle * plan.cycleMs;
    for (let k = 0; k < plan.items.length * 2; k++) {
      const item = plan.items[k % plan.items.length]!;
      const c = cycle + Math.floor(k / plan.items.length);
      const s = startMs + firstMs + c * plan.cycleMs + item.offsetMs;
      const running = inCycle + (c - cycle) * plan.cycleMs - item.offsetMs;
      if ((running >= 0 && running < item.durationMs) || (next && running < 0)) {
        return {
          item,
          run: {
            index: item.index,
            cycle: c,
            id: item.incident.id,
            riskTypes: item.incident.riskTypes,
            startMs: s,
            endMs: s + item.durationMs,
          },
        };
      }
    }
    return null;
  };
  const incidentAt = (at: number) => locate(at, true)?.run ?? null;

  const tick = async (atMs = Date.now()): Promise<TickResult> => {
    const found = locate(atMs, false);
    const inc = found?.run ?? null;
    const tInc = inc ? atMs - inc.startMs : 0;
    const key = inc ? `${inc.cycle}:${inc.index}` : '';
    if (inc && key !== announced) {
      if (announced && announced !== finished) log.info(`incident ${announced} over`);
      announced = key;
      const { title, story } = found!.item.incident;
      log.info(
        {
          incident: inc.id,
          riskTypes: inc.riskTypes,
          minutes: Math.round(found!.item.durationMs / 6_000) / 10,
        },
        `incident ${inc.index + 1}/${plan.items.length} ${inc.id}: ${title.zh} / ${title.en}` +
          (story ? ` — ${story.en}` : ''),
      );
    }
    if (!inc && announced && announced !== finished) {
      finished = announced;
      log.info({ incident: announced }, 'incident over: readings back to normal');
    }
    const ts = new Date(atMs).toISOString();
    // A weather observation a minute (what ctx.weather() gives the analyses): a light north-easterly,
    // unless an incident sets the weather (a rainstorm, a typhoon's wind); then one every tick, so that
    // the analyses see the change at once, and one more when it ends.
    const scriptedWeather = found ? incidentWeather(found.item.incident, tInc) : null;
    if (scriptedWeather || lastWeatherScripted || atMs - lastWeatherMs >= 60_000) {
      lastWeatherMs = atMs;
      lastWeatherScripted = scriptedWeather !== null;
      const observation = {
        ts,
        windFromDeg: Math.round((45 + rnd.gauss(15) + 360) % 360),
        windSpeedMs: round(Math.max(0, 3 + rnd.gauss(0.8))),
        temperatureC: round(12 + rnd.gauss(0.5)),
        humidityPct: round(Math.min(100, Math.max(0, 70 + rnd.gauss(3)))),
        rainMmH: 0,
        ...scriptedWeather,
      };
      const w = await fetch(weatherUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify(observation),
      });
      if (!w.ok) log.warn({ status: w.status }, 'weather observation rejected');
      await w.body?.cancel();
    }
    const steps = found ? stepsOf[found.item.index]! : null;
    const all = sensors
      .filter((s) => s.metrics.length > 0)
      .map((s) => {
        const values: Record<string, number> = {};
        const mine = steps?.get(s.id);
        for (const m of s.metrics) {
          let v = normalValue(m, rnd);
          if (mine) {
            let scripted: number | null = null;
            let noise = 0.01;
            for (const st of mine) {
              if (st.metric !== m.key) continue;
              const x = stepValue(st, tInc, m.normal);
              if (x !== null) {
                scripted = x;
                noise = st.noise ?? 0.01;
              }
            }
            if (scripted !== null) {
              const noisy = noise > 0 ? scripted * (1 + rnd.gauss(noise)) : scripted;
              v = round(Math.min(Math.max(noisy, m.min), m.max));
            }
          }
          values[m.key] = v;
        }
        return { sensor: s.id, ts, values };
      });
    const readings = all.filter((r) => !devices.has(r.sensor));
    const live = Math.abs(Date.now() - atMs) <= LIVE_MS;
    const frames = all.flatMap((r) => {
      const device = devices.get(r.sensor);
      return device
        ? [{ sensor: r.sensor, keys: Object.keys(r.values), payload: device(r.values, atMs, !live) }]
        : [];
    });
    const count = (rs: { values: Record<string, number> }[]) =>
      rs.reduce((n, r) => n + Object.keys(r.values).length, 0);

    const sendBatch = async (): Promise<{ accepted: number; rejected: number }> => {
      if (readings.length === 0) return { accepted: 0, rejected: 0 };
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify({ readings }),
      });
      const body = (await res.json().catch(() => ({}))) as IngestAnswer;
      const rejected = Array.isArray(body.rejected) ? body.rejected.length : 0;
      if (!res.ok || rejected > 0) {
        log.warn(
          { status: res.status, rejected: body.rejected?.slice(0, 5), error: body.error },
          'ingest rejected simulated readings',
        );
      } else {
        log.debug({ readings: readings.length, accepted: body.accepted }, 'simulated batch sent');
      }
      return { accepted: typeof body.accepted === 'number' ? body.accepted : 0, rejected };
    };

    const sendFrame = async (f: (typeof frames)[number]): Promise<{ accepted: number; rejected: number }> => {
      const res = await fetch(`${rawUrl}/${encodeURIComponent(f.sensor)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${opts.token}` },
        body: f.payload,
      });
      const body = (await res.json().catch(() => ({}))) as IngestAnswer;
      // The decoder also reports device health (battery, tamper, …) that the catalogue has no metric
      // for; the ingest turns those keys down one by one, as documented. Only what the model sent counts,
      // and a rejection of the whole reading (or of the frame) counts for all of it.
      const listed = (Array.isArray(body.rejected) ? body.rejected : []).filter(
        (x) => x.metric === undefined || f.keys.includes(x.metric),
      );
      const whole = (!res.ok && listed.length === 0) || listed.some((x) => x.metric === undefined);
      const rejected = whole ? f.keys.length : listed.length;
      if (rejected > 0) {
        log.warn(
          { sensor: f.sensor, status: res.status, rejected: listed.slice(0, 5), error: body.error },
          'ingest rejected a simulated device frame',
        );
      } else {
        log.debug(
          { sensor: f.sensor, bytes: f.payload.length, decoded: body.decoded, accepted: body.accepted },
          'simulated device frame sent',
        );
      }
      return { accepted: typeof body.accepted === 'number' ? body.accepted : 0, rejected };
    };

    const [batch, ...sentFrames] = await Promise.all([sendBatch(), ...frames.map(sendFrame)]);
    const raw = {
      frames: frames.length,
      sent: frames.reduce((n, f) => n + f.keys.length, 0),
      accepted: sentFrames.reduce((n, f) => n + f.accepted, 0),
      rejected: sentFrames.reduce((n, f) => n + f.rejected, 0),
    };
    return {
      at: ts,
      sent: count(readings) + raw.sent,
      accepted: batch!.accepted + raw.accepted,
      rejected: batch!.rejected + raw.rejected,
      raw,
      incident: inc,
    };
  };

  let backfilled: Promise<{ readings: number; accepted: number; rejected: number }> | null = null;
  const backfill = () => {
    backfilled ??= (async () => {
      const bySlot = new Map<string, { sensor: string; ts: string; values: Record<string, number> }>();
      for (const h of script.history ?? []) {
        for (const { ts, value } of historyReadings(h, startMs)) {
          const key = `${h.sensor}\u0000${ts}`;
          const r = bySlot.get(key) ?? { sensor: h.sensor, ts, values: {} };
          r.values[h.metric] = value;
          bySlot.set(key, r);
        }
      }
      const all = [...bySlot.values()];
      let accepted = 0;
      let rejected = 0;
      for (let i = 0; i < all.length; i += 2_000) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body: JSON.stringify({ readings: all.slice(i, i + 2_000) }),
        });
        const body = (await res.json().catch(() => ({}))) as IngestAnswer;
        accepted += typeof body.accepted === 'number' ? body.accepted : 0;
        const bad = Array.isArray(body.rejected)
          ? body.rejected.length
          : res.ok
            ? 0
            : Math.min(2_000, all.length - i);
        rejected += bad;
        if (bad > 0)
          log.warn({ status: res.status, rejected: body.rejected?.slice(0, 5) }, 'history rejected');
      }
      if (all.length > 0)
        log.info(
          { readings: all.length, accepted, rejected },
          'history stored for the analyses that read weeks back',
        );
      return { readings: all.length, accepted, rejected };
    })();
    return backfilled;
  };

  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'simulator could not send a batch'))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(loop, periodMs);
      });
  };

  return {
    city,
    sensors,
    schedule: plan.items,
    incidentAt,
    backfill,
    tick,
    start() {
      if (timer || running || stopped) return;
      running = backfill()
        .catch((err: unknown) =>
          log.warn({ err: (err as Error).message }, 'simulator could not store history'),
        )
        .finally(() => {
          running = null;
          loop();
        });
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      log.info('simulator stopped');
    },
  };
}

/**
 * Start the simulator: a batch every period through the real HTTP ingest, and the incident schedule.
 *
 * @example
 * const sim = await startSimulator(core, { baseUrl: 'http://127.0.0.1:3000', token: 'demo-device-token' });
 * // … on shutdown
 * await sim.stop();
 */
export async function startSimulator(core: Core, opts: SimulatorOptions): Promise<Simulator> {
  const sim = await createSimulator(core, opts);
  sim.start();
  return sim;
}
