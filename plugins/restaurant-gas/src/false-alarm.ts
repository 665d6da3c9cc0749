/**
 * A detector's false-alarm record, from its own history (guideline §3 type 2: "提高报警质量，减少误报率").
 *
 * Method (README "False-alarm rate"): split the detector's normalised readings over the look-back into
 * **episodes** — runs at or above the blue limit, runs less than `mergeGapMin` apart counted as one. An
 * episode that ended within `nuisanceMaxMin` of its start and during which no other detector of the same
 * premises reached `confirmLel` is a **nuisance** (误报) episode: gas from a leak does not vanish within a
 * few minutes without being seen elsewhere, cooking vapours and aerosols do. The episode still open at the
 * event (the current one) is not counted.
 */
import type { Sample } from './series.js';

export interface Episode {
  startT: number;
  /** Time of the first reading back below the limit. */
  endT: number;
  peak: number;
  durationMin: number;
  corroborated: boolean;
  nuisance: boolean;
}

export interface FalseAlarmParams {
  lookbackDays: number;
  nuisanceMaxMin: number;
  mergeGapMin: number;
  highPer30d: number;
  minEpisodes: number;
}

export interface FalseAlarmRecord {
  /** Closed episodes in the look-back (the current one excluded). */
  episodes: Episode[];
  nuisance: number;
  /** Days of history the rate is based on (at most `lookbackDays`, at least 1). */
  days: number;
  /** Nuisance episodes per 30 days. */
  ratePer30d: number;
  /** Share of closed episodes that were nuisances (0 without episodes). */
  share: number;
  high: boolean;
}

const MIN = 60_000;
const DAY = 86_400_000;

/**
 * Closed episodes of `own` at or above `limit` that ended before `beforeT` (the start of the current
 * episode, or the event time), each checked against the other detectors' curves.
 */
export function episodesOf(
  own: Sample[],
  limit: number,
  others: Sample[][],
  confirmLel: number,
  p: Pick<FalseAlarmParams, 'nuisanceMaxMin' | 'mergeGapMin'>,
  beforeT: number,
): Episode[] {
  const raw: { startT: number; endT: number; peak: number }[] = [];
  let cur: { startT: number; peak: number } | null = null;
  for (const s of own) {
    if (s.t >= beforeT) break;
    if (s.v >= limit) {
      if (cur) cur.peak = Math.max(cur.peak, s.v);
      else cur = { startT: s.t, peak: s.v };
    } else if (cur) {
      raw.push({ startT: cur.startT, endT: s.t, peak: cur.peak });
      cur = null;
    }
  }
  // An episode still open at `beforeT` is part of the current one and is not judged.
  const merged: { startT: number; endT: number; peak: number }[] = [];
  for (const e of raw) {
    const prev = merged[merged.length - 1];
    if (prev && e.startT - prev.endT <= p.mergeGapMin * MIN) {
      prev.endT = e.endT;
      prev.peak = Math.max(prev.peak, e.peak);
    } else merged.push({ ...e });
  }
  const pad = p.mergeGapMin * MIN;
  return merged.map((e) => {
    const corroborated = others.some((curve) =>
      curve.some((s) => s.t >= e.startT - pad && s.t <= e.endT + pad && s.v >= confirmLel),
    );
    const durationMin = (e.endT - e.startT) / MIN;
    return { ...e, durationMin, corroborated, nuisance: durationMin <= p.nuisanceMaxMin && !corroborated };
  });
}

/**
 * The rate: nuisance episodes per 30 days over the history actually held (a detector installed a week
 * ago is judged on a week, never less than a day). It is **high** when there are at least `minEpisodes`
 * nuisance episodes and they come at `highPer30d` or more per 30 days.
 */
export function falseAlarmRecord(
  episodes: Episode[],
  firstSampleT: number | null,
  eventT: number,
  p: FalseAlarmParams,
): FalseAlarmRecord {
  const nuisance = episodes.filter((e) => e.nuisance).length;
  const heldDays = firstSampleT === null ? 0 : (eventT - firstSampleT) / DAY;
  const days = Math.max(1, Math.min(p.lookbackDays, heldDays));
  const ratePer30d = (nuisance * 30) / days;
  return {
    episodes,
    nuisance,
    days,
    ratePer30d,
    share: episodes.length > 0 ? nuisance / episodes.length : 0,
    high: nuisance >= p.minEpisodes && ratePer30d >= p.highPer30d,
  };
}
