import { describe, expect, it } from 'vitest';
import { defaults } from './config.js';
import { type Detector, leakIndex } from './leak.js';

const cfg = defaults.leak;
const det = (id: string, vals: number[], over: Partial<Detector> = {}): Detector => ({
  series: {
    sensorId: id,
    objectId: id,
    metric: over.type === 'toxic' ? 'toxic_gas' : 'combustible_gas',
    samples: vals.map((v, i) => ({ t: i * 60_000, v })),
    stale: false,
  },
  name: { zh: id, en: id },
  type: 'combustible',
  level1: 25,
  level2: 50,
  idlh: null,
  fenceLine: false,
  ...over,
});

describe('leak index (notes §5.2 item 3)', () => {
  it('scores 40 at level 1, 70 at level 2, and 0 below', () => {
    expect(leakIndex([det('A', [10])], false, cfg).score).toBe(0);
    expect(leakIndex([det('A', [30])], false, cfg).score).toBe(40);
    expect(leakIndex([det('A', [55])], false, cfg).score).toBe(70);
  });

  it('escalates to 85 with two detectors at level 2 or level 2 held over 5 min, and to 100 with three', () => {
    expect(leakIndex([det('A', [55]), det('B', [52])], false, cfg)).toMatchObject({ score: 85, atLevel2: 2 });
    expect(leakIndex([det('A', [55, 55, 56, 57, 58, 58, 59])], false, cfg).score).toBe(85);
    expect(leakIndex([det('A', [55]), det('B', [52]), det('C', [60])], false, cfg).score).toBe(100);
  });

  it('scores 100 for level 2 confirmed by a flame detector or video, but a flame alone adds nothing', () => {
    expect(leakIndex([det('A', [55])], true, cfg).score).toBe(100);
    expect(leakIndex([det('A', [5])], true, cfg).score).toBe(0);
  });

  it('judges a toxic detector against its OEL, with level 2 at twice the OEL', () => {
    const nh3 = (v: number) => det('NH3', [v], { type: 'toxic', level1: 30, level2: null, idlh: 210 });
    expect(leakIndex([nh3(29)], false, cfg).score).toBe(0);
    expect(leakIndex([nh3(31)], false, cfg).score).toBe(40);
    expect(leakIndex([nh3(61)], false, cfg)).toMatchObject({ score: 70, hasToxic: true });
    expect(leakIndex([nh3(215)], false, cfg).reasons[0]?.en).toContain('at or above IDLH');
  });

  it('scores 100 when a fence-line detector reaches 10 % of IDLH, even below the OEL', () => {
    const fence = det('F', [22], { type: 'toxic', level1: 30, level2: null, idlh: 210, fenceLine: true });
    const idx = leakIndex([fence], false, cfg);
    expect(idx.score).toBe(100);
    expect(idx.reasons[0]?.en).toContain('at the fence line');
  });

  it('lists a toxic detector without an OEL instead of guessing, and ignores stale detectors', () => {
    const idx = leakIndex(
      [
        det('X', [500], { type: 'toxic', level1: null, level2: null }),
        { ...det('S', [90]), series: { ...det('S', [90]).series, stale: true } },
      ],
      false,
      cfg,
    );
    expect(idx.score).toBe(0);
    expect(idx.unconfigured.map((d) => d.series.sensorId)).toEqual(['X']);
  });
});
