import { describe, expect, it } from 'vitest';
import { canConfirm, isDetection, sourceKind } from './confirm.js';

describe('second-source confirmation', () => {
  it('counts a hotspot or a video event of 1 and any mapped burned area as a detection', () => {
    expect(isDetection('hotspot', 0)).toBe(false);
    expect(isDetection('hotspot', 2)).toBe(true);
    expect(isDetection('smoke_flame_video', 1)).toBe(true);
    expect(isDetection('burned_area', 0.02)).toBe(true);
    expect(isDetection('burned_area', 0)).toBe(false);
  });

  it('needs a ground source for a satellite hotspot and a satellite or patrol report for a camera', () => {
    expect(sourceKind('hotspot')).toBe('space');
    expect(canConfirm('hotspot', 'hotspot', true)).toBe(false);
    expect(canConfirm('hotspot', 'smoke_flame_video', true)).toBe(true);
    expect(canConfirm('smoke_flame_video', 'hotspot', true)).toBe(true);
    expect(canConfirm('smoke_flame_video', 'smoke_flame_video', true)).toBe(false);
    expect(canConfirm('hotspot', 'hotspot', false)).toBe(true);
  });
});
