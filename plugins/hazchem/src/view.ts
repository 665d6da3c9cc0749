/**
 * The snapshot of one major-hazard area that the indices are computed from: its equipment (tanks,
 * reactors, the warehouse itself) with their series, its gas detectors, and its status signals.
 * `area.ts` builds it through `ctx`; the index functions only read it.
 */
import type { I18n } from '@fenghuo/sdk';
import type { MetricKey } from './definition.js';
import type { Sample } from './series.js';

export interface SeriesView {
  sensorId: string;
  objectId: string;
  metric: MetricKey;
  samples: Sample[];
  /** No reading within `staleFactor` sampling intervals before the event: its values are not used. */
  stale: boolean;
}

export interface Item {
  id: string;
  kind: string;
  name: I18n;
  attributes: Record<string, unknown>;
  series: SeriesView[];
}

/** Latest value of a fresh series, or `null`. */
export function latestOf(s: SeriesView | undefined): number | null {
  if (!s || s.stale) return null;
  const last = s.samples[s.samples.length - 1];
  return last ? last.v : null;
}

/** Three significant figures below 100, whole numbers above. */
export const r3 = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Number(x.toPrecision(3)));

export const numAttr = (attrs: Record<string, unknown>, key: string): number | null => {
  const v = attrs[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
