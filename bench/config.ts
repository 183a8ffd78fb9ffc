/** Bench knobs (environment variables, all optional): counts and time bounds of every loop. */
export interface BenchConfig {
  /** HTTP requests in flight at once in the throughput loops. */
  concurrency: number;
  /** Webhooks posted (and workflow starts of the baseline) in the throughput loop, and its time bound. */
  ingestEvents: number;
  ingestMaxMs: number;
  /** Gateway processes (each with its dispatcher) the throughput loop spreads its requests over. */
  gateways: number;
  /** How long to wait for the dispatcher to drain what was accepted. */
  dispatchMaxMs: number;
  /** Sequential requests per endpoint in the latency loop, and its time bound. */
  latencyRequests: number;
  latencyMaxMs: number;
  /** Sleeping runs of the memory measurement (small, large) and the time bound to reach each. */
  sleepingSmall: number;
  sleepingLarge: number;
  sleepingMaxMs: number;
  /** Sleeping-run counts between small and large where the memory is measured and logged too (BENCH_SLEEPING_PROBES, comma list). */
  sleepingProbes: number[];
  /** WORKER_MEMORY_MB of the memory measurement's worker (its cache, concurrency and heap follow from it). */
  workerMemoryMb: number;
  /** Automations in the matching measurement. */
  automations: number;
  /** Time-skipped recipe-1 runs, and bare-workflow runs (the median of each is reported; one warm-up run each comes first). */
  dunningRuns: number;
  /** Whole-bench watchdog: everything is stopped after this long. */
  totalMaxMs: number;
  /** Measurements to run (BENCH_ONLY, comma list of ingest, latency, dunning, memory, matching, backtest); default all. */
  only: Set<string>;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export function benchConfig(): BenchConfig {
  return {
    concurrency: int('BENCH_CONCURRENCY', 16),
    ingestEvents: int('BENCH_INGEST_EVENTS', 2_000),
    ingestMaxMs: int('BENCH_INGEST_MAX_MS', 30_000),
    gateways: int('BENCH_GATEWAYS', 1),
    dispatchMaxMs: int('BENCH_DISPATCH_MAX_MS', 90_000),
    latencyRequests: int('BENCH_LATENCY_REQUESTS', 1_000),
    latencyMaxMs: int('BENCH_LATENCY_MAX_MS', 20_000),
    sleepingSmall: int('BENCH_SLEEPING_RUNS_SMALL', 100),
    sleepingLarge: int('BENCH_SLEEPING_RUNS', 10_000),
    // 10 000 runs take ≈ 5 min on two quiet cores, ≈ 8 busy; the rest of the bench ≈ 3, its watchdog 15.
    sleepingMaxMs: int('BENCH_SLEEPING_MAX_MS', 480_000),
    sleepingProbes: (process.env.BENCH_SLEEPING_PROBES ?? '').split(',').filter((s) => s.trim() !== '').map((s) => {
      const value = Number(s);
      if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_SLEEPING_PROBES must list positive integers, got ${JSON.stringify(s)}`);
      return value;
    }),
    workerMemoryMb: int('BENCH_WORKER_MEMORY_MB', 512),
    automations: int('BENCH_AUTOMATIONS', 10_000),
    dunningRuns: int('BENCH_DUNNING_RUNS', 7),
    totalMaxMs: int('BENCH_TOTAL_MAX_MS', 15 * 60_000),
    only: new Set((process.env.BENCH_ONLY || 'ingest,latency,dunning,memory,matching,backtest').split(',').map((s) => s.trim())),
  };
}
