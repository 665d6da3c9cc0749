import { describe, expect, it } from 'vitest';
import { crowdActions, publicChannels } from './actions.js';

const base = { kind: 'square_street' as const, lowered: false, divertTo: [], minutesToRed: null };

describe('crowd actions', () => {
  it('keeps the public out of blue and yellow warnings', () => {
    const all = crowdActions({ ...base, tier: 'yellow' })
      .map((a) => a.en)
      .join(' ');
    expect(all).not.toMatch(/screens|broadcast/);
    expect(all).toMatch(/batches/);
  });

  it('recommends screens and broadcast at orange, and cell broadcast at red, strongest first', () => {
    const orange = crowdActions({ ...base, tier: 'orange' });
    expect(orange[0]?.en).toMatch(/Suspend entry/);
    expect(orange.some((a) => a.en.includes('on-site screens, public-address broadcast'))).toBe(true);
    const red = crowdActions({ ...base, tier: 'red' });
    expect(red[0]?.en).toMatch(/Stop all entry/);
    expect(red[1]?.en).toMatch(/cell broadcast/);
    expect(publicChannels('blue').en).toMatch(/no public release/);
  });

  it('adds station measures, a red countdown and diversion where they apply', () => {
    const a = crowdActions({
      tier: 'orange',
      kind: 'transit_hub',
      lowered: true,
      divertTo: [{ zh: '西广场', en: 'West Square' }],
      minutesToRed: 12.4,
    }).map((x) => x.en);
    expect(a).toContain(
      'Queue passengers outside the station; ask the operator to run trains through or add trains',
    );
    expect(a.some((x) => x.includes('about 12 min away'))).toBe(true);
    expect(a).toContain('Divert people towards West Square');
    expect(a.some((x) => x.includes('stairs'))).toBe(true);
  });
});
