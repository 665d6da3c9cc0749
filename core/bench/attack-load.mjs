// Load generators of the plugin-attack benchmark (attack.ts), each run in its own worker thread so that
// building and sending requests does not share the server's event loop. Plain JavaScript: no
// transpiler in the worker.
//
// - `bulk`: HTTP batch ingest of normal readings for a fixed time, `concurrency` requests in flight.
// - `side`: what runs beside it: small probe requests (their ack time is the reading-to-stored
//   latency), threshold crossings on the trigger sensors (alarms raised and cleared in a loop, so that
//   analyses keep being scheduled), and a stream of raw payloads for a decoder.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, token, mode, params } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
const nowMs = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

/** POST a body; resolves to `{ status, json }` whatever the status (a socket error rejects). */
function post(path, body, type = 'application/json', auth = token) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': type, 'content-length': body.length, authorization: `Bearer ${auth}` },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = { text: text.slice(0, 300) };
          }
          resolve({ status: res.statusCode, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A reading batch that must be stored whole: anything but 200 with every reading accepted is an error. */
async function postReadings(body, count, auth = token) {
  const { status, json } = await post('/api/v1/readings', body, 'application/json', auth);
  if (status !== 200 || json.accepted !== count)
    throw new Error(`readings: HTTP ${status}, ${JSON.stringify(json).slice(0, 300)}`);
}

/**
 * `seconds` of batches: sensor chunk after chunk, one round (every sensor once, same timestamp) after
 * another, one second of reading time per round from `t0`. Each chunk's body is kept as pieces around
 * the timestamp, so that making a request costs one `join`, not a JSON build.
 */
async function bulk({ prefix, sensors, batch, concurrency, t0, seconds, metric }) {
  const chunks = [];
  for (let c = 0; c * batch < sensors; c++) {
    const items = [];
    for (let s = c * batch; s < Math.min(sensors, (c + 1) * batch); s++)
      items.push(`{"sensor":"${prefix}${s}","ts":"`, `","values":{"${metric}":${((s * 7) % 40) / 10}}}`);
    // pieces: '{"readings":[' + item0a, item0b + ',' + item1a, …, itemNb + ']}'
    const pieces = [];
    for (let i = 0; i < items.length; i += 2)
      pieces.push(`${i === 0 ? '{"readings":[' : `${items[i - 1]},`}${items[i]}`);
    pieces.push(`${items[items.length - 1]}]}`);
    chunks.push({ pieces, count: items.length / 2 });
  }
  let next = 0;
  let sent = 0;
  let requests = 0;
  const acks = [];
  const start = nowMs();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nowMs() < end) {
        const k = next++;
        const chunk = chunks[k % chunks.length];
        const ts = new Date(t0 + Math.floor(k / chunks.length) * 1000).toISOString();
        const body = Buffer.from(chunk.pieces.join(ts));
        const t = nowMs();
        await postReadings(body, chunk.count);
        acks.push(nowMs() - t);
        sent += chunk.count;
        requests++;
      }
    }),
  );
  return { sent, requests, ms: nowMs() - start, acks };
}

/** Count a coded outcome into `tally`. */
const count = (tally, key) => {
  tally[key] = (tally[key] ?? 0) + 1;
};

/**
 * Probes, trigger groups (`{ token, sensors }`, one request per group and tick) and raw payloads
 * (`raw.token`) for `seconds`; a token is its sensors' city's.
 */
async function side({ seconds, probeSensors, probeEveryMs, triggers: groups, triggerEveryMs, metric, raw }) {
  const start = nowMs();
  const end = start + seconds * 1000;
  let sent = 0;
  const probeAcks = [];
  const errors = [];

  // Probes: one reading per probe sensor, timestamped now, every `probeEveryMs`.
  const probes = (async () => {
    for (let r = 0; ; r++) {
      const due = start + r * probeEveryMs;
      if (due >= end || nowMs() >= end) break;
      await sleep(due - nowMs());
      const ts = new Date(nowMs()).toISOString();
      const body = Buffer.from(
        JSON.stringify({ readings: probeSensors.map((s) => ({ sensor: s, ts, values: { [metric]: 1 } })) }),
      );
      const t = nowMs();
      try {
        await postReadings(body, probeSensors.length);
        probeAcks.push(nowMs() - t);
        sent += probeSensors.length;
      } catch (err) {
        errors.push(String(err));
      }
    }
  })();

  // Triggers: every tick each trigger sensor alternates between over red (an alarm is raised, and an
  // analysis scheduled) and back to normal (the alarm clears).
  const triggers = groups.map(async ({ token: auth, sensors }) => {
    for (let r = 0; ; r++) {
      const due = start + r * triggerEveryMs;
      if (due >= end || nowMs() >= end) break;
      await sleep(due - nowMs());
      const ts = new Date(nowMs()).toISOString();
      const value = r % 2 === 0 ? 45 : 0;
      const body = Buffer.from(
        JSON.stringify({ readings: sensors.map((s) => ({ sensor: s, ts, values: { [metric]: value } })) }),
      );
      try {
        await postReadings(body, sensors.length, auth);
        sent += sensors.length;
      } catch (err) {
        errors.push(String(err));
      }
    }
  });

  // Raw payloads for a decoder: up to `rate` per second, at most `inFlight` waiting at once.
  const rawOut = { sent: 0, accepted: 0, statuses: {}, causes: {}, ms: [] };
  const raws = (async () => {
    if (!raw || raw.rate <= 0) return;
    const inflight = new Set();
    const lastMs = new Map();
    for (let r = 0; ; r++) {
      const due = start + (r * 1000) / raw.rate;
      if (due >= end || nowMs() >= end) break;
      await sleep(due - nowMs());
      // A slow answer holds the stream back (as a device that waits for it would), never past the end.
      if (inflight.size >= raw.inFlight) await Promise.race(inflight);
      if (nowMs() >= end) break;
      const sensor = raw.sensors[r % raw.sensors.length];
      const kind = raw.kinds[r % raw.kinds.length];
      // The send time is the decoded reading's timestamp: strictly increasing per sensor.
      const ms = Math.max(Math.floor(nowMs()), (lastMs.get(sensor) ?? 0) + 1);
      lastMs.set(sensor, ms);
      const body = Buffer.alloc(10);
      body.set([kind, r & 0xff, (r >> 8) & 0xff, 7]);
      body.writeUIntBE(ms, 4, 6);
      const t = nowMs();
      const p = post(`/api/v1/raw/${sensor}`, body, 'application/octet-stream', raw.token)
        .then(({ status, json }) => {
          rawOut.ms.push(nowMs() - t);
          count(rawOut.statuses, String(status));
          if (status === 200) rawOut.accepted += json.accepted ?? 0;
          const err = json?.error;
          count(rawOut.causes, err ? `${err.code} ← ${err.details?.cause ?? '-'}` : 'decoded');
        })
        .catch((err) => errors.push(`raw: ${err}`))
        .finally(() => inflight.delete(p));
      inflight.add(p);
      rawOut.sent++;
    }
    await Promise.all(inflight);
  })();

  await Promise.all([probes, ...triggers, raws]);
  // Accepted raw readings were stored like any other.
  return { sent: sent + rawOut.accepted, probeAcks, raw: rawOut, errors, ms: nowMs() - start };
}

/** CPU time of this thread (clock ticks of user + system), so that the bench can tell the load's CPU apart. */
function threadTicks() {
  const f = readFileSync('/proc/thread-self/stat', 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

const ticks0 = threadTicks();
const run = mode === 'bulk' ? bulk : side;
run(params).then(
  (r) => parentPort.postMessage({ ok: true, result: { ...r, cpuTicks: threadTicks() - ticks0 } }),
  (err) => parentPort.postMessage({ ok: false, error: String(err?.stack ?? err) }),
);
