/**
 * Fruin's levels of service (J. J. Fruin, *Pedestrian Planning and Design*, 1971), converted from ft² per
 * person to persons per m² (domain notes §4.6). Walkway LOS fits a moving crowd, queuing LOS a standing one.
 */
import type { I18n } from '@fenghuo/sdk';
import type { CrowdMode } from './definition.js';

export type Los = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Upper density bound (p/m²) of LOS A…E; above the last bound the LOS is F. */
export const WALKWAY_UPPER: readonly number[] = [0.31, 0.43, 0.72, 1.08, 2.17];
/** Queuing LOS: A > 1.21 m²/p, B 0.93–1.21, C 0.65–0.93, D 0.28–0.65, E 0.19–0.28, F < 0.19. */
export const QUEUING_UPPER: readonly number[] = [0.83, 1.08, 1.54, 3.57, 5.26];

const LOS: readonly Los[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/**
 * The level of service of a density; a density exactly on a bound belongs to the worse level.
 *
 * @example
 * fruinLos(2.5, 'walkway'); // 'F'
 * fruinLos(2.5, 'queuing'); // 'D'
 */
export function fruinLos(densityPm2: number, table: 'walkway' | 'queuing'): Los {
  const upper = table === 'walkway' ? WALKWAY_UPPER : QUEUING_UPPER;
  for (let i = 0; i < upper.length; i++) if (densityPm2 < (upper[i] as number)) return LOS[i] as Los;
  return 'F';
}

const MEANING: Record<Los, I18n> = {
  A: { zh: '自由行走', en: 'free movement' },
  B: { zh: '基本自由，偶需避让', en: 'minor conflicts' },
  C: { zh: '速度与超越受限', en: 'speed and passing restricted' },
  D: { zh: '多数人行动受限', en: 'most people restricted' },
  E: { zh: '拥挤，行进时走时停', en: 'crowded, shuffling, stop-and-go' },
  F: { zh: '严重拥挤，身体接触不可避免', en: 'jammed, unavoidable body contact' },
};

/** The table that fits a crowd: walkway for a moving crowd, queuing for a standing one. */
export function tableFor(mode: CrowdMode): 'walkway' | 'queuing' {
  return mode === 'moving' ? 'walkway' : 'queuing';
}

/** One sentence naming the LOS of both tables, the one that fits the crowd first. */
export function describeLos(densityPm2: number, mode: CrowdMode): I18n {
  const w = fruinLos(densityPm2, 'walkway');
  const q = fruinLos(densityPm2, 'queuing');
  const d = densityPm2.toFixed(2);
  const wz = `行进服务水平 ${w}（${MEANING[w].zh}）`;
  const qz = `排队服务水平 ${q}`;
  const we = `walkway LOS ${w} (${MEANING[w].en})`;
  const qe = `queuing LOS ${q}`;
  return mode === 'moving'
    ? { zh: `密度 ${d} 人/m²：Fruin ${wz}，${qz}`, en: `Density ${d} p/m²: Fruin ${we}, ${qe}` }
    : {
        zh: `密度 ${d} 人/m²：Fruin 排队服务水平 ${q}（${MEANING[q].zh}），行进服务水平 ${w}`,
        en: `Density ${d} p/m²: Fruin queuing LOS ${q} (${MEANING[q].en}), walkway LOS ${w}`,
      };
}
