import type { AppConfig } from '../../common/config/app.config';

/** Injection token of the dispatcher's tuning (tests override it; production uses the defaults). */
export const DISPATCHER_OPTIONS = Symbol('DISPATCHER_OPTIONS');

export interface DispatcherOptions {
  /** Start the drain loop on bootstrap (false: the app only ingests; another process dispatches). */
  enabled: boolean;
  /** Outbox rows claimed at once by one loop. */
  batchSize: number;
  /** Drain loops per process, each claiming its own batch: the next batch is claimed while others finish. */
  lanes: number;
  /** Events dispatched at once in the process (over all loops); one ordering key's events still one by one. */
  concurrency: number;
  /** How long a claim keeps other dispatchers off a row (a crashed dispatcher's rows come back after it). */
  leaseMs: number;
  /** Sleep between polls when the outbox is empty. */
  pollIntervalMs: number;
  /** Per-row backoff after a failed dispatch: initial × 2^(attempts-1), capped. */
  rowBackoff: { initialMs: number; maxMs: number };
  /** Whole-loop backoff while Temporal or PostgreSQL is unavailable. */
  globalBackoff: { initialMs: number; maxMs: number };
  /** While backing off, both are probed this often; the backoff ends as soon as they answer. */
  probeIntervalMs: number;
  /** Failures other than unavailability give up after this many attempts (event status `failed`). */
  maxAttempts: number;
  /** gRPC deadline of each Temporal call, so an outage fails fast instead of holding row locks. */
  temporalCallTimeoutMs: number;
  taskQueue: string;
  dayMs: number;
}

/** Defaults from the app config. */
export function dispatcherOptions(config: AppConfig): DispatcherOptions {
  return {
    enabled: config.dispatcherEnabled,
    batchSize: 16,
    lanes: 3,
    concurrency: 32,
    leaseMs: 60_000,
    pollIntervalMs: 500,
    rowBackoff: { initialMs: 1_000, maxMs: 5 * 60_000 },
    globalBackoff: { initialMs: 500, maxMs: 30_000 },
    probeIntervalMs: 1_000,
    maxAttempts: 10,
    temporalCallTimeoutMs: 10_000,
    taskQueue: config.temporal.taskQueue,
    dayMs: config.dayMs,
  };
}

/** Exponential backoff: initial × 2^(n-1), capped at max. */
export function backoffMs(n: number, { initialMs, maxMs }: { initialMs: number; maxMs: number }): number {
  return Math.min(maxMs, initialMs * 2 ** Math.max(0, Math.min(n - 1, 30)));
}
