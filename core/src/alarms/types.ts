import type { Level } from '@fenghuo/sdk';

/** A change of level of one (sensor, metric), produced by the rules stage on ingest. */
export interface LevelChange {
  city: string;
  sid: number;
  sensorId: string;
  objectId: string;
  riskType: string;
  metric: string;
  /** `null` = no alarm before / the alarm clears. */
  from: Level | null;
  to: Level | null;
  cause: 'value' | 'rate';
  value: number;
  limit: number;
  /** Timestamp of the reading, ISO 8601. */
  ts: string;
}
