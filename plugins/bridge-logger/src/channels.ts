/**
 * Channel types of the BL-series bridge data logger and their conversion to the bridge risk type's
 * catalogue metrics and units. Pure and deterministic: no Node built-ins, so it runs in the sandbox.
 */

/** Catalogue metrics of the bridge risk type, with the unit each is stored in and its plausible range. */
export const METRICS = {
  deflection: { unit: 'mm', min: -500, max: 500, magnitude: false },
  strain: { unit: 'με', min: -2000, max: 2000, magnitude: false },
  displacement: { unit: 'mm', min: 0, max: 300, magnitude: true },
  acceleration: { unit: 'm/s²', min: 0, max: 10, magnitude: true },
  inclination: { unit: '‰', min: 0, max: 20, magnitude: true },
  crack_width: { unit: 'mm', min: 0, max: 5, magnitude: false },
  cable_force: { unit: 'kN', min: 0, max: 20_000, magnitude: false },
  wind_speed: { unit: 'm/s', min: 0, max: 60, magnitude: false },
} as const;

/** A catalogue metric key of the bridge risk type. */
export type BridgeMetric = keyof typeof METRICS;

/** Channel `type` names the logger may send, lower-cased, to catalogue metric keys. */
const TYPES: Record<string, BridgeMetric> = {
  deflection: 'deflection',
  strain: 'strain',
  displacement: 'displacement',
  acceleration: 'acceleration',
  accel: 'acceleration',
  vibration: 'acceleration',
  inclination: 'inclination',
  tilt: 'inclination',
  crack_width: 'crack_width',
  crack: 'crack_width',
  cable_force: 'cable_force',
  wind_speed: 'wind_speed',
  wind: 'wind_speed',
};

const G = 9.80665;
const toPermille = (radians: number) => Math.tan(radians) * 1000;

/** Per metric, each accepted unit spelling and how a value in it becomes the catalogue unit. */
const UNITS: Record<BridgeMetric, Record<string, (v: number) => number>> = {
  deflection: { mm: (v) => v, cm: (v) => v * 10, m: (v) => v * 1000 },
  strain: {
    με: (v) => v,
    µε: (v) => v, // U+00B5 micro sign, as many loggers write it
    ue: (v) => v,
    uε: (v) => v,
    microstrain: (v) => v,
    ε: (v) => v * 1e6,
  },
  displacement: { mm: (v) => v, cm: (v) => v * 10, m: (v) => v * 1000 },
  acceleration: {
    'm/s²': (v) => v,
    'm/s2': (v) => v,
    'm/s^2': (v) => v,
    g: (v) => v * G,
    mg: (v) => (v * G) / 1000,
    gal: (v) => v / 100,
    'cm/s²': (v) => v / 100,
    'cm/s2': (v) => v / 100,
  },
  inclination: {
    '‰': (v) => v,
    permille: (v) => v,
    'mm/m': (v) => v,
    '%': (v) => v * 10,
    '°': (v) => toPermille((v * Math.PI) / 180),
    deg: (v) => toPermille((v * Math.PI) / 180),
    rad: (v) => toPermille(v),
    mrad: (v) => toPermille(v / 1000),
  },
  crack_width: {
    mm: (v) => v,
    cm: (v) => v * 10,
    µm: (v) => v / 1000,
    um: (v) => v / 1000,
    μm: (v) => v / 1000,
  },
  cable_force: { kn: (v) => v, n: (v) => v / 1000, mn: (v) => v * 1000, t: (v) => v * G },
  wind_speed: { 'm/s': (v) => v, 'km/h': (v) => v / 3.6, kn: (v) => v * 0.514444, knot: (v) => v * 0.514444 },
};

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** One channel converted to a catalogue metric, or the reason it was skipped. */
export type ChannelResult = { metric: BridgeMetric; value: number } | { skipped: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Convert one logger channel `{ ch, type, value, unit?, status? }` to a catalogue metric value in the
 * catalogue unit, rounded to 4 decimals; a channel that cannot be used comes back with the reason.
 *
 * @example
 * convertChannel({ ch: 1, type: 'deflection', value: 1.2, unit: 'cm' }); // { metric: 'deflection', value: 12 }
 * convertChannel({ ch: 4, type: 'tilt', value: 0.1, unit: '°' }); // { metric: 'inclination', value: 1.7453 }
 */
export function convertChannel(channel: unknown): ChannelResult {
  if (!isRecord(channel)) return { skipped: `channel ${JSON.stringify(channel)} is not an object` };
  const label = `channel ${typeof channel['ch'] === 'number' || typeof channel['ch'] === 'string' ? channel['ch'] : '?'}`;
  const { type, value, unit, status } = channel;
  if (status !== undefined && status !== 'ok')
    return { skipped: `${label}: status ${JSON.stringify(status)}` };
  if (typeof type !== 'string') return { skipped: `${label}: no channel type` };
  const metric = TYPES[type.trim().toLowerCase()];
  if (!metric) return { skipped: `${label}: unknown channel type "${type}"` };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return { skipped: `${label}: value ${JSON.stringify(value)} is not a finite number` };
  }
  const def = METRICS[metric];
  const spelled = unit === undefined ? def.unit : unit;
  if (typeof spelled !== 'string') return { skipped: `${label}: unit ${JSON.stringify(unit)} is not text` };
  const key = spelled.trim();
  const convert = UNITS[metric][key] ?? UNITS[metric][key.toLowerCase()];
  if (!convert) return { skipped: `${label}: unit "${spelled}" is not a unit of ${metric}` };
  let v = round4(convert(value));
  if (def.magnitude) v = Math.abs(v);
  if (v < def.min || v > def.max) {
    return { skipped: `${label}: ${metric} ${v} ${def.unit} is outside [${def.min}, ${def.max}]` };
  }
  return { metric, value: v };
}
