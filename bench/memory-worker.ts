import * as path from 'node:path';
import type { Worker as WorkerThread } from 'node:worker_threads';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { projectRoot } from '../services/common/runtime/project-root';
import { workerTuning } from '../services/worker/worker-options';
import { fakeActivities } from '../testkit/fake-activities';
import { installQuietRuntime, workflowBundle } from '../testkit/time-skipping';

/** What the parent asks (`measure`, `stop`) and what this process answers. */
export type MemoryRequest = { type: 'measure' } | { type: 'status' } | { type: 'stop' };
export type MemoryReport =
  | { type: 'ready' }
  | { type: 'status'; reached: number; inFlight: number }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number;
      reached: number; cached: number; inFlight: number; maxCached: number; threadHeapUsed: number; threadHeapTotal: number; cpuMs: number };

/**
 * The heap of the SDK's workflow thread, where the cached runs live (process.memoryUsage() counts the main
 * thread's only). The SDK does not expose the thread: read through its internals, zeros if they moved.
 */
async function workflowThreadHeap(worker: Worker): Promise<{ used: number; total: number }> {
  const internals = worker as unknown as { workflowCreator?: { workerThreadClients?: { workerThread?: WorkerThread }[] } };
  const heap = await internals.workflowCreator?.workerThreadClients?.[0]?.workerThread?.getHeapStatistics?.().catch(() => undefined);
  return { used: heap?.used_heap_size ?? 0, total: heap?.total_heap_size ?? 0 };
}

/**
 * The worker of the memory measurement, alone in its process (`node --expose-gc dist/bench/memory-worker.js`,
 * started with the production worker's flags and environment): the real workflows with the production worker
 * options, the tests' fake activities (no I/O), counting runs that reached their first step. Measures after two
 * full GCs (of the main thread: the SDK gives no handle on the workflow thread's) when asked.
 */
async function main(): Promise<void> {
  installQuietRuntime();
  const bundle = await workflowBundle(path.join(projectRoot(), 'workflows'));
  const connection = await NativeConnection.connect({ address: process.env.BENCH_TEMPORAL_ADDRESS! });
  let reached = 0;
  const clock = { currentTimeMs: async () => Date.now() } as TestWorkflowEnvironment;
  const fake = fakeActivities(clock, {
    recordRun: async (record) => {
      if (record.type === 'step_started') reached++;
    },
  });
  // As services/worker/temporal-worker.service.ts (the bundle instead of workflowsPath: the same code, bundled
  // once), sized by WORKER_MEMORY_MB's formula for the bench's budget.
  const worker = await Worker.create({
    connection, namespace: 'default', taskQueue: process.env.BENCH_TASK_QUEUE!, workflowBundle: bundle,
    activities: fake.activities, shutdownGraceTime: '20 seconds',
    ...workerTuning({ memoryMb: Number(process.env.BENCH_WORKER_MEMORY_MB) }),
  });
  const send = (report: MemoryReport) => process.send?.(report);
  process.on('message', (request: MemoryRequest) => {
    if (request.type === 'stop') {
      worker.shutdown();
      return;
    }
    if (request.type === 'status') {
      send({ type: 'status', reached, inFlight: worker.getStatus().numInFlightWorkflowActivations });
      return;
    }
    fake.calls.length = 0; // the fakes' call log is the bench's, not the worker's
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const status = worker.getStatus();
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    void workflowThreadHeap(worker).then((thread) => send({
      type: 'memory', ...memory, reached, cached: status.numCachedWorkflows, inFlight: status.numInFlightWorkflowActivations,
      maxCached: worker.options.maxCachedWorkflows, threadHeapUsed: thread.used, threadHeapTotal: thread.total, cpuMs: (cpu.user + cpu.system) / 1000,
    }));
  });
  const running = worker.run();
  send({ type: 'ready' });
  await running;
  await connection.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`memory-worker: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
