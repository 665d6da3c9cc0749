/**
 * Two cores on one PostgreSQL schema stand for two `serve` processes: a change announced by one reaches
 * the other's sensor cache through LISTEN/NOTIFY. (Embedded mode has one process: nothing to sync.)
 */
import { levelIndex, newState } from '@fenghuo/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../src/app.js';
import { startBusBridge } from '../src/bus-bridge.js';
import type { Core } from '../src/core.js';
import { announce, type SensorSync, startSensorSync } from '../src/rules/sync.js';
import { makeTestCore, type TestCore } from './helpers.js';
import { seedCity, testRegistry } from './support/plugin.js';

describe.runIf(process.env.DATABASE_URL)('sensor changes across processes', () => {
  let a: TestCore;
  let b: Core;
  let syncB: SensorSync;
  const blue = (core: Core) =>
    core.sensors.get('c1', 'S1')?.metrics.get('ch4')?.th?.limits[levelIndex('blue')];

  beforeAll(async () => {
    a = await makeTestCore('sync', { plugins: testRegistry(), config: { runJobs: false } });
    await seedCity(a.db, 'c1', 3);
    await a.sensors.reload();
    b = await createCore(a.config, { plugins: testRegistry(), logger: pino({ level: 'silent' }) });
    syncB = await startSensorSync(b);
  });
  afterAll(async () => {
    await syncB?.stop();
    await b?.db.close();
    await a?.dispose();
  });

  it('reloads the other process when a city override is announced', async () => {
    expect(blue(b)).toBe(10);
    await a.db.query(
      `INSERT INTO threshold_overrides (city_id, risk_type, metric, levels) VALUES ('c1', 'test-gas', 'ch4', '{"blue": 12}')`,
    );
    await announce(a, { kind: 'reload', city: 'c1' });
    expect(blue(a)).toBe(12);
    await expect.poll(() => blue(b), { timeout: 5000 }).toBe(12);
  });

  it('resets the rule state of a sensor and metric in the other process', async () => {
    const sid = b.sensors.get('c1', 'S2')!.sid;
    const m = b.sensors.get('c1', 'S2')!.metrics.get('ch4')!;
    m.state = newState(levelIndex('orange'));
    await announce(a, { kind: 'reset', sid, metric: 'ch4' });
    await expect
      .poll(() => b.sensors.get('c1', 'S2')!.metrics.get('ch4')!.state, { timeout: 5000 })
      .toBeNull();
  });

  it('relays alarm and warning events to the other process, once, without echo', async () => {
    const bridgeA = await startBusBridge(a);
    const bridgeB = await startBusBridge(b);
    try {
      const onB: string[] = [];
      const onA: string[] = [];
      b.bus.on('alarm', (p) => onB.push(`alarm ${p.id}`));
      b.bus.on('warning', (p) => onB.push(`warning ${p.id}`));
      a.bus.on('alarm', (p) => onA.push(`alarm ${p.id}`));
      a.bus.emit('alarm', {
        id: '77',
        city: 'c1',
        sensorId: 'S1',
        objectId: 'VW1',
        riskType: 'test-gas',
        metric: 'ch4',
        level: 'red',
        previousLevel: null,
        status: 'raised',
        value: 60,
        limit: 50,
        ts: new Date().toISOString(),
        storedAtMs: Date.now(),
      });
      a.bus.emit('warning', { id: '5', city: 'c1', alarmId: '77', tier: 'red', revision: 1 });
      await expect.poll(() => onB, { timeout: 5000 }).toEqual(['alarm 77', 'warning 5']);
      await new Promise((r) => setTimeout(r, 300));
      expect(onA).toEqual(['alarm 77']);
      expect(onB).toHaveLength(2);
    } finally {
      await bridgeA.stop();
      await bridgeB.stop();
    }
  });
});
