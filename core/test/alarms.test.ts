import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyLevelChanges } from '../src/alarms/apply.js';
import { applyAndEmit, change, type Seeded, seed, testPlugins } from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

interface AlarmDb {
  id: string;
  status: string;
  level: string;
  max_level: string;
  value: number;
  limit_value: number;
  reading_ts: Date;
  cleared_at: Date | null;
  kind: string;
}

describe('applyLevelChanges', () => {
  let core: TestCore;
  let seeded: Seeded;

  beforeAll(async () => {
    core = await makeTestCore('alarms', { plugins: testPlugins() });
    seeded = await seed(core);
  });
  afterAll(async () => {
    await core.dispose();
  });
  beforeEach(async () => {
    await core.db.query('DELETE FROM jobs');
    await core.db.query('DELETE FROM archive_events');
    await core.db.query('DELETE FROM alarms');
  });

  const alarms = async () =>
    (
      await core.db.query<AlarmDb>(
        'SELECT id::text, status, level, max_level, value, limit_value, reading_ts, cleared_at, kind FROM alarms ORDER BY alarms.id',
      )
    ).rows;
  const archive = async () =>
    (
      await core.db.query<{
        id: string;
        alarm_id: string;
        kind: string;
        actor: string;
        data: Record<string, unknown>;
      }>('SELECT id::text, alarm_id::text, kind, actor, data FROM archive_events ORDER BY archive_events.id')
    ).rows;
  const jobs = async () =>
    (
      await core.db.query<{ name: string; data: Record<string, string> }>(
        'SELECT name, data FROM jobs ORDER BY jobs.id',
      )
    ).rows;

  it('raises a new alarm with its level, archives the raise and enqueues notify and analyze jobs', async () => {
    const payloads = await applyAndEmit(core, [
      change(seeded, null, 'yellow', 22, 20, '2026-11-29T08:00:00.000Z'),
    ]);
    const [a] = await alarms();
    expect(a).toMatchObject({
      status: 'raised',
      level: 'yellow',
      max_level: 'yellow',
      value: 22,
      limit_value: 20,
      kind: 'threshold',
    });
    expect(new Date(a!.reading_ts).toISOString()).toBe('2026-11-29T08:00:00.000Z');
    const [ev] = await archive();
    expect(ev).toMatchObject({ alarm_id: a!.id, kind: 'alarm.raised', actor: 'system' });
    expect(ev!.data).toMatchObject({
      level: 'yellow',
      previousLevel: null,
      value: 22,
      limit: 20,
      cause: 'value',
      sensor: 'S1',
    });
    expect(await jobs()).toEqual([
      { name: 'notify', data: { alarmId: a!.id, change: 'raised', eventId: ev!.id } },
      { name: 'analyze', data: { alarmId: a!.id, eventId: ev!.id } },
    ]);
    expect(payloads).toEqual([
      expect.objectContaining({
        id: a!.id,
        city: 'c1',
        sensorId: 'S1',
        objectId: 'well-1',
        riskType: 'test-gas',
        metric: 'ch4',
        level: 'yellow',
        previousLevel: null,
        status: 'raised',
        value: 22,
        limit: 20,
        ts: '2026-11-29T08:00:00.000Z',
      }),
    ]);
  });

  it('steps an open alarm up and down, keeps the highest level reached, and analyses only on the way up', async () => {
    await applyAndEmit(core, [change(seeded, null, 'blue', 12, 10, '2026-11-29T08:00:00Z')]);
    await applyAndEmit(core, [change(seeded, 'blue', 'orange', 33, 30, '2026-11-29T08:00:10Z')]);
    let [a] = await alarms();
    expect(a).toMatchObject({
      status: 'raised',
      level: 'orange',
      max_level: 'orange',
      value: 33,
      limit_value: 30,
    });
    await core.db.query('DELETE FROM jobs');
    const down = await applyAndEmit(core, [
      change(seeded, 'orange', 'yellow', 25, 20, '2026-11-29T08:00:20Z'),
    ]);
    [a] = await alarms();
    expect(a).toMatchObject({
      status: 'raised',
      level: 'yellow',
      max_level: 'orange',
      value: 25,
      limit_value: 20,
    });
    expect(down[0]).toMatchObject({ level: 'yellow', previousLevel: 'orange', status: 'raised' });
    expect((await archive()).map((e) => e.kind)).toEqual([
      'alarm.raised',
      'alarm.stepped_up',
      'alarm.stepped_down',
    ]);
    expect((await jobs()).map((j) => [j.name, j.data.change])).toEqual([['notify', 'stepped']]);
  });

  it('clears the alarm when its level is left, archiving the clearing reading and notifying without analysis', async () => {
    await applyAndEmit(core, [change(seeded, null, 'blue', 12, 10, '2026-11-29T08:00:00Z')]);
    await core.db.query('DELETE FROM jobs');
    const [p] = await applyAndEmit(core, [change(seeded, 'blue', null, 3, 10, '2026-11-29T08:01:00Z')]);
    const [a] = await alarms();
    expect(a!.status).toBe('cleared');
    expect(a!.cleared_at).not.toBeNull();
    expect(a!.level).toBe('blue');
    const ev = (await archive()).at(-1)!;
    expect(ev).toMatchObject({ kind: 'alarm.cleared' });
    expect(ev.data).toMatchObject({ value: 3, ts: '2026-11-29T08:01:00.000Z' });
    expect(p).toMatchObject({ status: 'cleared', level: 'blue', previousLevel: 'blue', value: 3 });
    expect(await jobs()).toEqual([
      { name: 'notify', data: { alarmId: a!.id, change: 'cleared', eventId: ev.id } },
    ]);
  });

  it('treats a raise that finds an open alarm (the rules state was lost in a restart) as a step of that alarm', async () => {
    await applyAndEmit(core, [change(seeded, null, 'blue', 12, 10, '2026-11-29T08:00:00Z')]);
    const payloads = await applyAndEmit(core, [change(seeded, null, 'red', 55, 50, '2026-11-29T08:00:10Z')]);
    const rows = await alarms();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ level: 'red', max_level: 'red', status: 'raised' });
    expect(payloads[0]).toMatchObject({ previousLevel: 'blue', level: 'red' });
    expect((await archive()).map((e) => e.kind)).toEqual(['alarm.raised', 'alarm.stepped_up']);
    // The same level again changes nothing.
    expect(await applyAndEmit(core, [change(seeded, null, 'red', 56, 50, '2026-11-29T08:00:20Z')])).toEqual(
      [],
    );
  });

  it('raises a new alarm when a step finds none open (an operator closed the last one)', async () => {
    await applyAndEmit(core, [change(seeded, null, 'blue', 12, 10, '2026-11-29T08:00:00Z')]);
    await core.db.query("UPDATE alarms SET status = 'closed'");
    await applyAndEmit(core, [change(seeded, 'blue', 'yellow', 21, 20, '2026-11-29T08:00:10Z')]);
    const rows = await alarms();
    expect(rows.map((r) => [r.status, r.level])).toEqual([
      ['closed', 'blue'],
      ['raised', 'yellow'],
    ]);
    // A clear with no open alarm is nothing to do.
    await core.db.query("UPDATE alarms SET status = 'closed'");
    expect(await applyAndEmit(core, [change(seeded, 'yellow', null, 1, 20, '2026-11-29T08:00:20Z')])).toEqual(
      [],
    );
  });

  it('applies a burst for several sensors in one call: one payload per step, in order, one analysis per alarm', async () => {
    const payloads = await applyAndEmit(core, [
      change(seeded, null, 'blue', 12, 10, '2026-11-29T08:00:00Z', 's1'),
      change(seeded, null, 'alarm', 6, 5, '2026-11-29T08:00:00Z', 's2'),
      change(seeded, 'blue', 'orange', 31, 30, '2026-11-29T08:00:01Z', 's1'),
      change(seeded, null, 'yellow', 21, 20, '2026-11-29T08:00:00Z', 'x1'),
      change(seeded, 'alarm', null, 1, 5, '2026-11-29T08:00:02Z', 's2'),
      change(seeded, null, 'red', 60, 50, '2026-11-29T08:00:03Z', 's2'),
    ]);
    expect(payloads.map((p) => [p.sensorId, p.previousLevel, p.level, p.status])).toEqual([
      ['S1', null, 'blue', 'raised'],
      ['S2', null, 'alarm', 'raised'],
      ['S1', 'blue', 'orange', 'raised'],
      ['X1', null, 'yellow', 'raised'],
      ['S2', 'alarm', 'alarm', 'cleared'],
      ['S2', null, 'red', 'raised'],
    ]);
    const rows = await alarms();
    expect(rows.map((r) => [r.status, r.level, r.max_level])).toEqual([
      ['raised', 'orange', 'orange'],
      ['cleared', 'alarm', 'alarm'],
      ['raised', 'yellow', 'yellow'],
      ['raised', 'red', 'red'],
    ]);
    // Payload ids name the alarms in the table.
    expect(payloads[0]!.id).toBe(rows[0]!.id);
    expect(payloads[4]!.id).toBe(rows[1]!.id);
    expect(payloads[5]!.id).toBe(rows[3]!.id);
    const ev = await archive();
    expect(ev.map((e) => [e.alarm_id, e.kind])).toEqual(payloads.map((p, i) => [p.id, ev[i]!.kind]));
    const j = await jobs();
    expect(j.filter((x) => x.name === 'notify')).toHaveLength(6);
    // S1 analysed once for its last step up, X1 and the second S2 alarm once each; the cleared one not at all.
    expect(
      j
        .filter((x) => x.name === 'analyze')
        .map((x) => x.data.alarmId)
        .sort(),
    ).toEqual([rows[0]!.id, rows[2]!.id, rows[3]!.id].sort());
    expect(j.find((x) => x.name === 'analyze' && x.data.alarmId === rows[0]!.id)!.data.eventId).toBe(
      ev[2]!.id,
    );
  });

  it('keeps one open alarm per sensor and metric when two transactions raise it at the same time', async () => {
    const raise = (v: number) =>
      core.db.tx((q) =>
        applyLevelChanges(core, q, [change(seeded, null, 'blue', v, 10, '2026-11-29T08:00:00Z')]),
      );
    const [a, b] = await Promise.all([raise(11), raise(12)]);
    const rows = await alarms();
    expect(rows).toHaveLength(1);
    // One raised it; the other found it open and, at the same level, changed nothing.
    expect([...a, ...b].map((p) => p.status)).toEqual(['raised']);
  });

  it('does nothing and writes nothing for an empty list of changes', async () => {
    expect(await core.db.tx((q) => applyLevelChanges(core, q, []))).toEqual([]);
    expect(await alarms()).toEqual([]);
    expect(await jobs()).toEqual([]);
  });
});
