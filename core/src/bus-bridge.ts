/**
 * The event bus across processes. An alarm is stored by whichever `serve` process took the reading and
 * a warning by whichever process ran the analysis job; a GraphQL subscriber is connected to one process.
 * So every process relays its own bus events to the others (PostgreSQL NOTIFY, one channel per schema,
 * batched per tick) and re-emits theirs locally. Embedded mode has one process and needs none of it.
 */
import { randomUUID } from 'node:crypto';
import type { Core } from './core.js';
import type { AlarmEventPayload, WarningEventPayload } from './events.js';
import { type Listener, listen } from './store/listen.js';

type Relayed = { e: 'alarm'; p: AlarmEventPayload } | { e: 'warning'; p: WarningEventPayload };

/** NOTIFY payloads must stay under 8,000 bytes. */
const MAX_PAYLOAD = 7_000;

export function eventsChannel(schema: string): string {
  return `fenghuo_events_${schema}`;
}

export async function startBusBridge(core: Core): Promise<Listener> {
  if (core.db.kind !== 'postgres') return { stop: async () => {} };
  const channel = eventsChannel(core.config.schema);
  const id = randomUUID();
  const fromElsewhere = new WeakSet<object>();
  let pending: Relayed[] = [];
  let scheduled = false;

  const send = async (): Promise<void> => {
    scheduled = false;
    const events = pending;
    pending = [];
    let chunk: Relayed[] = [];
    let size = 0;
    const out: string[] = [];
    for (const ev of events) {
      const len = JSON.stringify(ev).length;
      if (chunk.length > 0 && size + len > MAX_PAYLOAD) {
        out.push(JSON.stringify({ from: id, events: chunk }));
        chunk = [];
        size = 0;
      }
      chunk.push(ev);
      size += len + 1;
    }
    if (chunk.length > 0) out.push(JSON.stringify({ from: id, events: chunk }));
    for (const payload of out) await core.db.query('SELECT pg_notify($1, $2)', [channel, payload]);
  };
  const queue = (ev: Relayed): void => {
    if (fromElsewhere.has(ev.p)) return;
    pending.push(ev);
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        send().catch((err) => core.log.warn({ err }, 'could not relay events to other processes'));
      });
    }
  };
  const onAlarm = (p: AlarmEventPayload) => queue({ e: 'alarm', p });
  const onWarning = (p: WarningEventPayload) => queue({ e: 'warning', p });
  core.bus.on('alarm', onAlarm);
  core.bus.on('warning', onWarning);

  const listener = await listen(
    core,
    [channel],
    (_ch, payload) => {
      let msg: { from: string; events: Relayed[] };
      try {
        msg = JSON.parse(payload) as { from: string; events: Relayed[] };
      } catch {
        return;
      }
      if (msg.from === id || !Array.isArray(msg.events)) return;
      for (const ev of msg.events) {
        fromElsewhere.add(ev.p);
        if (ev.e === 'alarm') core.bus.emit('alarm', ev.p);
        else if (ev.e === 'warning') core.bus.emit('warning', ev.p);
      }
    },
    // Pushes missed while disconnected are only pushes: the stored alarms and warnings are all there.
    () => {},
  );
  return {
    async stop() {
      core.bus.off('alarm', onAlarm);
      core.bus.off('warning', onWarning);
      await listener.stop();
    },
  };
}
