import { describe, expect, it } from 'vitest';
import type { ThresholdDef } from '../types.js';
import {
  type CompiledThreshold,
  compileThreshold,
  LEVELS,
  levelIndex,
  newState,
  type RuleState,
  step,
} from './evaluate.js';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const at = (sec: number) => T0 + sec * 1000;

function compiled(
  def: ThresholdDef,
  ...rest: Parameters<typeof compileThreshold> extends [unknown, ...infer R] ? R : never
) {
  const th = compileThreshold(def, ...rest);
  if (!th) throw new Error('threshold did not compile');
  return th;
}

/** Feed `[sec, value]` pairs and return the level name after each (null = clear). */
function run(
  th: CompiledThreshold,
  readings: [number, number][],
  s: RuleState = newState(),
): (string | null)[] {
  return readings.map(([sec, v]) => {
    step(th, s, at(sec), v);
    return s.level >= 0 ? LEVELS[s.level]! : null;
  });
}

const ch4: ThresholdDef = {
  direction: 'rising',
  levels: { alarm: 5, blue: 10, yellow: 20, orange: 25, red: 50 },
};
const o2: ThresholdDef = { direction: 'falling', levels: { blue: 19.5, yellow: 18, orange: 16, red: 12 } };

describe('tier evaluator', () => {
  it('orders levels alarm < blue < yellow < orange < red', () => {
    expect(LEVELS).toEqual(['alarm', 'blue', 'yellow', 'orange', 'red']);
    expect(levelIndex('alarm')).toBe(0);
    expect(levelIndex('red')).toBe(4);
  });

  it('enters the highest level a rising value meets and reports the limit crossed', () => {
    const th = compiled(ch4);
    const s = newState();
    expect(step(th, s, at(0), 3)).toBeNull();
    expect(step(th, s, at(1), 27)).toEqual({ from: -1, to: 3, cause: 'value', limit: 25 });
    expect(step(th, s, at(2), 55)).toEqual({ from: 3, to: 4, cause: 'value', limit: 50 });
    expect(step(th, s, at(3), 12)).toEqual({ from: 4, to: 1, cause: 'value', limit: 10 });
    expect(step(th, s, at(4), 1)).toEqual({ from: 1, to: -1, cause: 'value', limit: 10 });
  });

  it('treats a value equal to the limit as meeting it', () => {
    expect(run(compiled(ch4), [[0, 25]])).toEqual(['orange']);
  });

  it('enters levels of a falling threshold as the value drops and leaves them as it recovers', () => {
    expect(
      run(compiled(o2), [
        [0, 20.9],
        [1, 19],
        [2, 15],
        [3, 11.5],
        [4, 18.5],
        [5, 20.9],
      ]),
    ).toEqual([null, 'blue', 'orange', 'red', 'blue', null]);
  });

  it('skips levels a threshold does not define', () => {
    const th = compiled({ direction: 'rising', levels: { yellow: 20, red: 50 } });
    expect(
      run(th, [
        [0, 10],
        [1, 30],
        [2, 60],
      ]),
    ).toEqual([null, 'yellow', 'red']);
  });

  it('waits for durationSec before entering a level, and a dip restarts the wait', () => {
    const th = compiled({ ...ch4, durationSec: 30 });
    expect(
      run(th, [
        [0, 27],
        [10, 27],
        [29, 27],
        [30, 27],
      ]),
    ).toEqual([null, null, null, 'orange']);
    const dip = compiled({ ...ch4, durationSec: 30 });
    expect(
      run(dip, [
        [0, 27],
        [20, 3],
        [25, 27],
        [50, 27],
        [55, 27],
      ]),
    ).toEqual([null, null, null, null, 'orange']);
  });

  it('under a duration, a spike that falls back before it has held raises nothing', () => {
    const th = compiled({ ...ch4, durationSec: 60 });
    expect(
      run(th, [
        [0, 80],
        [10, 2],
        [20, 2],
      ]),
    ).toEqual([null, null, null]);
  });

  it('keeps a level while the value stays within the hysteresis band and leaves it beyond', () => {
    const th = compiled({ ...ch4, hysteresis: 2 });
    // Orange at 25: 23.5 is inside the band (> 23), 22.9 is out and falls to yellow (20).
    expect(
      run(th, [
        [0, 26],
        [1, 23.5],
        [2, 22.9],
        [3, 18.5],
        [4, 17.9],
      ]),
    ).toEqual(['orange', 'orange', 'yellow', 'yellow', 'blue']);
  });

  it('applies a fractional hysteresis as a share of each limit', () => {
    const th = compiled({ ...ch4, hysteresis: 0.1, hysteresisIsFraction: true });
    // Red at 50 holds down to 45 (exclusive); orange at 25 down to 22.5.
    expect(
      run(th, [
        [0, 55],
        [1, 45.5],
        [2, 44.9],
        [3, 22.6],
        [4, 22.4],
      ]),
    ).toEqual(['red', 'red', 'orange', 'orange', 'yellow']);
  });

  it('applies hysteresis upwards for a falling threshold', () => {
    const th = compiled({ ...o2, hysteresis: 0.5 });
    expect(
      run(th, [
        [0, 15.9],
        [1, 16.3],
        [2, 16.6],
      ]),
    ).toEqual(['orange', 'orange', 'yellow']);
  });

  it('enters a level on the rate of change per minute even below the value limits', () => {
    const th = compiled({ ...ch4, ratePerMin: { yellow: 5, red: 20 } });
    const s = newState();
    expect(step(th, s, at(0), 1)).toBeNull();
    // +3 in 30 s = 6 per minute ≥ yellow's 5.
    expect(step(th, s, at(30), 4)).toEqual({ from: -1, to: 2, cause: 'rate', limit: 5 });
    // +1 per minute afterwards: the rate level goes, the value (4) is below every limit.
    expect(step(th, s, at(90), 5)).toEqual({ from: 2, to: 0, cause: 'value', limit: 5 });
  });

  it('lets a value level win over a lower rate level', () => {
    const th = compiled({ ...ch4, ratePerMin: { blue: 1 } });
    const s = newState();
    step(th, s, at(0), 20);
    expect(step(th, s, at(60), 30)).toEqual({ from: 2, to: 3, cause: 'value', limit: 25 });
  });

  it('reports the rate limit of a rate-only level when it clears', () => {
    const th = compiled({ direction: 'rising', levels: { red: 90 }, ratePerMin: { orange: 10 } });
    const s = newState();
    step(th, s, at(0), 0);
    expect(step(th, s, at(60), 15)?.to).toBe(3);
    expect(step(th, s, at(120), 16)).toEqual({ from: 3, to: -1, cause: 'value', limit: 10 });
  });

  it('ignores a reading older than or as old as the last one, so resends never re-raise', () => {
    const th = compiled(ch4);
    const s = newState();
    step(th, s, at(10), 30);
    expect(step(th, s, at(10), 60)).toBeNull();
    expect(step(th, s, at(5), 60)).toBeNull();
    expect(s.level).toBe(3);
    expect(step(th, s, at(11), 2)?.to).toBe(-1);
    expect(step(th, s, at(10), 30)).toBeNull();
    expect(s.level).toBe(-1);
  });

  it('scales limits by the object attribute named in ratioOf', () => {
    const th = compiled(
      { direction: 'rising', levels: { blue: 0.6, yellow: 0.7, orange: 0.85, red: 1 }, ratioOf: 'limitMm' },
      null,
      { limitMm: 40 },
    );
    expect(Array.from(th.limits)).toEqual([Number.NaN, 24, 28, 34, 40]);
    expect(
      run(th, [
        [0, 30],
        [1, 41],
      ]),
    ).toEqual(['yellow', 'red']);
  });

  it('compiles to null when the ratioOf attribute is missing, not a number, or not positive', () => {
    const def: ThresholdDef = { direction: 'rising', levels: { red: 1 }, ratioOf: 'limitMm' };
    expect(compileThreshold(def, null, {})).toBeNull();
    expect(compileThreshold(def)).toBeNull();
    expect(compileThreshold(def, null, { limitMm: '40' })).toBeNull();
    expect(compileThreshold(def, null, { limitMm: 0 })).toBeNull();
  });

  it('lets a city override replace levels one by one, and duration and hysteresis', () => {
    const th = compiled(ch4, { levels: { blue: 8 }, durationSec: 5, hysteresis: 1 });
    expect(Array.from(th.limits)).toEqual([5, 8, 20, 25, 50]);
    expect(th.durationMs).toBe(5000);
    expect(th.hysteresis[1]).toBe(1);
  });

  it('keeps a restored open alarm on the first reading instead of waiting out its duration again', () => {
    const th = compiled({ ...ch4, durationSec: 60 });
    const s = newState(levelIndex('orange'));
    expect(step(th, s, at(0), 30)).toBeNull();
    expect(s.level).toBe(3);
    // The value goes above red: red's own duration is still waited for.
    expect(step(th, s, at(10), 60)).toBeNull();
    expect(step(th, s, at(70), 60)).toEqual({ from: 3, to: 4, cause: 'value', limit: 50 });
  });

  it('clears a restored alarm when the first reading is below it', () => {
    const th = compiled({ ...ch4, durationSec: 60 });
    const s = newState(levelIndex('yellow'));
    expect(step(th, s, at(0), 1)).toEqual({ from: 2, to: -1, cause: 'value', limit: 20 });
  });
});
