import { describe, expect, it } from 'vitest';
import { FenghuoError } from '../errors.js';
import { assertScenario, checkExpectations, describeScenario } from './expect.js';
import type { Fixture } from './fixture.js';
import { runScenario } from './run.js';
import { scene, series, toy } from './toy-plugin.test-util.js';

/** GAS-1 rises to red and stays (warning W1 red); GAS-2 spikes to orange and clears (no warning). */
const readings = [...series('GAS-1', 'ch4', [12, 22, 27, 55]), ...series('GAS-2', 'ch4', [3, 30, 1])];
const outcome = () => runScenario(toy, scene(readings));

describe('checkExpectations', () => {
  it('finds nothing wrong when alarms and warnings are as expected', async () => {
    const expected: Fixture['expect'] = {
      alarms: [
        { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'red', status: 'open' },
        { sensor: 'GAS-2', metric: 'ch4', maxLevel: 'orange', status: 'cleared' },
      ],
      warnings: [
        {
          object: 'VW-1',
          tier: 'red',
          targets: ['SCH-1'],
          findingsInclude: ['LIKELY LEAK', '邻近传感器GAS-2'],
        },
      ],
    };
    expect(checkExpectations(await outcome(), expected)).toEqual([]);
  });

  it('reports a wrong maximum level and status with what did happen', async () => {
    const problems = checkExpectations(await outcome(), {
      alarms: [
        { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'orange' },
        { sensor: 'GAS-2', metric: 'ch4', status: 'open' },
      ],
    });
    expect(problems).toEqual([
      'alarm on GAS-1 ch4 reached red, expected orange: A1 on GAS-1 ch4 (blue → yellow → orange → red; max red; open)',
      'alarm on GAS-2 ch4 is cleared, expected open: A2 on GAS-2 ch4 (orange → clear; max orange; cleared)',
    ]);
  });

  it('treats alarms as an exact set: missing and unexpected ones are both problems', async () => {
    const problems = checkExpectations(await outcome(), {
      alarms: [
        { sensor: 'GAS-1', metric: 'ch4' },
        { sensor: 'PRS-1', metric: 'pressure', maxLevel: 'yellow' },
      ],
    });
    expect(problems).toEqual([
      'expected an alarm on PRS-1 pressure reaching yellow, but none was raised',
      'unexpected alarm: A2 on GAS-2 ch4 (orange → clear; max orange; cleared)',
    ]);
    expect(checkExpectations(await outcome(), { alarms: [] })).toHaveLength(2);
  });

  it('checks successive alarms of one sensor one by one when the expectation lists them', async () => {
    const r = await runScenario(toy, scene(series('GAS-1', 'ch4', [12, 1, 60, 1, 30])));
    expect(
      checkExpectations(r, {
        alarms: [
          { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'blue', status: 'cleared' },
          { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'red', status: 'cleared' },
          { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'orange', status: 'open' },
        ],
      }),
    ).toEqual([]);
    // One expectation speaks for all of them: the highest level, the latest status.
    expect(
      checkExpectations(r, { alarms: [{ sensor: 'GAS-1', metric: 'ch4', maxLevel: 'red', status: 'open' }] }),
    ).toEqual([]);
    expect(
      checkExpectations(r, {
        alarms: [
          { sensor: 'GAS-1', metric: 'ch4' },
          { sensor: 'GAS-1', metric: 'ch4' },
        ],
      })[0],
    ).toMatch(/^expected 2 alarms on GAS-1 ch4, got 3: A1 on GAS-1 ch4 \(blue → clear/);
  });

  it('explains why a warning does not fit: tier, missing targets, findings', async () => {
    const problems = checkExpectations(await outcome(), {
      warnings: [{ object: 'VW-1', tier: 'orange', targets: ['SCH-1', 'PARK-1'], findingsInclude: ['fire'] }],
    });
    expect(problems).toEqual([
      'expected a warning on VW-1 (orange); W1 does not fit: its tier is red, not orange; its targets lack PARK-1 (it lists SCH-1, HOS-1); no finding contains "fire" (findings: "Methane stays above the alarm level: likely leak", "Neighbour GAS-2 at 96 m")',
    ]);
  });

  it('counts warnings exactly: none expected, none on the object, one too many', async () => {
    const r = await outcome();
    expect(checkExpectations(r, { warnings: [] })).toEqual([
      'expected 0 warning(s), got 1: W1 on VW-1 (red, active, revision 2; targets SCH-1, HOS-1)',
    ]);
    expect(
      checkExpectations(r, { warnings: [{ object: 'VW-1' }, { object: 'VW-2', tier: 'orange' }] }),
    ).toEqual([
      'expected 2 warning(s), got 1: W1 on VW-1 (red, active, revision 2; targets SCH-1, HOS-1)',
      'expected a warning on VW-2 (orange), but there is none on VW-2',
    ]);
  });

  it('matches each expectation to a distinct warning, whatever the order', async () => {
    const r = await runScenario(
      toy,
      scene([...series('GAS-1', 'ch4', [12, 22, 27]), ...series('GAS-2', 'ch4', [12, 22, 27, 55], 3)]),
    );
    expect(r.warnings.map((w) => [w.object, w.tier])).toEqual([
      ['VW-1', 'orange'],
      ['VW-2', 'red'],
    ]);
    expect(checkExpectations(r, { warnings: [{ object: 'VW-2', tier: 'red' }, { object: 'VW-1' }] })).toEqual(
      [],
    );
    expect(checkExpectations(r, { warnings: [{ object: 'VW-1' }, { object: 'VW-1' }] })).toEqual([
      'expected another warning on VW-1; the one(s) there already meet other expectations',
    ]);
  });

  it('always reports an analysis that failed', async () => {
    const r = await runScenario(
      {
        ...toy,
        analyze: () => {
          throw new Error('no wind data');
        },
      },
      scene(series('GAS-1', 'ch4', [30])),
    );
    expect(checkExpectations(r, { alarms: [{ sensor: 'GAS-1', metric: 'ch4' }] })).toEqual([
      'analyze failed on alarm A1 at orange (2026-11-29T08:00:00Z): no wind data',
    ]);
  });
});

describe('assertScenario', () => {
  it('resolves to the result when all is as expected', async () => {
    const f = scene(readings, {
      alarms: [
        { sensor: 'GAS-1', metric: 'ch4', maxLevel: 'red' },
        { sensor: 'GAS-2', metric: 'ch4', maxLevel: 'orange' },
      ],
      warnings: [{ object: 'VW-1', tier: 'red' }],
    });
    const r = await assertScenario(toy, f);
    expect(r.warnings).toHaveLength(1);
  });

  it('throws one readable error listing every problem and what happened', async () => {
    const f = {
      ...scene(readings, { alarms: [{ sensor: 'GAS-1', metric: 'ch4', maxLevel: 'yellow' }], warnings: [] }),
      name: 'a leak',
    };
    const err = await assertScenario(toy, f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FenghuoError);
    const fe = err as FenghuoError;
    expect(fe.code).toBe('FH_SDK_SCENARIO_FAILED');
    expect(fe.details).toHaveLength(3);
    expect(fe.message).toContain('scenario "a leak" did not go as expected:');
    expect(fe.message).toContain('  - alarm on GAS-1 ch4 reached red, expected yellow');
    expect(fe.message).toContain('  - unexpected alarm: A2 on GAS-2 ch4');
    expect(fe.message).toContain('  - expected 0 warning(s), got 1');
    expect(fe.message).toContain('what happened: 7 reading(s) stored, 0 value(s) rejected');
    expect(fe.message).toContain('#3 2026-11-29T08:03:00Z GAS-1 ch4: alarm A1 orange → red (ch4 55 past 50)');
    expect(fe.message).toContain(
      'W1 findings: Methane stays above the alarm level: likely leak | Neighbour GAS-2 at 96 m',
    );
  });
});

describe('describeScenario', () => {
  it('summarises alarms, warnings and a bounded timeline', async () => {
    const text = describeScenario(await outcome(), 3);
    expect(text.split('\n')).toEqual([
      'what happened: 7 reading(s) stored, 0 value(s) rejected',
      '  alarms: A1 on GAS-1 ch4 (blue → yellow → orange → red; max red; open); A2 on GAS-2 ch4 (orange → clear; max orange; cleared)',
      '  warnings: W1 on VW-1 (red, active, revision 2; targets SCH-1, HOS-1)',
      '    W1 findings: Methane stays above the alarm level: likely leak | Neighbour GAS-2 at 96 m',
      '  timeline:',
      '    #0 2026-11-29T08:00:00Z GAS-1 ch4: alarm A1 raised at blue (ch4 12 past 10)',
      '    #0 2026-11-29T08:00:00Z GAS-1 ch4: analyze on A1 at blue → tier none, 0 target(s), 1 finding(s)',
      '    #1 2026-11-29T08:01:00Z GAS-1 ch4: alarm A1 blue → yellow (ch4 22 past 20)',
      '    … 10 more',
    ]);
  });
});
