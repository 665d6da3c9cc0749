/**
 * A dedicated PostgreSQL connection that LISTENs on some channels, reconnects when it is lost and says
 * so (notifications sent while it was away are gone: the caller catches up in `onReconnect`).
 */
import pg from 'pg';
import type { Core } from '../core.js';

export interface Listener {
  stop(): Promise<void>;
}

export async function listen(
  core: Core,
  channels: string[],
  onNotify: (channel: string, payload: string) => void,
  onReconnect: () => void,
): Promise<Listener> {
  const url = core.config.databaseUrl;
  if (core.db.kind !== 'postgres' || !url) return { stop: async () => {} };
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (n) => {
      if (n.payload && channels.includes(n.channel)) onNotify(n.channel, n.payload);
    });
    c.on('error', (err) => {
      core.log.warn({ err: err.message, channels }, 'LISTEN connection lost; reconnecting');
      retry();
    });
    await c.connect();
    for (const ch of channels) await c.query(`LISTEN ${ch}`);
    client = c;
  };
  const retry = (): void => {
    const old = client;
    client = null;
    old?.end().catch(() => {});
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(onReconnect, () => retry());
    }, 1000);
  };
  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
