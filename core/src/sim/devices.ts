/**
 * The devices the simulator plays for sensors whose inventory row names a decoder: each turns the model's
 * values into the payload the real device would send to `POST /api/v1/raw/<sensor>`.
 */
import { FHLM1_DECODER, fhlm1Device } from './fh-lm1.js';
import type { Random } from './random.js';

/** A simulated device: turns the model's values for one instant into its own raw payload. */
export type SimDevice = (values: Record<string, number>, atMs: number, stamp: boolean) => Uint8Array;

/**
 * The devices the simulator can play, by the sensor plugin that decodes them: the metrics their payload
 * carries, and a maker giving each sensor its own device (seeded state). `stamp`: the payload carries the
 * instant; without it the platform stamps the reading on arrival.
 */
export const DEVICES: Record<
  string,
  { metrics: readonly string[]; make(rnd: Random, sinceMs: number): SimDevice }
> = {
  [FHLM1_DECODER]: {
    metrics: ['ch4'],
    make(rnd, sinceMs) {
      // A battery between 60 and 98 %: the detectors were fitted at different times.
      const device = fhlm1Device(60 + Math.round(rnd.next() * 38), sinceMs);
      return (values, atMs, stamp) => device.frame(values['ch4'] ?? 0, atMs, stamp);
    },
  },
};

/**
 * A tick this close to the wall clock is live: its device frames carry no time (type 1 for FH-LM1) and
 * the platform stamps them on arrival, as with the real devices. A tick for another instant (a test, a
 * replay) sends the device time so that the readings keep their instant.
 */
export const LIVE_MS = 1_000;
