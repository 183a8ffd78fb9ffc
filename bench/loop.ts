/** What a bounded loop did: tasks finished, failed, how long it took and each task's latency (ms). */
export interface LoopResult {
  ok: number;
  failed: number;
  elapsedMs: number;
  latenciesMs: number[];
  firstError?: string;
}

export interface LoopOptions {
  /** At most this many tasks. */
  count: number;
  /** Stop starting tasks after this long (tasks in flight finish). */
  maxMs: number;
  /** Tasks in flight at once. */
  concurrency: number;
}

/**
 * Runs `task(i)` for i = 0, 1, … with `concurrency` workers until `count` tasks ran or `maxMs` passed:
 * every loop of the bench has a count and a time bound.
 */
export async function boundedLoop(options: LoopOptions, task: (i: number) => Promise<void>): Promise<LoopResult> {
  const result: LoopResult = { ok: 0, failed: 0, elapsedMs: 0, latenciesMs: [] };
  const started = performance.now();
  const deadline = started + options.maxMs;
  let next = 0;
  const worker = async () => {
    while (next < options.count && performance.now() < deadline) {
      const i = next++;
      const t = performance.now();
      try {
        await task(i);
        result.latenciesMs.push(performance.now() - t);
        result.ok++;
      } catch (error) {
        result.failed++;
        result.firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  result.elapsedMs = performance.now() - started;
  return result;
}

/** The p-th percentile (0–100) of a sample, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Throughput of a loop in operations per second. */
export function perSecond(r: Pick<LoopResult, 'ok' | 'elapsedMs'>): number {
  return r.elapsedMs > 0 ? (r.ok * 1000) / r.elapsedMs : NaN;
}

/** Polls `check` every `intervalMs` until it returns true or `maxMs` passed; returns whether it did. */
export async function pollUntil(check: () => Promise<boolean>, maxMs: number, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
