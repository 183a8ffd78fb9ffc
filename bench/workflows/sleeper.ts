import { sleep } from '@temporalio/workflow';

/** Baseline workflow: the same timers as a recipe-1 run, and nothing else (no activities, no state). */
export async function sleeper(timersMs: number[]): Promise<number> {
  for (const ms of timersMs) await sleep(ms);
  return timersMs.length;
}
