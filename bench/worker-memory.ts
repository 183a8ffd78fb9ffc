import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { AutomationRunInput } from '../domain/run';
import { runWorkflowId } from '../domain/triggers';
import { projectRoot } from '../services/common/runtime/project-root';
import { WORKER_PROCESS_ENV, workerNodeFlags } from '../services/worker/worker-capacity';
import { paymentFailed, recipe1, version } from '../testkit/automation-fixtures';
import { workflowBundle } from '../testkit/time-skipping';
import { startNode, stopNode } from './child';
import type { BenchConfig } from './config';
import type { BenchInfra } from './infra';
import { boundedLoop, pollUntil } from './loop';
import type { MemoryReport, MemoryRequest } from './memory-worker';
import { fmt, type Row } from './table';

type Memory = Extract<MemoryReport, { type: 'memory' }>;
type Status = Extract<MemoryReport, { type: 'status' }>;
const TASK_QUEUE = 'bench-memory';
const MiB = 1024 * 1024;
/** Runs started ahead of the worker at most (so the server's backlog does not slow the worker down). */
const WINDOW = 500;
/** Fewest starts worth a round of the start loop (below it, wait for the worker instead). */
const STEP = 50;

function ask(child: ChildProcess, request: { type: 'measure' }): Promise<Memory>;
function ask(child: ChildProcess, request: { type: 'status' }): Promise<Status>;
function ask(child: ChildProcess, request: MemoryRequest): Promise<MemoryReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the memory worker did not answer')), 30_000);
    const onMessage = (m: MemoryReport) => {
      if (m.type !== (request.type === 'measure' ? 'memory' : request.type)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send(request);
  });
}

const describe = (m: Memory) => [
  `RSS ${fmt(m.rss / MiB)} MiB`, `heap ${fmt(m.heapUsed / MiB)}/${fmt(m.heapTotal / MiB)} MiB`,
  `workflow thread heap ${fmt(m.threadHeapUsed / MiB)}/${fmt(m.threadHeapTotal / MiB)} MiB`, `external ${fmt(m.external / MiB)} MiB`,
  `array buffers ${fmt(m.arrayBuffers / MiB)} MiB`, `${m.cached}/${m.maxCached} cached`, `worker CPU ${fmt(m.cpuMs / 1000, 1)} s`,
].join(', ');

/**
 * 4. Worker RSS and heap with `small` then `large` recipe-1 runs sleeping (each waits 64 h for its first retry)
 * on the dev server, the worker alone in a child process, measured after GC (and at each of BENCH_SLEEPING_PROBES
 * between, logged).
 */
export async function measureMemory(infra: BenchInfra, config: BenchConfig, log: (line: string) => void): Promise<Row[]> {
  await workflowBundle(path.join(projectRoot(), 'workflows')); // the child then loads it from the cache
  // Started as the production worker is (docker/compose.yaml, `make up`): its flags and environment for this memory.
  const env = { ...WORKER_PROCESS_ENV, BENCH_TEMPORAL_ADDRESS: infra.temporalAddress, BENCH_TASK_QUEUE: TASK_QUEUE, BENCH_WORKER_MEMORY_MB: String(config.workerMemoryMb) };
  const child = startNode('memory-worker.js', env, { ipc: true, nodeArgs: ['--expose-gc', ...workerNodeFlags(config.workerMemoryMb)] });
  const connection = await Connection.connect({ address: infra.temporalAddress });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`memory worker not ready: ${child.stderrTail()}`)), 60_000);
      child.once('exit', (code) => reject(new Error(`memory worker exited with ${code}: ${child.stderrTail()}`)));
      child.on('message', (m: MemoryReport) => m.type === 'ready' && (clearTimeout(timer), resolve()));
    });
    const idle = await ask(child, { type: 'measure' });
    const client = new Client({ connection, namespace: 'default' });
    const automation = version(recipe1, 'auto_mem');
    const deadline = Date.now() + config.sleepingMaxMs;
    let startedRuns = 0;
    const grow = async (target: number): Promise<Memory> => {
      const t = Date.now();
      const left = () => Math.max(1, deadline - Date.now());
      // Keeps up to WINDOW runs started and not yet asleep, so the worker never waits for the next starts
      // (count and time bounded); a run counts once the worker ran it to its first step.
      let reached = (await ask(child, { type: 'status' })).reached;
      while (startedRuns < target && Date.now() < deadline) {
        const room = Math.min(WINDOW - (startedRuns - reached), target - startedRuns);
        if (room >= Math.min(STEP, target - startedRuns)) {
          const from = startedRuns;
          const r = await boundedLoop({ count: room, maxMs: left(), concurrency: 32 }, async (k) => {
            const id = `in_mem_${from + k}`;
            const input: AutomationRunInput = { automation, subject: { type: 'invoice', id }, event: paymentFailed(Date.now(), 'year', 'insufficient_funds', { id }), dayMs: 86_400_000 };
            await client.workflow.start('automationRun', { taskQueue: TASK_QUEUE, workflowId: runWorkflowId('auto_mem', input.subject), args: [input] });
          });
          startedRuns += r.ok;
          if (r.ok === 0) throw new Error(`no run started: ${r.firstError}`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        reached = (await ask(child, { type: 'status' })).reached;
      }
      await pollUntil(async () => { const status = await ask(child, { type: 'status' }); return status.reached >= startedRuns && status.inFlight === 0; }, left(), 100);
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // let the last workflow tasks complete
      const memory = await ask(child, { type: 'measure' });
      log(`memory: ${memory.reached} runs sleeping (${startedRuns} started) in ${Date.now() - t} ms: ${describe(memory)}`);
      return memory;
    };
    log(`memory: idle: ${describe(idle)}`);
    const s = await grow(config.sleepingSmall);
    const afterSmall = Date.now();
    for (const probe of config.sleepingProbes.filter((n) => n > config.sleepingSmall && n < config.sleepingLarge)) await grow(probe);
    const l = await grow(config.sleepingLarge);
    const largeMs = Date.now() - afterSmall; // the probes' measurements included
    const perRunKiB = (l.rss - s.rss) / 1024 / Math.max(1, l.reached - s.reached);
    const perSecond = (l.reached - s.reached) / Math.max(0.001, largeMs / 1000);
    const bounded = l.reached < config.sleepingLarge ? ` (time bound ${config.sleepingMaxMs} ms hit: ${l.reached} of ${config.sleepingLarge})` : '';
    const cache = `workflow cache ${l.cached}/${l.maxCached} (WORKER_MEMORY_MB=${config.workerMemoryMb}: evicted runs cost the worker nothing until their timer fires)`;
    return [
      {
        name: `worker RSS, ${l.reached} vs ${s.reached} sleeping runs`, value: fmt(l.rss / MiB), baseline: fmt(s.rss / MiB), unit: 'MiB', goal: { on: 'ratio', op: 'max', target: 1.3 },
        notes: `idle ${fmt(idle.rss / MiB)} MiB; +${fmt(perRunKiB, 1)} KiB/run; ${cache}${bounded}; reached in ${fmt(largeMs / 1000, 1)} s (${fmt(perSecond, 1)} runs/s, worker CPU ${fmt((l.cpuMs - s.cpuMs) / Math.max(1, l.reached - s.reached), 1)} ms/run)`,
      },
      {
        name: `worker heap used, ${l.reached} vs ${s.reached} sleeping runs`, value: fmt(l.heapUsed / MiB), baseline: fmt(s.heapUsed / MiB), unit: 'MiB', goal: { on: 'ratio', op: 'max', target: 1.3 },
        notes: `main thread after 2 full GCs; idle ${fmt(idle.heapUsed / MiB)} MiB; heap total ${fmt(l.heapTotal / MiB)} MiB; workflow thread heap ${fmt(l.threadHeapUsed / MiB)} of ${fmt(l.threadHeapTotal / MiB)} MiB (${fmt(s.threadHeapUsed / MiB)} at ${s.reached}); real workflows, fake activities, worker in its own process`,
      },
    ];
  } finally {
    if (child.connected) child.send({ type: 'stop' } satisfies MemoryRequest);
    await stopNode(child, 25_000);
    await connection.close();
  }
}
