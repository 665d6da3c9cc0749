/**
 * Decode throughput of the lorawan-methane sensor plugin in the sandbox, against the same decode called
 * directly in Node. `npx tsx core/bench/decode.ts`
 */
import { join } from 'node:path';
import { buildBundle } from '@fenghuo/sdk/bundle';
import { SandboxHost } from '@fenghuo/sdk/sandbox';
import { REPO_ROOT } from '../src/config.js';

const N = Number(process.env.BENCH_PAYLOADS ?? 20_000);
const dir = join(REPO_ROOT, 'plugins', 'lorawan-methane');
const { code, def } = await buildBundle({ dir });
const sensor = def as { id: string; version: string; decode: (p: unknown, m: unknown) => unknown };
const key = `${sensor.id}@${sensor.version}`;
const host = new SandboxHost();
await host.load(key, code);

// One valid frame: v1 measurement, 12.3 %LEL, battery 87 %, no status bits, CRC-8/SMBUS.
function crc8(bytes: number[]): number {
  let c = 0;
  for (const b of bytes) {
    c ^= b;
    for (let i = 0; i < 8; i++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  }
  return c;
}
const body = [0x11, 0x00, 0x7b, 87, 0x00];
const frame = new Uint8Array([...body, crc8(body)]);
const meta = { sensor: 'LM-1', receivedAt: new Date().toISOString() };
console.log('decoded:', JSON.stringify(sensor.decode(frame, meta)));

let t = performance.now();
for (let i = 0; i < N; i++) sensor.decode(frame, meta);
const direct = (N / (performance.now() - t)) * 1000;

t = performance.now();
for (let i = 0; i < N; i += 100) {
  await Promise.all(
    Array.from({ length: Math.min(100, N - i) }, () => host.decode(key, frame, { ...meta, city: 'bench' })),
  );
}
const sandboxed = (N / (performance.now() - t)) * 1000;
console.log(
  `| lorawan-methane decode | direct in Node ${Math.round(direct).toLocaleString('en-US')} payloads/s | in the sandbox ${Math.round(sandboxed).toLocaleString('en-US')} payloads/s (100 in flight) |`,
);
host.dispose();
