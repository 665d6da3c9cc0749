/**
 * Leak-source estimate from neighbouring sensors' curves (guideline §4(2)1: "trace the leak source from
 * neighbouring points' curves"). Gas reaches the space nearest the leak first, at the highest
 * concentration and with the steepest rise; the estimate scores each sensor that sees gas on those three
 * signs and takes the score-weighted centroid of the best ones.
 */
import type { I18n } from '@fenghuo/sdk';
import { distanceM, type LonLat, weightedCentroid } from './geo.js';

export interface SourceCandidate {
  sensorId: string;
  objectId: string;
  name: I18n;
  at: LonLat;
  /** Peak concentration in the window, %LEL on the reference basis. */
  peak: number;
  /** Mean rise rate since the onset, %LEL/min. */
  slopePerMin: number;
  /** When the curve started its current rise (ms since epoch). */
  onsetT: number;
}

export interface RankedCandidate extends SourceCandidate {
  score: number;
  first: boolean;
  highest: boolean;
  steepest: boolean;
}

export interface SourceEstimate {
  best: RankedCandidate;
  ranked: RankedCandidate[];
  /** Score-weighted centroid of the top K candidates: the likely leak position. */
  centroid: LonLat;
  /** Distance from the centroid to the best candidate, metres. */
  offsetM: number;
  /** Why the best candidate leads, bilingual. */
  reason: I18n;
}

export interface SourceWeights {
  first: number;
  highest: number;
  steepest: number;
}

const fmt = (x: number) => (Math.round(x * 10) / 10).toString();

/**
 * Rank candidates and estimate the source. Score per candidate, each term in [0, 1]:
 * `w_first · (t_last − t_onset)/(t_last − t_first) + w_highest · peak/peak_max + w_steepest · slope/slope_max`,
 * divided by the sum of weights. Ties are broken by sensor id so that the result is reproducible.
 *
 * @returns `null` when there is no candidate
 */
export function estimateSource(
  cands: SourceCandidate[],
  w: SourceWeights,
  topK: number,
): SourceEstimate | null {
  if (cands.length === 0) return null;
  let tFirst = Infinity;
  let tLast = -Infinity;
  let peakMax = 0;
  let slopeMax = 0;
  for (const c of cands) {
    tFirst = Math.min(tFirst, c.onsetT);
    tLast = Math.max(tLast, c.onsetT);
    peakMax = Math.max(peakMax, c.peak);
    slopeMax = Math.max(slopeMax, c.slopePerMin);
  }
  const span = tLast - tFirst;
  const wSum = w.first + w.highest + w.steepest || 1;
  const ranked: RankedCandidate[] = cands.map((c) => {
    const t = span > 0 ? (tLast - c.onsetT) / span : 1;
    const h = peakMax > 0 ? c.peak / peakMax : 1;
    const s = slopeMax > 0 ? Math.max(0, c.slopePerMin) / slopeMax : 1;
    return {
      ...c,
      score: (w.first * t + w.highest * h + w.steepest * s) / wSum,
      first: c.onsetT === tFirst,
      highest: c.peak === peakMax,
      steepest: slopeMax > 0 && c.slopePerMin === slopeMax,
    };
  });
  ranked.sort((a, b) => b.score - a.score || (a.sensorId < b.sensorId ? -1 : 1));
  const best = ranked[0]!;
  const top = ranked.slice(0, Math.max(1, topK));
  const centroid = weightedCentroid(top.map((c) => ({ at: c.at, weight: c.score })));

  const zh: string[] = [];
  const en: string[] = [];
  if (cands.length === 1) {
    zh.push('仅此一点检出燃气，泄漏点位于该空间或其附近');
    en.push('the only point that sees gas, so the leak is in or next to this space');
  } else {
    if (best.first) {
      const lead = Math.round(secondOnset(cands, best) / 60_000);
      zh.push(lead > 0 ? `最先上升（早于其他点 ${lead} 分钟）` : '最先上升');
      en.push(lead > 0 ? `rose first (${lead} min before the others)` : 'rose first');
    }
    if (best.highest) {
      zh.push(`浓度最高（${fmt(best.peak)} %LEL）`);
      en.push(`highest concentration (${fmt(best.peak)} %LEL)`);
    }
    if (best.steepest) {
      zh.push(`上升最快（${fmt(best.slopePerMin)} %LEL/分钟）`);
      en.push(`steepest rise (${fmt(best.slopePerMin)} %LEL/min)`);
    }
    if (zh.length === 0) {
      zh.push(`综合评分最高（${fmt(best.score)}）`);
      en.push(`highest combined score (${fmt(best.score)})`);
    }
  }
  return {
    best,
    ranked,
    centroid,
    offsetM: distanceM(centroid, best.at),
    reason: { zh: zh.join('、'), en: en.join(', ') },
  };
}

/** How long after `best` the next candidate started rising, ms (0 when none is later). */
function secondOnset(cands: SourceCandidate[], best: SourceCandidate): number {
  let next = Infinity;
  for (const c of cands)
    if (c.sensorId !== best.sensorId && c.onsetT > best.onsetT) next = Math.min(next, c.onsetT);
  return Number.isFinite(next) ? next - best.onsetT : 0;
}
