/**
 * In-process event bus between the stages and the API's subscriptions. Events are notifications of
 * what is already stored: a subscriber that misses one loses nothing but the push.
 */
import { EventEmitter } from 'node:events';

export interface AlarmEventPayload {
  id: string;
  city: string;
  sensorId: string;
  objectId: string;
  riskType: string;
  metric: string;
  level: string;
  previousLevel: string | null;
  status: string;
  value: number | null;
  limit: number | null;
  ts: string | null;
  /** When the change was stored (ms since epoch), for latency measurement. */
  storedAtMs: number;
}

export interface WarningEventPayload {
  id: string;
  city: string;
  alarmId: string;
  tier: string;
  revision: number;
}

export interface BusEvents {
  alarm: [AlarmEventPayload];
  warning: [WarningEventPayload];
}

export class EventBus extends EventEmitter<BusEvents> {
  constructor() {
    super();
    this.setMaxListeners(0);
  }
}
