/**
 * The rules stage for a batch of accepted readings: feed each to its (sensor, metric) state machine and
 * collect level changes. State changes in place; if the batch's transaction fails, `forget` drops the
 * touched states so that they are rebuilt from the open alarms in the database (`SensorCache.reload`).
 */
import { LEVELS, newState, step } from '@fenghuo/sdk';
import type { LevelChange } from '../alarms/types.js';
import type { ColumnBatch } from '../ingest/batch.js';

export function evaluateBatch(b: ColumnBatch): LevelChange[] {
  const changes: LevelChange[] = [];
  for (let i = 0; i < b.length; i++) {
    const sensor = b.sensor[i]!;
    const key = b.metricKey[i]!;
    const m = sensor.metrics.get(key);
    if (!m?.th) continue;
    if (!m.state) m.state = newState();
    const tsMs = b.ts[i]!;
    const value = b.value[i]!;
    const t = step(m.th, m.state, tsMs, value);
    if (t) {
      changes.push({
        city: sensor.city,
        sid: sensor.sid,
        sensorId: sensor.id,
        objectId: sensor.objectId,
        riskType: sensor.riskType,
        metric: key,
        from: t.from >= 0 ? LEVELS[t.from]! : null,
        to: t.to >= 0 ? LEVELS[t.to]! : null,
        cause: t.cause,
        value,
        limit: t.limit,
        ts: new Date(tsMs).toISOString(),
      });
    }
  }
  return changes;
}

/** Drop the rule state of every (sensor, metric) in the batch (after a failed write). */
export function forgetBatch(b: ColumnBatch): void {
  for (let i = 0; i < b.length; i++) {
    const m = b.sensor[i]!.metrics.get(b.metricKey[i]!);
    if (m) m.state = null;
  }
}
