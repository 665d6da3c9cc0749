/** The English warning texts read as English: names inside sentences, counts with their nouns, lists with "and". */
import { type Fixture, loadFixtures, runScenario } from '@fenghuo/sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const fixture = (file: string): Fixture => {
  const [f] = loadFixtures(new URL(`./fixtures/${file}`, import.meta.url));
  if (!f) throw new Error(`fixture ${file} missing`);
  return f;
};

describe('old-building English texts', () => {
  it('lists the exceeding signals in lower case with "and", and says "1 tier", "4 kinds"', async () => {
    const r = await runScenario(plugin, fixture('incident-shop-house-tilt-crack-settlement.json'));
    const w = r.warnings[0]!;
    expect(w.body.en).toMatch(
      /danger class C: [a-z][a-z /]+(, [a-z][a-z /]+)* and [a-z][a-z /]+ are beyond their limits; the trigger, [a-z]/,
    );
    const findings = w.findings.map((f) => f.en).join('\n');
    expect(findings).toContain('(at most 1 tier up)');
    expect(findings).toContain('from 4 kinds of signal');
    expect(findings).toContain('32 people inside the building (6 of them elderly');
    expect(findings).toContain('Hefang Street (10 m) and Hefang Kindergarten (17 m, 120 people)');
    const all = [w.body.en, findings, ...w.actions.map((a) => a.en)].join('\n');
    expect(all).not.toMatch(/\(s\)|\b1 tiers\b|, (Crack|Building|Settlement)\b/);
    expect(w.actions[0]?.en).toContain('(20 Hefang Street house, Hefang Street and Hefang Kindergarten)');
  });

  it('says "is beyond its limit" for one signal and checks its readings by name', async () => {
    const r = await runScenario(plugin, fixture('incident-blasting-near-heritage-gate.json'));
    const w = r.warnings[0]!;
    expect(w.body.en).toMatch(
      /^Fengshan Water Gate, built 1368, brick-and-timber, heritage building, danger class B: peak particle velocity is beyond its limit; the trigger, peak particle velocity, read /,
    );
    expect(w.body.en).toContain('; 40 people inside;');
    expect(w.actions.map((a) => a.en)).toContain(
      'Check the peak particle velocity readings (rule out sensor faults and temperature effects) and sample at least hourly',
    );
  });
});
