import { type AnalysisContext, type CityObject, distanceToGeometryM } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import { type DamAttributes, defaults } from './definition.js';
import { destination, type LonLat } from './geo.js';
import { breachPeak, downstreamFlood } from './inundation.js';

const damAt: LonLat = [119.9, 30.4];
const attrs: DamAttributes = {
  floodLimitLevelM: 100,
  normalPoolLevelM: 101,
  designFloodLevelM: 102.5,
  checkFloodLevelM: 103.5,
  crestElevationM: 105,
  damBaseElevationM: 70,
  storageAtFloodLimitM3: 2e7,
  surfaceAreaM2: 2e6,
  crestLengthM: 400,
  downstreamBearingDeg: 180,
};
const dam: CityObject = {
  id: 'D-1',
  kind: 'earth_rock_dam',
  role: 'monitored',
  name: { zh: '坝', en: 'Dam' },
  geometry: { type: 'Point', coordinates: damAt },
  attributes: attrs,
};
const target = (id: string, at: LonLat): CityObject => ({
  id,
  kind: 'village',
  role: 'target',
  name: { zh: id, en: id },
  geometry: { type: 'Point', coordinates: at },
  attributes: {},
});

/** A context that answers `within` from a fixed list of objects. */
function fakeCtx(objs: CityObject[]): AnalysisContext {
  return {
    history: async () => [],
    neighbours: async () => [],
    within: async (r, o) =>
      objs
        .map((x) => ({ ...x, distanceM: distanceToGeometryM(o?.at ?? damAt, x.geometry) }))
        .filter((x) => x.distanceM <= r && (!o?.roles || o.roles.includes(x.role)))
        .sort((x, y) => x.distanceM - y.distanceM),
    object: async (id) => objs.find((x) => x.id === id) ?? null,
    weather: async () => null,
    thresholds: async () => ({}),
    now: () => '2026-07-12T00:00:00Z',
  };
}

describe('downstream flood', () => {
  it('routes along the bearing and lists the target beside the channel, not the one 3 km off it', async () => {
    const near = target('NEAR', destination(destination(damAt, 180, 4000), 90, 50));
    const far = target('FAR', destination(destination(damAt, 180, 4000), 90, 3000));
    const f = await downstreamFlood(fakeCtx([near, far]), dam, attrs, damAt, 103, defaults);
    expect(f).not.toBeNull();
    expect(f!.method).toBe('froehlich');
    expect(f!.headM).toBe(33);
    expect(f!.volumeM3).toBe(2.6e7);
    expect(f!.targets.map((t) => t.id)).toEqual(['NEAR']);
    expect(f!.targets[0]!.distanceM).toBe(4000);
    expect(f!.targets[0]!.arrivalMin).toBeGreaterThan(0);
    expect(f!.stations[f!.stations.length - 1]!.chainageM).toBe(defaults.routeLengthM);
  });
  it('lists a target beside the channel between two computed sections, at its closest approach', async () => {
    // 125 m past the 4000 m section, 40 m off the channel: outside every section's half-width circle
    // when the flood is narrower than the spacing, but inside the corridor.
    const between = target('BETWEEN', destination(destination(damAt, 180, 4125), 90, 40));
    const narrow = {
      ...defaults,
      defaultChannel: { ...defaults.defaultChannel, bedWidthM: 20, sideSlope: 2 },
    };
    const f = await downstreamFlood(fakeCtx([between]), dam, attrs, damAt, 103, narrow);
    const s = f!.stations.find((x) => x.chainageM === 4000)!;
    expect(s.topWidthM / 2).toBeLessThan(Math.hypot(125, 40));
    expect(s.topWidthM / 2).toBeGreaterThan(40);
    expect(f!.targets.map((t) => [t.id, t.distanceM])).toEqual([['BETWEEN', 4125]]);
  });
  it('cannot route a dam without a channel or a bearing', async () => {
    const { downstreamBearingDeg: _, ...noBearing } = attrs;
    expect(await downstreamFlood(fakeCtx([]), dam, noBearing, damAt, 103, defaults)).toBeNull();
  });
  it('uses Ritter for a concrete dam with a crest length, Froehlich for an embankment', () => {
    expect(breachPeak('concrete_dam', attrs, 30, 2e7, defaults).method).toBe('ritter');
    expect(breachPeak('earth_rock_dam', attrs, 30, 2e7, defaults).method).toBe('froehlich');
  });
});
