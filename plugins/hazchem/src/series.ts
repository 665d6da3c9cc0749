/**
 * Small pure helpers over one sensor's samples: the latest value, how long a condition has held, and the
 * steepest rise into it (for the instrument-fault test).
 */
import { type Sample, toSamples, withReading } from '@fenghuo/sdk';

/** The SDK's, re-exported so that this plugin's modules keep importing them from here. */
export { type Sample, toSamples, withReading };

export interface Run {
  /** Samples in the trailing run that meet the condition. */
  count: number;
  /** Minutes from the first sample of the run to the last sample. */
  heldMin: number;
  /** Largest rise per minute between consecutive samples from the sample before the run to its end. */
  maxRisePerMin: number;
}

/** The trailing run of samples that meet `pred` (empty when the latest does not). */
export function trailingRun(samples: Sample[], pred: (v: number) => boolean): Run {
  let i = samples.length - 1;
  while (i >= 0 && pred(samples[i]!.v)) i--;
  const start = i + 1;
  const count = samples.length - start;
  if (count === 0) return { count: 0, heldMin: 0, maxRisePerMin: 0 };
  const first = samples[start]!;
  const last = samples[samples.length - 1]!;
  let maxRisePerMin = 0;
  for (let k = Math.max(1, start); k < samples.length; k++) {
    const a = samples[k - 1]!;
    const b = samples[k]!;
    const dtMin = (b.t - a.t) / 60_000;
    if (dtMin > 0) maxRisePerMin = Math.max(maxRisePerMin, (b.v - a.v) / dtMin);
  }
  return { count, heldMin: (last.t - first.t) / 60_000, maxRisePerMin };
}

/** Whether any sample in `[since, end]` meets `pred`. */
export function anySince(samples: Sample[], since: number, pred: (v: number) => boolean): boolean {
  return samples.some((s) => s.t >= since && pred(s.v));
}
