/*
 * Worker limits from one number, the memory the worker may use (WORKER_MEMORY_MB, e.g. its container's limit).
 * Measured by `make bench` (docs/benchmarks.md): an idle worker with the workflow bundle loaded takes about
 * IDLE_WORKER_MIB of RSS, and each run kept in the workflow cache about CACHED_RUN_MIB more (V8 context plus
 * the core's copy of its history). A sleeping run that is not cached costs the worker nothing until its timer
 * fires (it is then replayed from its history), so the cache is what bounds memory, not the number of runs.
 *
 *   spare                = memoryMb − IDLE_WORKER_MIB
 *   maxCachedWorkflows   = ⌊(spare / 3) / CACHED_RUN_MIB⌋      a third of the spare memory for cached runs
 *   activities in flight = ⌊(spare / 3) / ACTIVITY_MIB⌋, ≤ 100  a third for activities and replays in flight
 *                                                             (the same bound for local activities: projection records)
 *   workflow tasks       = ⌊maxCachedWorkflows / 10⌋, 2 … 40     (the rest is headroom for the garbage collector)
 *   maxOldSpaceSizeMb    = ⌊memoryMb / 2⌋                       pass as NODE_OPTIONS=--max-old-space-size=…
 */

/** RSS of an idle worker (MiB). */
export const IDLE_WORKER_MIB = 200;
/** RSS per run held in the workflow cache (MiB). */
export const CACHED_RUN_MIB = 0.5;
/** Memory an activity in flight may hold (MiB): a provider call and its payloads. */
export const ACTIVITY_MIB = 1;

/** The limits the formula above gives for a worker allowed `memoryMb`. */
export interface WorkerCapacity {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentLocalActivityExecutions: number;
  maxOldSpaceSizeMb: number;
}

/** Cache size, task concurrency and heap for a worker allowed `memoryMb` of memory. */
export function workerCapacity(memoryMb: number): WorkerCapacity {
  const third = Math.max(0, memoryMb - IDLE_WORKER_MIB) / 3;
  const maxCachedWorkflows = Math.max(10, Math.floor(third / CACHED_RUN_MIB));
  const activities = Math.min(100, Math.max(1, Math.floor(third / ACTIVITY_MIB)));
  return {
    maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: Math.min(40, Math.max(2, Math.floor(maxCachedWorkflows / 10))),
    maxConcurrentActivityTaskExecutions: activities,
    maxConcurrentLocalActivityExecutions: activities,
    maxOldSpaceSizeMb: Math.floor(memoryMb / 2),
  };
}
