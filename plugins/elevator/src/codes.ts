/**
 * Fault codes of the `fault_code` metric (故障事件), numbered so that a higher code is a more serious
 * fault: the platform's rising tiers then give the catalogue's severity directly (blue 1, yellow 2,
 * orange 3–5, red 6+). A terminal or a sensor plugin maps its own codes (GB/T 24476 event records,
 * vendor codes) onto these; 0 means "no fault / fault reset".
 */
import type { I18n, Tier } from '@fenghuo/sdk';

export interface FaultCode {
  code: number;
  name: I18n;
  /** The catalogue's severity (domain catalogue `elevator.fault_event` rule; assumed where it gives none). */
  tier: Tier;
  /** Door events (门系统): counted separately in the statistics. */
  door: boolean;
}

export const FAULT_CODES: readonly FaultCode[] = [
  { code: 1, name: { zh: '门锁回路断开', en: 'door-lock circuit open' }, tier: 'blue', door: true },
  {
    code: 2,
    name: { zh: '非平层停梯', en: 'car stopped outside the door zone' },
    tier: 'yellow',
    door: false,
  },
  { code: 3, name: { zh: '安全回路断开', en: 'safety circuit open' }, tier: 'orange', door: false },
  { code: 4, name: { zh: '运行中开门', en: 'door opened while moving' }, tier: 'orange', door: true },
  { code: 5, name: { zh: '超速', en: 'overspeed' }, tier: 'orange', door: false },
  { code: 6, name: { zh: '冲顶', en: 'overtravel at the top (冲顶)' }, tier: 'red', door: false },
  { code: 7, name: { zh: '蹲底', en: 'overtravel at the bottom (蹲底)' }, tier: 'red', door: false },
  { code: 8, name: { zh: '溜车', en: 'car creeping / unintended movement' }, tier: 'red', door: false },
  { code: 9, name: { zh: '开门走车', en: 'car moved with the doors open (UCM)' }, tier: 'red', door: true },
  { code: 10, name: { zh: '扶梯逆转', en: 'escalator reversal' }, tier: 'red', door: false },
  { code: 11, name: { zh: '梯级/踏板缺失', en: 'missing step or pallet' }, tier: 'red', door: false },
];

/** Highest defined code (the metric's maximum). */
export const MAX_FAULT_CODE = 11;

/**
 * The fault a code stands for; `null` for 0 and for codes outside the table (rounded first: codes
 * arrive as numbers).
 *
 * @example faultOf(9)?.tier // 'red'
 */
export function faultOf(code: number): FaultCode | null {
  const c = Math.round(code);
  return FAULT_CODES.find((f) => f.code === c) ?? null;
}
