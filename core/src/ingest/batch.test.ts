import { compileThreshold } from '@fenghuo/sdk';
import { describe, expect, it } from 'vitest';
import type { SensorCache, SensorEntry } from '../rules/sensors.js';
import { emptyBatch, type Rejection, validateReadings } from './batch.js';

const sensor: SensorEntry = {
  sid: 7,
  city: 'demo',
  id: 'GAS-0001',
  objectId: 'VW-1',
  riskType: 'gas-pipeline',
  intervalSec: 60,
  decoder: null,
  metrics: new Map([
    [
      'ch4',
      {
        key: 'ch4',
        id: 1,
        min: 0,
        max: 100,
        th: compileThreshold({ direction: 'rising', levels: { blue: 10 } }),
        thKey: 'ch4',
        state: null,
      },
    ],
    ['pressure', { key: 'pressure', id: 2, min: 0, max: 4, th: null, thKey: '', state: null }],
  ]),
};
const cache = {
  get: (city: string, id: string) => (city === 'demo' && id === 'GAS-0001' ? sensor : undefined),
} as unknown as SensorCache;
const now = Date.parse('2026-11-29T08:00:00Z');
const opts = { city: 'demo', nowMs: now, futureToleranceMs: 300_000, maxAgeMs: 30 * 86_400_000 };

function run(items: unknown[]) {
  const out = emptyBatch(1);
  const rejected: Rejection[] = [];
  validateReadings(cache, items, opts, out, rejected);
  return { out, rejected };
}

describe('validateReadings', () => {
  it('accepts every metric of a good reading as its own row', () => {
    const { out, rejected } = run([
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:00Z', values: { ch4: 12.5, pressure: 0.3 } },
    ]);
    expect(rejected).toEqual([]);
    expect(out.length).toBe(2);
    expect([...out.metric.subarray(0, 2)]).toEqual([1, 2]);
    expect(out.ts[0]).toBe(Date.parse('2026-11-29T07:59:00Z'));
    expect([...out.value.subarray(0, 2)]).toEqual([12.5, 0.3]);
  });

  it('rejects each bad reading by index with its reason and keeps the good ones beside it', () => {
    const { out, rejected } = run([
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:00Z', values: { ch4: 1 } },
      { sensor: 'NOPE', ts: '2026-11-29T07:59:00Z', values: { ch4: 1 } },
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:00Z', values: { ch5: 1 } },
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:00Z', values: { ch4: '12' } },
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:00Z', values: { ch4: 101 } },
      { sensor: 'GAS-0001', values: { ch4: 1 } },
      { sensor: 'GAS-0001', ts: '2026-11-29T09:00:00Z', values: { ch4: 1 } },
      { sensor: 'GAS-0001', ts: 'yesterday', values: { ch4: 1 } },
      { sensor: 'GAS-0001', ts: '2026-01-01T00:00:00Z', values: { ch4: 1 } },
      42,
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:01Z', values: {} },
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:02Z', values: { ch4: null } },
      { sensor: 'GAS-0001', ts: '2026-11-29T07:59:03+08:00', values: { ch4: 2 } },
    ]);
    expect(rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'FH_INGEST_UNKNOWN_SENSOR'],
      [2, 'FH_INGEST_UNKNOWN_METRIC'],
      [3, 'FH_INGEST_VALUE_TYPE'],
      [4, 'FH_INGEST_VALUE_OUT_OF_RANGE'],
      [5, 'FH_INGEST_TS_MISSING'],
      [6, 'FH_INGEST_TS_FUTURE'],
      [7, 'FH_INGEST_TS_INVALID'],
      [8, 'FH_INGEST_TS_TOO_OLD'],
      [9, 'FH_INGEST_READING_INVALID'],
      [10, 'FH_INGEST_READING_INVALID'],
      [11, 'FH_INGEST_VALUE_TYPE'],
    ]);
    expect(rejected[1]).toMatchObject({ sensor: 'GAS-0001', metric: 'ch5' });
    expect(out.length).toBe(2);
    expect(out.ts[1]).toBe(Date.parse('2026-11-28T23:59:03Z'));
  });

  it('does not let a reading name another sensor than its MQTT topic', () => {
    const out = emptyBatch(1);
    const rejected: Rejection[] = [];
    validateReadings(
      cache,
      [{ sensor: 'OTHER', ts: '2026-11-29T07:59:00Z', values: { ch4: 1 } }],
      { ...opts, sensorFromTopic: 'GAS-0001' },
      out,
      rejected,
    );
    expect(rejected[0]?.code).toBe('FH_INGEST_READING_INVALID');
    expect(out.length).toBe(0);
  });

  it('grows its columns beyond the initial capacity', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      sensor: 'GAS-0001',
      ts: new Date(now - 1000 * (i + 1)).toISOString(),
      values: { ch4: i % 100 },
    }));
    const { out, rejected } = run(items);
    expect(rejected).toEqual([]);
    expect(out.length).toBe(50);
    expect(out.value[49]).toBe(49);
  });
});
