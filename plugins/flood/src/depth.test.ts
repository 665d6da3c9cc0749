import { describe, expect, it } from 'vitest';
import { closureAdvice, depthEffect } from './depth.js';

describe('depth effects and closure', () => {
  it('describes the deepest band a depth reaches (NWS 15/30/60 cm)', () => {
    expect(depthEffect(3)).toBeNull();
    expect(depthEffect(10)?.en).toContain('slow down');
    expect(depthEffect(15)?.en).toContain('15 cm');
    expect(depthEffect(45)?.en).toContain('30 cm');
    expect(depthEffect(60)?.en).toContain('60 cm');
  });

  it('closes at the closure depth, prepares when the forecast reaches it, and otherwise not', () => {
    expect(closureAdvice(25, null, 25)).toEqual({ kind: 'close-now' });
    expect(closureAdvice(12, 35, 25)).toEqual({ kind: 'prepare', inMin: 35 });
    expect(closureAdvice(12, null, 25)).toEqual({ kind: 'none' });
  });
});
