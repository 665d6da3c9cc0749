/**
 * The rules stage for a batch of accepted readings: feed each to its (sensor, metric) state machine and
 * collect level changes. State is changed in place, with an undo log so that a batch whose transaction
 * fails leaves the rules exactly as they were.
 */
import { LEVELS, newState, type RuleState, step } from '@fenghuo/sdk';
import type { LevelChange } from '../alarms/types.js';
import type { ColumnBatch } from '../ingest/batch.js';
import type { MetricEntry } from './sensors.js';

interface Saved {
  entry: MetricEntry;
  state: RuleState | null;
}

export interface Evaluation {
  changes: LevelChange[];
  /** Put every touched state back as it was before the batch. */
  undo(): void;
}

function copy(s: RuleState): RuleState {
  return { level: s.level, since: s.since.slice(), lastTs: s.lastTs, lastValue: s.lastValue };
}

export function evaluateBatch(b: ColumnBatch): Evaluation {
  const changes: LevelChange[] = [];
  const saved: Saved[] = [];
  const touched = new Set<MetricEntry>();
  for (let i = 0; i < b.length; i++) {
    const sensor = b.sensor[i]!;
    const key = b.metricKey[i]!;
    const m = sensor.metrics.get(key);
    if (!m?.th) continue;
    if (!touched.has(m)) {
      touched.add(m);
      saved.push({ entry: m, state: m.state ? copy(m.state) : null });
    }
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
  return {
    changes,
    undo() {
      for (const s of saved) s.entry.state = s.state;
    },
  };
}
