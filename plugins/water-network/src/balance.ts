/**
 * Minimum night flow (MNF) and the district-meter flow balance.
 *
 * At night legitimate use is smallest and nearly constant, so most of the night flow into a district
 * metered area (DMA) is leakage (IWA Water Loss Task Force; UK Water Industry Report E "Managing
 * Leakage", 1994; CJJ 92-2016 uses the same DMA/MNF method for leak control):
 *
 *   net night flow  NNF = Σ inlet flow − Σ outlet flow            (mean over the night window)
 *   leakage estimate  Q_leak = NNF − legitimate night use
 *   legitimate night use = connections × q_conn + non-household night use   (or the DMA's own figure)
 */
import { meanIn, median, type Sample } from './series.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The city's offset from UTC in hours for the night window: the event's (from the city's time zone, so it
 * follows daylight saving), else the configured `utcOffsetHours`, for a host that does not send it.
 */
export function cityOffsetHours(event: { utcOffsetMin?: number }, cfg: { utcOffsetHours: number }): number {
  return event.utcOffsetMin !== undefined ? event.utcOffsetMin / 60 : cfg.utcOffsetHours;
}

/**
 * The last night window `[start, end)` local time that has begun by `t`: the current one if `t` falls
 * inside it (ending at `t`), else the most recent complete one. Times in ms since epoch (UTC).
 */
export function nightWindow(
  t: number,
  startHour: number,
  endHour: number,
  utcOffsetHours: number,
): { from: number; to: number } {
  const off = utcOffsetHours * HOUR;
  const localMidnight = Math.floor((t + off) / DAY) * DAY - off;
  const span = ((endHour - startHour + 24) % 24 || 24) * HOUR;
  for (let k = 0; k <= 2; k++) {
    const from = localMidnight - k * DAY + startHour * HOUR;
    if (from <= t) return { from, to: Math.min(from + span, t) };
  }
  return { from: t - span, to: t };
}

export interface LegitUse {
  m3h: number;
  basis: 'attribute' | 'connections' | 'none';
}

/** Legitimate night use of a DMA: its own figure, else connections × per-connection use + non-household. */
export function legitimateNightUse(attrs: Record<string, unknown>, perConnLh: number): LegitUse {
  const own = attrs['legitNightUseM3h'];
  if (typeof own === 'number' && own >= 0) return { m3h: own, basis: 'attribute' };
  const conn = attrs['connections'];
  const nonHh =
    typeof attrs['nonHouseholdNightUseM3h'] === 'number' ? (attrs['nonHouseholdNightUseM3h'] as number) : 0;
  if (typeof conn === 'number' && conn >= 0)
    return { m3h: (conn * perConnLh) / 1000 + nonHh, basis: 'connections' };
  return { m3h: nonHh, basis: nonHh > 0 ? 'attribute' : 'none' };
}

/**
 * The MNF baseline: the median of the DMA's own nightly values over the baseline period (the event's own
 * night left out) when there are at least `minNights`, else the recorded `mnfBaselineM3h`.
 */
export function mnfBaseline(
  history: Sample[],
  eventT: number,
  recorded: number,
  minNights: number,
): { m3h: number; nights: number; own: boolean } {
  const past = history.filter((s) => s.t < eventT - 12 * HOUR);
  if (past.length >= minNights) return { m3h: median(past.map((s) => s.v)), nights: past.length, own: true };
  return { m3h: recorded, nights: past.length, own: false };
}

/** Trailing nights (the event's included) at or above `limit`. */
export function nightsAbove(history: Sample[], limit: number): number {
  let n = 0;
  for (let i = history.length - 1; i >= 0 && history[i]!.v >= limit; i--) n++;
  return n;
}

/** How the excess arrived: in one night (a new leak or burst) or over several (growing leakage). */
export function excessShape(history: Sample[], baseline: number): 'step' | 'gradual' | 'unknown' {
  if (history.length < 2) return 'unknown';
  const last = history[history.length - 1]!.v;
  const prev = history[history.length - 2]!.v;
  const excess = last - baseline;
  if (!(excess > 0)) return 'unknown';
  return last - prev >= 0.5 * excess ? 'step' : 'gradual';
}

export interface MeterSeries {
  sensorId: string;
  role: 'in' | 'out';
  samples: Sample[];
}

export interface Balance {
  /** Σ in − Σ out, mean over tonight's window (m3/h); `null` without an inlet reading tonight. */
  netNow: number | null;
  /** The same, median over the previous nights' windows. */
  netBefore: number | null;
  inNow: number;
  inBefore: number | null;
  outNow: number;
  outBefore: number | null;
  meters: number;
}

/** The DMA balance tonight and over the `nights` before, from each meter's mean over the night window. */
export function dmaBalance(
  meters: MeterSeries[],
  window: { from: number; to: number },
  nights: number,
): Balance {
  // Σ of one role's means; 0 with no meter of that role; null when one of them has no reading then.
  const sumFor = (role: 'in' | 'out', from: number, to: number): number | null => {
    let sum = 0;
    for (const m of meters) {
      if (m.role !== role) continue;
      const mean = meanIn(m.samples, from, to);
      if (mean === null) return null;
      sum += mean;
    }
    return sum;
  };
  const hasIn = meters.some((m) => m.role === 'in');
  const inNow = hasIn ? sumFor('in', window.from, window.to) : null;
  const outNow = sumFor('out', window.from, window.to);
  const ins: number[] = [];
  const outs: number[] = [];
  for (let k = 1; k <= nights; k++) {
    const i = hasIn ? sumFor('in', window.from - k * DAY, window.to - k * DAY) : null;
    const o = sumFor('out', window.from - k * DAY, window.to - k * DAY);
    if (i !== null && o !== null) {
      ins.push(i);
      outs.push(o);
    }
  }
  const inBefore = ins.length > 0 ? median(ins) : null;
  const outBefore = outs.length > 0 ? median(outs) : null;
  return {
    netNow: inNow === null || outNow === null ? null : inNow - outNow,
    netBefore: inBefore === null || outBefore === null ? null : inBefore - outBefore,
    inNow: inNow ?? 0,
    inBefore,
    outNow: outNow ?? 0,
    outBefore,
    meters: meters.length,
  };
}
