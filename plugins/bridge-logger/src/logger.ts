/**
 * A BL-series logger message to readings: the payload forms accepted, the samples in it, their times,
 * and the grouping of channel values into one reading per timestamp.
 */
import { type DecodedReading, payloadJson } from '@fenghuo/sdk';
import { convertChannel } from './channels.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The logger message of any accepted payload form: a JSON object, JSON text, or UTF-8 bytes of JSON text
 * (as MQTT always brings it), read with the SDK's {@link payloadJson}.
 *
 * @example
 * messageOf('{"logger":"BL-7","channels":[]}'); // { logger: 'BL-7', channels: [] }
 */
export function messageOf(payload: unknown): Record<string, unknown> {
  const value = payloadJson(payload);
  if (!isRecord(value))
    throw new Error('expected a JSON object { logger, time, channels } / 载荷应为 JSON 对象');
  return value;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** A sample time as UTC ISO 8601, `undefined` when absent, or `null` when it cannot be read. */
function timeOf(t: unknown): string | undefined | null {
  if (t === undefined) return undefined;
  if (typeof t !== 'string' || !ISO.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/**
 * Decode one logger message into readings, one per distinct timestamp in time order (a sample without a
 * time, in a message without one, comes last and without `ts`). When several channels give the same
 * metric at one time, the reading keeps the value of largest magnitude. Unusable channels and samples
 * are skipped; when nothing usable is left, throws listing why.
 *
 * @example
 * decodeMessage({ time: '2026-11-29T08:00:00+08:00', channels: [{ ch: 1, type: 'deflection', value: 1.2, unit: 'cm' }] });
 * // [{ ts: '2026-11-29T00:00:00.000Z', values: { deflection: 12 } }]
 */
export function decodeMessage(message: Record<string, unknown>): DecodedReading[] {
  const { channels, samples } = message;
  if (channels === undefined && samples === undefined) {
    throw new Error('message has neither "channels" nor "samples" / 缺少 channels 或 samples');
  }
  if (samples !== undefined && !Array.isArray(samples))
    throw new Error('"samples" is not an array / samples 应为数组');
  const list: unknown[] = [];
  if (channels !== undefined) list.push({ time: message['time'], channels });
  if (Array.isArray(samples)) list.push(...samples);
  const messageTime = timeOf(message['time']);
  const skipped: string[] = [];
  const byTime = new Map<string, Record<string, number>>();
  for (const [s, sample] of list.entries()) {
    const label =
      channels !== undefined && s === 0 ? 'message' : `sample ${channels !== undefined ? s - 1 : s}`;
    if (!isRecord(sample)) {
      skipped.push(`${label} is not an object`);
      continue;
    }
    const ts = sample['time'] === undefined ? messageTime : timeOf(sample['time']);
    if (ts === null) {
      skipped.push(`${label}: time ${JSON.stringify(sample['time'])} is not ISO 8601 with an offset`);
      continue;
    }
    if (!Array.isArray(sample['channels'])) {
      skipped.push(`${label}: "channels" is not an array`);
      continue;
    }
    for (const channel of sample['channels']) {
      const r = convertChannel(channel);
      if ('skipped' in r) {
        skipped.push(`${label} ${r.skipped}`);
        continue;
      }
      const key = ts ?? '';
      const values = byTime.get(key) ?? {};
      const prev = values[r.metric];
      if (prev === undefined || Math.abs(r.value) > Math.abs(prev)) values[r.metric] = r.value;
      byTime.set(key, values);
    }
  }
  if (byTime.size === 0) {
    const shown = skipped.slice(0, 5).join('; ');
    const more = skipped.length > 5 ? `; and ${skipped.length - 5} more` : '';
    throw new Error(`no valid channel in the message / 报文中没有有效通道: ${shown || 'no channels'}${more}`);
  }
  const keys = [...byTime.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => (k === '' ? { values: byTime.get(k)! } : { ts: k, values: byTime.get(k)! }));
}
