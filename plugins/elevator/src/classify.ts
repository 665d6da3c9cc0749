/**
 * Classified supervision (分类监管, guideline §4(2)9): every lift gets a class from its own 96333-style
 * statistics, and its maintenance company gets a fault rate over the lifts it maintains. The rule and all
 * its numbers are assumed (no national rule fixes them; README "Classified supervision"):
 *   C 重点监管  entrapments(short) ≥ classCTrappedShort, or faults(short) ≥ classCFaultsShort, or
 *               faults(long) ≥ classCFaultsLong, or red-severity faults(long) ≥ classCSevereLong;
 *   B 加强关注  otherwise entrapments(long) ≥ classBTrappedLong, or faults(short) ≥ classBFaultsShort,
 *               or faults(long) ≥ classBFaultsLong, or maintenance overdue ≥ classBOverdueDays;
 *   A 常规监管  otherwise.
 */
import type { ElevatorConfig } from './definition.js';

export interface LiftStats {
  faultsShort: number;
  faultsLong: number;
  doorFaultsLong: number;
  severeLong: number;
  trappedShort: number;
  trappedLong: number;
  /** Latest maintenance-overdue days, `null` when never reported. */
  overdueDays: number | null;
}

export type SupervisionClass = 'A' | 'B' | 'C';

export interface Classification {
  cls: SupervisionClass;
  /** Which conditions put it there, in English keys for the texts. */
  reasons: { zh: string; en: string }[];
}

/**
 * The supervision class of one lift.
 *
 * @example classify({ faultsShort: 5, faultsLong: 5, doorFaultsLong: 0, severeLong: 0, trappedShort: 0, trappedLong: 0, overdueDays: null }, defaults).cls // 'C'
 */
export function classify(s: LiftStats, c: ElevatorConfig): Classification {
  const S = c.statsShortDays;
  const L = c.statsLongDays;
  const c1: Classification['reasons'] = [];
  if (s.trappedShort >= c.classCTrappedShort)
    c1.push({ zh: `${S} 天内困人 ${s.trappedShort} 次`, en: `${s.trappedShort} entrapments in ${S} days` });
  if (s.faultsShort >= c.classCFaultsShort)
    c1.push({ zh: `${S} 天内故障 ${s.faultsShort} 次`, en: `${s.faultsShort} faults in ${S} days` });
  if (s.faultsLong >= c.classCFaultsLong)
    c1.push({ zh: `${L} 天内故障 ${s.faultsLong} 次`, en: `${s.faultsLong} faults in ${L} days` });
  if (s.severeLong >= c.classCSevereLong)
    c1.push({
      zh: `${L} 天内红色级故障 ${s.severeLong} 次`,
      en: `${s.severeLong} red-severity faults in ${L} days`,
    });
  if (c1.length > 0) return { cls: 'C', reasons: c1 };
  const b: Classification['reasons'] = [];
  if (s.trappedLong >= c.classBTrappedLong)
    b.push({ zh: `${L} 天内困人 ${s.trappedLong} 次`, en: `${s.trappedLong} entrapment(s) in ${L} days` });
  if (s.faultsShort >= c.classBFaultsShort)
    b.push({ zh: `${S} 天内故障 ${s.faultsShort} 次`, en: `${s.faultsShort} faults in ${S} days` });
  if (s.faultsLong >= c.classBFaultsLong)
    b.push({ zh: `${L} 天内故障 ${s.faultsLong} 次`, en: `${s.faultsLong} faults in ${L} days` });
  if (s.overdueDays !== null && s.overdueDays >= c.classBOverdueDays)
    b.push({ zh: `维保超期 ${s.overdueDays} 天`, en: `maintenance ${s.overdueDays} days overdue` });
  if (b.length > 0) return { cls: 'B', reasons: b };
  return { cls: 'A', reasons: [] };
}

export const CLASS_TEXT: Record<SupervisionClass, { zh: string; en: string }> = {
  A: { zh: 'A 类（常规监管）', en: 'class A (routine supervision)' },
  B: { zh: 'B 类（加强关注）', en: 'class B (closer attention)' },
  C: { zh: 'C 类（重点监管）', en: 'class C (key supervision)' },
};

export interface CompanyStats {
  company: string;
  /** Lifts of the company with statistics (this one included). */
  lifts: number;
  faultsLong: number;
  trappedLong: number;
  /** Mean faults per lift in the long window. */
  faultRate: number;
  /** Lifts of the company in class C. */
  classC: number;
}

/**
 * Aggregates the company's lifts (this one included) into 96333-style statistics.
 *
 * @example companyStats('X', [s1, s2], defaults).faultRate
 */
export function companyStats(company: string, lifts: readonly LiftStats[], c: ElevatorConfig): CompanyStats {
  const faultsLong = lifts.reduce((a, s) => a + s.faultsLong, 0);
  const trappedLong = lifts.reduce((a, s) => a + s.trappedLong, 0);
  return {
    company,
    lifts: lifts.length,
    faultsLong,
    trappedLong,
    faultRate: lifts.length === 0 ? 0 : faultsLong / lifts.length,
    classC: lifts.filter((s) => classify(s, c).cls === 'C').length,
  };
}

export interface CompanyJudgement {
  /** The company's fault rate is high over enough lifts: a maintenance-quality problem. */
  companyProblem: boolean;
  /** This lift's faults stand out from its company's: a defect of this lift. */
  liftOutlier: boolean;
}

/** Judges the company and the lift within it. */
export function judgeCompany(own: LiftStats, co: CompanyStats, c: ElevatorConfig): CompanyJudgement {
  const enough = co.lifts >= c.companyMinLifts;
  // The mean of the *other* lifts: comparing a lift with a mean that contains it understates the gap.
  const others = co.lifts - 1;
  const otherMean = others > 0 ? (co.faultsLong - own.faultsLong) / others : 0;
  return {
    companyProblem: enough && co.faultRate >= c.companyRateLong,
    liftOutlier:
      enough &&
      own.faultsLong >= c.classBFaultsLong &&
      own.faultsLong >= c.outlierFactor * Math.max(otherMean, 1),
  };
}
