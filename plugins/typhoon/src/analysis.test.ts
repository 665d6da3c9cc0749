import { describe, expect, it } from 'vitest';
import { observe } from './analysis.js';
import { defaults } from './definition.js';
import type { Station } from './scene.js';

const st = (id: string, at: [number, number], mean: number[], gust: number[]): Station => ({
  id,
  objectId: id,
  at,
  mean,
  gust,
  rain24h: null,
});

describe('observe (station winds)', () => {
  it('calls a lone gust at one station a spike and gives it no tier', () => {
    const [o] = observe([st('A', [121.6, 29.9], [4, 4.5, 4], [8, 26, 9])], defaults);
    expect(o).toMatchObject({ tier: null, spike: true });
  });

  it('counts the same gust when a second station nearby also gusts at level 8', () => {
    const out = observe(
      [st('A', [121.6, 29.9], [4, 4.5, 4], [8, 9, 26]), st('B', [121.7, 29.9], [6, 7], [15, 18])],
      defaults,
    );
    expect(out[0]).toMatchObject({ tier: 'yellow', spike: false, gustUsed: 26 });
  });

  it('needs the mean wind held for sustainSamples samples', () => {
    expect(observe([st('A', [121.6, 29.9], [9, 12], [])], defaults)[0]?.tier).toBeNull();
    expect(observe([st('A', [121.6, 29.9], [11, 12], [])], defaults)[0]?.tier).toBe('blue');
    expect(observe([st('A', [121.6, 29.9], [33, 34], [])], defaults)[0]?.tier).toBe('red');
  });
});
