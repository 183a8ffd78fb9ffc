import * as path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import type { History } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { projectRoot } from '../services/common/runtime/project-root';
import { candidate, paymentFailed, recipe1, version } from '../testkit/automation-fixtures';
import { dispatch } from '../testkit/dispatch';
import { fakeActivities } from '../testkit/fake-activities';
import { createTimeSkippingEnv, workflowBundle } from '../testkit/time-skipping';
import { cloudActions } from './cloud-actions';
import type { sleeper } from './workflows/sleeper';

/** What the time-skipped recipe-1 runs (and their bare baseline) measured. */
export interface DunningResult {
  /** Wall ms of each recipe-1 run, from dispatch to its result. */
  runMs: number[];
  /** Wall ms of each bare-workflow run with the same timers. */
  baselineMs: number[];
  /** Wall ms of the warm-up run of each (not in `runMs` / `baselineMs`). */
  warmupMs: { run: number; baseline: number };
  outcome: string;
  simulatedDays: number;
  history: HistoryCount;
  baselineHistory: HistoryCount;
}

export interface HistoryCount {
  events: number;
  bytes: number;
  /** Temporal Cloud actions the history stands for. */
  actions: number;
  byType: Record<string, number>;
}

/**
 * Recipe 1 (smart retries over 2 months, 7-day grace, cancel, uncollectible) on the time-skipping test server
 * with the tests' fake activities (every charge declines), `runs` times; then a bare workflow sleeping through
 * the same timers, as the floor of what time skipping costs. Each starts with one warm-up run, measured apart:
 * a worker's first run also loads the bundle into its workflow thread and runs the code cold (2–3× a warm run).
 */
export async function runTimeSkippedDunning(runs: number): Promise<DunningResult> {
  const env = await createTimeSkippingEnv();
  try {
    const root = projectRoot();
    const [bundle, sleeperBundle] = await Promise.all([
      workflowBundle(path.join(root, 'workflows')),
      workflowBundle(path.join(root, 'bench', 'workflows')),
    ]);
    const fake = fakeActivities(env);
    const automation = version(recipe1, 'auto_annual');
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'bench-recipe1', workflowBundle: bundle, activities: fake.activities });
    const result = await worker.runUntil(async () => {
      const runMs: number[] = [];
      let last: { handle: WorkflowHandle; outcome: string; simulatedDays: number } | undefined;
      for (let k = 0; k <= runs; k++) { // k = 0: the warm-up
        const t0 = await env.currentTimeMs();
        const started = performance.now();
        const { handle } = await dispatch(env.client, 'bench-recipe1', paymentFailed(t0, 'year', 'insufficient_funds', { id: `in_bench_${k}`, subscriptionId: `sub_bench_${k}` }), [candidate(automation, 1)]);
        if (!handle) throw new Error('recipe 1 did not match its own event');
        const outcome = await handle.result();
        runMs.push(performance.now() - started);
        last = { handle, outcome: `${outcome.status}/${outcome.reason}`, simulatedDays: (outcome.at - t0) / 86_400_000 };
      }
      const [warmupMs, ...measured] = runMs;
      return { runMs: measured, warmupMs, ...last!, history: await last!.handle.fetchHistory() };
    });
    const timers = result.history.events!.flatMap((e) => (e.timerStartedEventAttributes ? [durationMs(e.timerStartedEventAttributes.startToFireTimeout)] : []));
    const sleepWorker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'bench-sleeper', workflowBundle: sleeperBundle });
    const baseline = await sleepWorker.runUntil(async () => {
      const baselineMs: number[] = [];
      let handle: WorkflowHandle | undefined;
      for (let k = 0; k <= runs; k++) { // k = 0: the warm-up
        const started = performance.now();
        handle = await env.client.workflow.start<typeof sleeper>('sleeper', { taskQueue: 'bench-sleeper', workflowId: `bench-sleeper-${k}`, args: [timers] });
        await handle.result();
        baselineMs.push(performance.now() - started);
      }
      const [warmupMs, ...measured] = baselineMs;
      return { baselineMs: measured, warmupMs, history: await handle!.fetchHistory() };
    });
    return {
      runMs: result.runMs, baselineMs: baseline.baselineMs, warmupMs: { run: result.warmupMs, baseline: baseline.warmupMs }, outcome: result.outcome, simulatedDays: result.simulatedDays,
      history: countHistory(result.history), baselineHistory: countHistory(baseline.history),
    };
  } finally {
    await env.teardown();
  }
}

function durationMs(d: { seconds?: unknown; nanos?: number | null } | null | undefined): number {
  return Number(d?.seconds ?? 0) * 1000 + Math.round((d?.nanos ?? 0) / 1e6);
}

function countHistory(history: History): HistoryCount {
  const byType: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const name = temporal.api.enums.v1.EventType[e.eventType ?? 0].replace(/^EVENT_TYPE_/, '');
    byType[name] = (byType[name] ?? 0) + 1;
  }
  const bytes = temporal.api.history.v1.History.encode(history as temporal.api.history.v1.IHistory).finish().length;
  return { events: history.events?.length ?? 0, bytes, actions: cloudActions(history), byType };
}

/** Median of a non-empty sample. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
