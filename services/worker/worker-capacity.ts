/*
 * Worker limits from one number, the memory the worker may use (WORKER_MEMORY_MB, e.g. its container's limit),
 * and the process settings that keep its RSS there. Measured with WORKER_NODE_FLAGS and WORKER_PROCESS_ENV: the
 * service worker (docker/compose.yaml's command, prebuilt bundle, its Nest, database and telemetry modules) idles
 * at ≈ 255 MiB of RSS (the bench's bare worker at ≈ 160), and each run held in the workflow cache takes ≈ 0.3 MiB
 * more (`make bench`, docs/benchmarks.md).
 *
 * A run needs the cache only while it has work in flight (a workflow task, an activity): a sleeping run that is
 * evicted costs the worker nothing until its timer fires, hours or days later, and is then replayed from its
 * history. So the cache holds the runs the concurrency lets be in flight at once, within its share of the
 * memory, and the number of sleeping runs does not count.
 *
 *   spare                = memoryMb − IDLE_WORKER_MIB
 *   activities in flight = ⌊(spare / 3) / ACTIVITY_MIB⌋, 1 … 100    a third of the spare memory for activities
 *                                                                  (the same bound for local activities)
 *   workflow tasks       = ⌊activities / 5⌋, 2 … 20
 *   maxCachedWorkflows   = activities + workflow tasks,             every run that can have work in flight,
 *                          ≤ ⌊(spare / 3) / CACHED_RUN_MIB⌋          within a third of the spare memory
 *   maxOldSpaceSizeMb    = ⌊memoryMb / 2⌋                           --max-old-space-size (the last third and
 *                                                                  the rest of the heap: GC headroom)
 *
 * Always, whatever the memory (WORKER_NODE_FLAGS, WORKER_PROCESS_ENV, set where the worker is started):
 *   --max-semi-space-size=2  V8 otherwise sizes each isolate's young generation from the machine's memory and keeps
 *                            it committed after a burst (≈ 100 MiB each in the main and the workflow thread here);
 *                            2 MiB costs a few per cent more GC time
 *   MALLOC_ARENA_MAX=2       the Rust core's threads share two glibc malloc arenas instead of one each
 */

/** RSS of an idle service worker started with WORKER_NODE_FLAGS and WORKER_PROCESS_ENV (MiB). */
export const IDLE_WORKER_MIB = 260;
/** RSS per run held in the workflow cache (MiB): its workflow context in the workflow thread's heap, the core's state. */
export const CACHED_RUN_MIB = 0.35;
/** Memory an activity in flight may hold (MiB): a provider call and its payloads. */
export const ACTIVITY_MIB = 1;
/** V8 semi-space of every isolate of the worker process (MiB). */
export const SEMI_SPACE_MIB = 2;
/** Node flags of the worker process, whatever its memory (add `--max-old-space-size` from workerNodeFlags). */
export const WORKER_NODE_FLAGS: readonly string[] = [`--max-semi-space-size=${SEMI_SPACE_MIB}`];
/** Environment of the worker process, read by glibc when it starts (so it cannot be set from inside). */
export const WORKER_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };

/** The limits the formula above gives for a worker allowed `memoryMb`. */
export interface WorkerCapacity {
  maxCachedWorkflows: number;
  maxConcurrentWorkflowTaskExecutions: number;
  maxConcurrentActivityTaskExecutions: number;
  maxConcurrentLocalActivityExecutions: number;
  maxOldSpaceSizeMb: number;
}

/** Concurrency set explicitly (WORKER_MAX_*): the cache then holds the runs these let be in flight. */
export interface ExplicitConcurrency {
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.floor(value)));

/** Cache size, task concurrency and heap for a worker allowed `memoryMb` of memory. */
export function workerCapacity(memoryMb: number, explicit: ExplicitConcurrency = {}): WorkerCapacity {
  const third = Math.max(0, memoryMb - IDLE_WORKER_MIB) / 3;
  const activities = clamp(third / ACTIVITY_MIB, 1, 100);
  const workflowTasks = clamp(activities / 5, 2, 20);
  const inFlight = (explicit.maxConcurrentActivityTaskExecutions ?? activities) + (explicit.maxConcurrentWorkflowTaskExecutions ?? workflowTasks);
  return {
    maxCachedWorkflows: Math.max(10, Math.min(inFlight, Math.floor(third / CACHED_RUN_MIB))),
    maxConcurrentWorkflowTaskExecutions: workflowTasks,
    maxConcurrentActivityTaskExecutions: activities,
    maxConcurrentLocalActivityExecutions: activities,
    maxOldSpaceSizeMb: Math.floor(memoryMb / 2),
  };
}

/** The Node flags of a worker allowed `memoryMb` (none for the heap limit when unset: V8's default). */
export function workerNodeFlags(memoryMb?: number): string[] {
  return [...WORKER_NODE_FLAGS, ...(memoryMb === undefined ? [] : [`--max-old-space-size=${workerCapacity(memoryMb).maxOldSpaceSizeMb}`])];
}
