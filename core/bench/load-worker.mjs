// Load generator for the ingest benchmark, run in a worker thread so that building and sending
// requests does not share the server's event loop. Plain JavaScript: no transpiler in the worker.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

const { port, token, mode } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const nowMs = () => performance.timeOrigin + performance.now();

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/readings',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`));
          else resolve();
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Readings of `sensors` sensors, one per second each, starting at `t0`, in batches of `batch`. */
function* bodies({ sensors, t0, total, batch, crossEvery }) {
  let i = 0;
  while (i < total) {
    const items = [];
    for (let k = 0; k < batch && i < total; k++, i++) {
      const s = i % sensors;
      const round = Math.floor(i / sensors);
      const ts = new Date(t0 + round * 1000).toISOString();
      // Normal methane background 0–4 %LEL; a few sensors climb through the tiers.
      const v =
        crossEvery && s % crossEvery === 0 ? Math.min(99, 2 + round * 3) : ((s * 7 + round) % 40) / 10;
      items.push(`{"sensor":"B${s}","ts":"${ts}","values":{"ch4":${v}}}`);
    }
    yield Buffer.from(`{"readings":[${items.join(',')}]}`);
  }
}

async function throughput({ sensors, t0, total, batch, concurrency, crossEvery }) {
  // Build every body first: the measurement is the server's, not JSON.stringify's.
  const all = [...bodies({ sensors, t0, total, batch, crossEvery })];
  let next = 0;
  const start = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < all.length) await post(all[next++]);
    }),
  );
  return { ms: nowMs() - start, requests: all.length };
}

/** Steady `rate` readings/s for `seconds`, `perRequest` readings per request; every `crossMs` one reading crosses red on a fresh sensor. */
async function steady({ sensors, rate, seconds, perRequest, t0, crossSensors, crossMs }) {
  const interval = (perRequest / rate) * 1000;
  const sendTimes = {};
  const acks = [];
  const inflight = new Set();
  const start = nowMs();
  let sent = 0;
  let crossed = 0;
  let nextCross = start + crossMs;
  for (let r = 0; ; r++) {
    const due = start + r * interval;
    if (due - start > seconds * 1000) break;
    const wait = due - nowMs();
    if (wait > 0) await new Promise((res) => setTimeout(res, wait));
    const ts = new Date(t0 + Math.floor((nowMs() - start) / 1000) * 1000 + (r % 1000)).toISOString();
    const items = [];
    for (let k = 0; k < perRequest; k++) {
      const s = (r * perRequest + k) % sensors;
      items.push(`{"sensor":"B${s}","ts":"${ts}","values":{"ch4":${((s + r) % 40) / 10}}}`);
    }
    let crossId = null;
    if (nowMs() >= nextCross && crossed < crossSensors.length) {
      crossId = crossSensors[crossed++];
      items[0] = `{"sensor":"${crossId}","ts":"${ts}","values":{"ch4":80}}`;
      nextCross += crossMs;
    }
    const body = Buffer.from(`{"readings":[${items.join(',')}]}`);
    const t = nowMs();
    if (crossId) sendTimes[crossId] = t;
    const p = post(body).then(() => {
      acks.push(nowMs() - t);
      inflight.delete(p);
    });
    inflight.add(p);
    sent += perRequest;
  }
  await Promise.all(inflight);
  return { sent, ms: nowMs() - start, sendTimes, acks };
}

const run = mode === 'throughput' ? throughput : steady;
run(workerData.params).then(
  (r) => parentPort.postMessage({ ok: true, result: r }),
  (err) => parentPort.postMessage({ ok: false, error: String(err?.stack ?? err) }),
);
