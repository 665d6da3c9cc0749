/**
 * Start running jobs in this process: the embedded runner on the `jobs` table without REDIS_URL, the
 * BullMQ relay and Workers with it. `serve` and `worker` processes call {@link startJobs} when
 * `config.runJobs` is on; any number of them may run at once.
 */
import { HELD_SCAN_EVERY_MS, type HeldScanOptions, handleHeldScan } from '../alarms/held.js';
import { handleOfflineScan, OFFLINE_SCAN_EVERY_MS } from '../alarms/offline.js';
import { handleAnalyze } from '../analysis/run.js';
import type { Core } from '../core.js';
import { handleNotify } from '../dispatch/notify.js';
import { handleWebhook } from '../dispatch/webhook.js';
import { BullRunner } from './bullmq.js';
import { EmbeddedRunner, type Schedule } from './runner.js';
import type { JobHandlers } from './types.js';

export interface JobsOptions {
  /** Poll interval when nothing wakes the runner (ms, default 500). */
  pollMs?: number;
  /** Lease of a claimed job or relayed outbox row (ms, default 60 000). */
  leaseMs?: number;
  /** Jobs run at once (per queue in BullMQ mode; default 8). */
  concurrency?: number;
  /** First retry delay, doubling per attempt (ms, default 1 000). */
  backoffMs?: number;
  /** Longest retry delay of the embedded runner (ms, default 10 min). */
  maxBackoffMs?: number;
  /** How long `stop()` waits for running jobs (ms, default 10 000). */
  stopGraceMs?: number;
  /** Period of the offline scan (ms, default 30 000); `0` turns the schedule off. */
  offlineScanEveryMs?: number;
  /** Period of the held-alarm scan (ms, default 60 000); `0` turns the schedule off. */
  heldScanEveryMs?: number;
  /** When and how often a held alarm is re-analysed (defaults: after 600 s, at most 6 times). */
  held?: HeldScanOptions;
  /** BullMQ key prefix (default `fenghuo:<schema>`). */
  prefix?: string;
  /** Time limit of one analysis (ms, default 5 000). */
  analysisTimeoutMs?: number;
  /** Time limit of one webhook request (ms, default 5 000). */
  webhookTimeoutMs?: number;
}

export interface JobsHandle {
  mode: 'embedded' | 'bullmq';
  stop(): Promise<void>;
}

/** The handlers core runs, bound to a core. */
export function defaultHandlers(core: Core, opts: JobsOptions = {}): JobHandlers {
  return {
    notify: (data) => handleNotify(core, data),
    analyze: (data) => handleAnalyze(core, data, { timeoutMs: opts.analysisTimeoutMs ?? 5_000 }),
    webhook: (data, run) => handleWebhook(core, data, run, { timeoutMs: opts.webhookTimeoutMs ?? 5_000 }),
    'offline-scan': () => handleOfflineScan(core),
    'held-scan': () => handleHeldScan(core, { ...core.config.heldReanalysis, ...opts.held }),
  };
}

/**
 * Run jobs in this process until `stop()`. `handlers` replace the default handler of a job name (tests
 * use it to observe or fail a job).
 *
 * @example
 * const jobs = await startJobs(core);
 * // … on shutdown
 * await jobs.stop();
 */
export async function startJobs(
  core: Core,
  handlers: Partial<JobHandlers> = {},
  opts: JobsOptions = {},
): Promise<JobsHandle> {
  const all: JobHandlers = { ...defaultHandlers(core, opts), ...handlers } as JobHandlers;
  const everyMs = opts.offlineScanEveryMs ?? OFFLINE_SCAN_EVERY_MS;
  const heldEveryMs =
    opts.heldScanEveryMs ?? (core.config.heldReanalysis.afterSec > 0 ? HELD_SCAN_EVERY_MS : 0);
  const schedules: Schedule[] = [
    ...(everyMs > 0 ? [{ name: 'offline-scan' as const, everyMs }] : []),
    ...(heldEveryMs > 0 ? [{ name: 'held-scan' as const, everyMs: heldEveryMs }] : []),
  ];
  const common = {
    pollMs: opts.pollMs ?? 500,
    leaseMs: opts.leaseMs ?? 60_000,
    concurrency: opts.concurrency ?? 8,
    backoffMs: opts.backoffMs ?? 1_000,
    schedules,
  };
  // Alarms are emitted after the commit that enqueued their jobs: a cue to look at once.
  const cue = () => runner.wake();
  let runner: EmbeddedRunner | BullRunner;
  if (core.config.redisUrl) {
    runner = new BullRunner(core, all, {
      ...common,
      redisUrl: core.config.redisUrl,
      prefix: opts.prefix ?? `fenghuo:${core.config.schema}`,
      work: true,
      relayBatch: 500,
    });
  } else {
    runner = new EmbeddedRunner(core, all, {
      ...common,
      maxBackoffMs: opts.maxBackoffMs ?? 600_000,
      stopGraceMs: opts.stopGraceMs ?? 10_000,
    });
  }
  await runner.start();
  core.bus.on('alarm', cue);
  core.bus.on('warning', cue);
  return {
    mode: core.config.redisUrl ? 'bullmq' : 'embedded',
    async stop() {
      core.bus.off('alarm', cue);
      core.bus.off('warning', cue);
      await runner.stop();
    },
  };
}

export { wakeJobs } from './wake.js';
