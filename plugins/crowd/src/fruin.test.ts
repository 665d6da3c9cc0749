import { describe, expect, it } from 'vitest';
import { describeLos, fruinLos } from './fruin.js';

describe('Fruin levels of service', () => {
  it('places walkway densities on the converted ft²/person bounds', () => {
    expect(fruinLos(0.2, 'walkway')).toBe('A');
    expect(fruinLos(0.31, 'walkway')).toBe('B');
    expect(fruinLos(0.6, 'walkway')).toBe('C');
    expect(fruinLos(1.0, 'walkway')).toBe('D');
    expect(fruinLos(2.0, 'walkway')).toBe('E');
    expect(fruinLos(2.17, 'walkway')).toBe('F');
  });

  it('places queuing densities on their own, looser bounds', () => {
    expect(fruinLos(0.5, 'queuing')).toBe('A');
    expect(fruinLos(1.6, 'queuing')).toBe('D');
    expect(fruinLos(4, 'queuing')).toBe('E');
    expect(fruinLos(5.3, 'queuing')).toBe('F');
  });

  it('names the table that fits the crowd first', () => {
    expect(describeLos(2.5, 'moving').en).toMatch(/^Density 2.50 p\/m²: Fruin walkway LOS F/);
    expect(describeLos(2.5, 'standing').en).toMatch(/Fruin queuing LOS D/);
  });
});
