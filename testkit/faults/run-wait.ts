import * as os from 'node:os';

/*
 * How long a fault scenario waits for its runs to end. A fixed deadline says nothing on a shared machine: at
 * load 18 on 2 cores a run takes ten times as long as on an idle one, so a deadline either fails healthy runs
 * or is so long it hides a stuck one. The wait therefore watches progress instead: it goes on while runs keep
 * moving (started, stepped, charged, emailed, ended), and ends early only when nothing moved for a stall window
 * that grows with the machine's load per core — the sign of a run that will never end. A cap bounds it anyway.
 */

/** The stall window and the cap of one wait. */
export interface WaitPolicy {
  /** How long nothing may move, on an idle machine, before the runs left are called stuck. */
  stallMs: number;
  /** The longest the wait may take, whatever the load (keep it under the test's timeout). */
  capMs: number;
}

/** How a wait ended, or that it goes on. */
export type WaitVerdict = 'ended' | 'wait' | 'stalled' | 'capped';

/** The machine's 1-minute load per core, at least 1: how many times slower than idle a scenario may run. */
export function loadFactor(load = os.loadavg()[0], cores = os.availableParallelism()): number {
  return Math.max(1, load / Math.max(1, cores));
}

/** The stall window at this load factor. */
export const stallWindowMs = (policy: WaitPolicy, factor: number): number => policy.stallMs * factor;

/** The verdict after a sample: `left` runs not ended, the last move at `movedAt`, the wait begun at `startedAt`. */
export function waitVerdict(policy: WaitPolicy, sample: { left: number; startedAt: number; movedAt: number; now: number; factor: number }): WaitVerdict {
  if (sample.left === 0) return 'ended';
  if (sample.now - sample.startedAt >= policy.capMs) return 'capped';
  if (sample.now - sample.movedAt >= stallWindowMs(policy, sample.factor)) return 'stalled';
  return 'wait';
}

/** The 1-minute load average as the figures print it (`12.3 on 2 cores`). */
export const loadNow = (): string => `${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`;
