/**
 * 泄漏风险指数 I_leak (notes §5.2 item 3, an engineering reconstruction): each detector's reading against
 * its level-1 and level-2 set points (GB/T 50493-2019: combustible ≤ 25 / ≤ 50 %LEL, toxic ≤ 100 % / ≤ 200 %
 * OEL), escalated when several detectors or a long hold confirm it, and to the top score with a flame or
 * video confirmation, with gas at many detectors, or with a toxic gas at IDLH (at 10 % IDLH on the fence).
 */
import type { I18n } from '@fenghuo/sdk';
import type { HazchemConfig } from './config.js';
import { trailingRun } from './series.js';
import { latestOf, r3, type SeriesView } from './view.js';

export interface Detector {
  series: SeriesView;
  name: I18n;
  type: 'combustible' | 'toxic';
  level1: number | null;
  level2: number | null;
  idlh: number | null;
  fenceLine: boolean;
}

export interface DetectorScore {
  detector: Detector;
  value: number;
  /** 0 below level 1, 1 at level 1, 2 at level 2. */
  stage: 0 | 1 | 2;
  heldL2Min: number;
  score: number;
  idlh: 'anywhere' | 'fence' | null;
}

export interface LeakIndex {
  score: number;
  reasons: I18n[];
  detectors: DetectorScore[];
  atLevel2: number;
  atLevel1: number;
  /** Toxic detectors without an OEL or set point: their readings cannot be judged. */
  unconfigured: Detector[];
  hasToxic: boolean;
}

type LeakCfg = HazchemConfig['leak'];

const unitOf = (d: Detector) => (d.type === 'combustible' ? '%LEL' : 'mg/m³');

export function scoreDetector(d: Detector, cfg: LeakCfg): DetectorScore | null {
  const value = latestOf(d.series);
  if (value === null || d.level1 === null) return null;
  const level2 = d.level2 ?? d.level1 * cfg.toxicLevel2Ratio;
  const stage: 0 | 1 | 2 = value >= level2 ? 2 : value >= d.level1 ? 1 : 0;
  const heldL2Min = stage === 2 ? trailingRun(d.series.samples, (v) => v >= level2).heldMin : 0;
  let idlh: DetectorScore['idlh'] = null;
  if (d.type === 'toxic' && d.idlh !== null) {
    if (value >= d.idlh) idlh = 'anywhere';
    else if (d.fenceLine && value >= d.idlh * cfg.fenceIdlhFraction) idlh = 'fence';
  }
  const score = idlh ? cfg.confirmedScore : stage === 2 ? cfg.level2Score : stage === 1 ? cfg.level1Score : 0;
  return { detector: d, value, stage, heldL2Min, score, idlh };
}

function describe(s: DetectorScore): I18n {
  const d = s.detector;
  const u = unitOf(d);
  const stage = s.stage === 2 ? { zh: '二级报警', en: 'level 2' } : { zh: '一级报警', en: 'level 1' };
  const held =
    s.heldL2Min >= 1
      ? { zh: `，持续 ${Math.round(s.heldL2Min)} 分钟`, en: `, held ${Math.round(s.heldL2Min)} min` }
      : { zh: '', en: '' };
  return {
    zh: `${d.name.zh}（${d.series.sensorId}）${d.type === 'toxic' ? '有毒' : '可燃'}气体 ${r3(s.value)} ${u}，达${stage.zh}${held.zh}`,
    en: `${d.name.en} (${d.series.sensorId}) ${d.type} gas ${r3(s.value)} ${u}, ${stage.en}${held.en}`,
  };
}

/** I_leak of one area, given its detectors and whether a flame or video confirmation is on. */
export function leakIndex(detectors: Detector[], flame: boolean, cfg: LeakCfg): LeakIndex {
  const scores: DetectorScore[] = [];
  const unconfigured: Detector[] = [];
  for (const d of detectors) {
    const s = scoreDetector(d, cfg);
    if (s) scores.push(s);
    else if (d.level1 === null && latestOf(d.series) !== null) unconfigured.push(d);
  }
  scores.sort(
    (a, b) => b.score - a.score || b.value / (b.detector.level1 ?? 1) - a.value / (a.detector.level1 ?? 1),
  );
  const atLevel2 = scores.filter((s) => s.stage === 2).length;
  const atLevel1 = scores.filter((s) => s.stage >= 1).length;
  const reasons: I18n[] = scores
    .filter((s) => s.stage > 0 || s.idlh)
    .slice(0, 3)
    .map(describe);
  let score = scores[0]?.score ?? 0;
  const held = scores.find((s) => s.heldL2Min > cfg.level2HeldMin);
  if (atLevel2 >= cfg.multiDetectorMin || held) {
    score = Math.max(score, cfg.escalatedScore);
    reasons.push(
      atLevel2 >= cfg.multiDetectorMin
        ? { zh: `${atLevel2} 个检测点同时达二级报警`, en: `${atLevel2} detectors at level 2 at once` }
        : {
            zh: `二级报警持续超过 ${cfg.level2HeldMin} 分钟`,
            en: `level 2 held longer than ${cfg.level2HeldMin} min`,
          },
    );
  }
  if (atLevel2 >= cfg.widespreadDetectorMin) {
    score = Math.max(score, cfg.confirmedScore);
    reasons.push({
      zh: `泄漏范围扩大：${atLevel2} 个检测点达二级`,
      en: `the leak is spreading: ${atLevel2} detectors at level 2`,
    });
  }
  if (atLevel2 > 0 && flame) {
    score = Math.max(score, cfg.confirmedScore);
    reasons.push({
      zh: '二级报警同时火焰探测/视频确认火情',
      en: 'level 2 with a flame detector or video confirming fire',
    });
  }
  for (const s of scores.filter((x) => x.idlh)) {
    reasons.unshift({
      zh: `${s.detector.name.zh}有毒气体 ${r3(s.value)} mg/m³ ${s.idlh === 'fence' ? `在厂界达到 IDLH 的 ${Math.round(cfg.fenceIdlhFraction * 100)}%` : '达到 IDLH'}（${s.detector.idlh} mg/m³）`,
      en: `${s.detector.name.en} toxic gas ${r3(s.value)} mg/m³ ${s.idlh === 'fence' ? `at the fence line, ≥ ${Math.round(cfg.fenceIdlhFraction * 100)} % of IDLH` : 'at or above IDLH'} (${s.detector.idlh} mg/m³)`,
    });
  }
  return {
    score,
    reasons,
    detectors: scores,
    atLevel2,
    atLevel1,
    unconfigured,
    hasToxic: scores.some((s) => s.stage > 0 && s.detector.type === 'toxic'),
  };
}
