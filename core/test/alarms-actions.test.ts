import { newState } from '@fenghuo/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acknowledgeAlarm, closeAlarm, markFalseAlarm } from '../src/alarms/actions.js';
import { CoreError } from '../src/errors.js';
import type { AlarmEventPayload, WarningEventPayload } from '../src/events.js';
import { applyAndEmit, change, type Seeded, seed, testPlugins } from './alarms-fixtures.js';
import { makeTestCore, type TestCore } from './helpers.js';

describe('operator actions on alarms', () => {
  let core: TestCore;
  let seeded: Seeded;
  const emitted: AlarmEventPayload[] = [];

  beforeAll(async () => {
    core = await makeTestCore('alarm_actions', { plugins: testPlugins() });
    seeded = await seed(core);
    core.bus.on('alarm', (p) => emitted.push(p));
  });
  afterAll(async () => {
    await core.dispose();
  });
  beforeEach(async () => {
    await core.db.query('DELETE FROM notifications');
    await core.db.query('DELETE FROM warnings');
    await core.db.query('DELETE FROM jobs');
    await core.db.query('DELETE FROM archive_events');
    await core.db.query('DELETE FROM alarms');
    emitted.length = 0;
  });

  async function raise(level: 'blue' | 'yellow' = 'blue'): Promise<string> {
    const [p] = await applyAndEmit(core, [change(seeded, null, level, 12, 10, new Date().toISOString())]);
    emitted.length = 0;
    return p!.id;
  }
  const row = async (id: string) =>
    (
      await core.db.query<{
        status: string;
        acknowledged_by: string | null;
        closed_at: Date | null;
        cleared_at: Date | null;
      }>('SELECT status, acknowledged_by, closed_at, cleared_at FROM alarms WHERE id = $1::bigint', [id])
    ).rows[0]!;
  const lastArchive = async (id: string) =>
    (
      await core.db.query<{ kind: string; actor: string; data: Record<string, unknown> }>(
        'SELECT kind, actor, data FROM archive_events WHERE alarm_id = $1::bigint ORDER BY archive_events.id DESC LIMIT 1',
        [id],
      )
    ).rows[0]!;
  const codeOf = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CoreError);
    return {
      code: (err as CoreError).code,
      status: (err as CoreError).status,
      message: (err as CoreError).message,
    };
  };

  it('acknowledges a raised alarm, archives who did it and emits the change', async () => {
    const id = await raise();
    const p = await acknowledgeAlarm(core, 'c1', id, 'duty-officer-wang');
    expect(p).toMatchObject({ id, status: 'acknowledged', level: 'blue' });
    expect(await row(id)).toMatchObject({ status: 'acknowledged', acknowledged_by: 'duty-officer-wang' });
    expect(await lastArchive(id)).toMatchObject({ kind: 'alarm.acknowledged', actor: 'duty-officer-wang' });
    expect(emitted.map((e) => e.status)).toEqual(['acknowledged']);
  });

  it('refuses to acknowledge twice with FH_ALARM_TRANSITION_FORBIDDEN (409)', async () => {
    const id = await raise();
    await acknowledgeAlarm(core, 'c1', id, 'wang');
    expect(await codeOf(acknowledgeAlarm(core, 'c1', id, 'li'))).toMatchObject({
      code: 'FH_ALARM_TRANSITION_FORBIDDEN',
      status: 409,
    });
    expect((await row(id)).acknowledged_by).toBe('wang');
  });

  it('answers FH_ALARM_NOT_FOUND (404) for an alarm of another city or an id that is no alarm', async () => {
    const id = await raise();
    expect(await codeOf(acknowledgeAlarm(core, 'c2', id, 'intruder'))).toMatchObject({
      code: 'FH_ALARM_NOT_FOUND',
      status: 404,
      message: `no alarm ${id} in city c2`,
    });
    expect(await codeOf(closeAlarm(core, 'c1', 'not-a-number', 'x'))).toMatchObject({
      code: 'FH_ALARM_NOT_FOUND',
    });
    expect(await codeOf(markFalseAlarm(core, 'c1', '999999999', 'x'))).toMatchObject({
      code: 'FH_ALARM_NOT_FOUND',
    });
    expect((await row(id)).status).toBe('raised');
  });

  it('closes an alarm only once it has cleared, unless forced', async () => {
    const id = await raise();
    expect(await codeOf(closeAlarm(core, 'c1', id, 'wang'))).toMatchObject({
      code: 'FH_ALARM_NOT_CLEARED',
      status: 409,
    });
    await applyAndEmit(core, [change(seeded, 'blue', null, 1, 10, new Date().toISOString())]);
    const p = await closeAlarm(core, 'c1', id, 'wang', '现场已处置 site made safe');
    expect(p.status).toBe('closed');
    expect((await row(id)).closed_at).not.toBeNull();
    expect(await lastArchive(id)).toMatchObject({
      kind: 'alarm.closed',
      actor: 'wang',
      data: { previousStatus: 'cleared', forced: false, note: '现场已处置 site made safe' },
    });
    expect(await codeOf(closeAlarm(core, 'c1', id, 'wang'))).toMatchObject({
      code: 'FH_ALARM_TRANSITION_FORBIDDEN',
    });
  });

  it('force-closes an open alarm and forgets its rules state so a value still high raises a new alarm', async () => {
    const id = await raise();
    const entry = core.sensors.bySidGet(seeded.sid.s1)!.metrics.get('ch4')!;
    entry.state = newState(1);
    const p = await closeAlarm(core, 'c1', id, 'wang', undefined, { force: true });
    expect(p.status).toBe('closed');
    expect(await row(id)).toMatchObject({ status: 'closed' });
    expect((await row(id)).cleared_at).not.toBeNull();
    expect((await lastArchive(id)).data).toMatchObject({ previousStatus: 'raised', forced: true });
    expect(entry.state).toBeNull();
    // The rules, starting afresh, report a raise: it becomes a new alarm.
    const [again] = await applyAndEmit(core, [
      change(seeded, null, 'blue', 12, 10, new Date().toISOString()),
    ]);
    expect(again!.id).not.toBe(id);
    expect(again!.status).toBe('raised');
  });

  it('marks an acknowledged alarm false, lifts its warning, resets the rules state, and refuses it once closed', async () => {
    const id = await raise('yellow');
    await acknowledgeAlarm(core, 'c1', id, 'wang');
    await core.db.query(
      `INSERT INTO warnings (city_id, alarm_id, risk_type, object_id, tier, title_zh, title_en, body_zh, body_en,
                             instructions_zh, instructions_en)
       VALUES ('c1', $1::bigint, 'test-gas', 'well-1', 'yellow', '标题', 'Title', '正文', 'Body', '指引', 'Do')`,
      [id],
    );
    const warnings: WarningEventPayload[] = [];
    core.bus.on('warning', (w) => warnings.push(w));
    const entry = core.sensors.bySidGet(seeded.sid.s1)!.metrics.get('ch4')!;
    entry.state = newState(2);
    const p = await markFalseAlarm(core, 'c1', id, 'li', '传感器故障 faulty cell');
    expect(p.status).toBe('false_alarm');
    expect(entry.state).toBeNull();
    const kinds = (
      await core.db.query<{ kind: string; actor: string }>(
        'SELECT kind, actor FROM archive_events WHERE alarm_id = $1::bigint ORDER BY archive_events.id',
        [id],
      )
    ).rows.map((r) => `${r.kind} by ${r.actor}`);
    expect(kinds).toEqual([
      'alarm.raised by system',
      'alarm.acknowledged by wang',
      'alarm.false_alarm by li',
      'warning.lifted by li',
      'notify.in_app by system',
    ]);
    const w = (
      await core.db.query<{ status: string; lifted_by: string }>('SELECT status, lifted_by FROM warnings')
    ).rows[0];
    expect(w).toEqual({ status: 'lifted', lifted_by: 'li' });
    expect(warnings).toHaveLength(1);
    // Yellow reaches the owner unit and the city's departments.
    const units = (
      await core.db.query<{ unit_id: string }>('SELECT unit_id FROM notifications ORDER BY unit_id')
    ).rows;
    expect(units.map((u) => u.unit_id)).toEqual(['emergency', 'gasco', 'gov']);

    expect(await codeOf(markFalseAlarm(core, 'c1', id, 'li'))).toMatchObject({
      code: 'FH_ALARM_TRANSITION_FORBIDDEN',
    });
  });

  it('may acknowledge a cleared alarm nobody acknowledged, keeping it cleared', async () => {
    const id = await raise();
    await applyAndEmit(core, [change(seeded, 'blue', null, 1, 10, new Date().toISOString())]);
    const p = await acknowledgeAlarm(core, 'c1', id, 'zhao');
    expect(p.status).toBe('cleared');
    expect(await row(id)).toMatchObject({ status: 'cleared', acknowledged_by: 'zhao' });
  });
});
