import type { RunStatus } from './statuses';

/**
 * Recovery figures from the run projection, pure. The rules:
 *  - only runs of automations with a `retry_payment` step count toward recovery: a run of an automation that
 *    only sends emails or memos may end `recovered` (the invoice was paid meanwhile) but is never a recovery;
 *  - runs that failed for technical reasons (status `failed`) are listed apart and left out of every rate;
 *  - `recoveryRate` = recovered ÷ ended runs (running ones are not decided yet);
 *  - `attemptedRecoveryRate` = recovered ÷ ended runs that made at least one retry (`ATTEMPTED_RECOVERY_RULE`).
 */

/** The denominator rule of the attempted recovery rate, as the API states it. */
export const ATTEMPTED_RECOVERY_RULE =
  'attemptedRecoveryRate = recovered ÷ runs that made at least one retry and have ended, among runs of automations with a retry_payment step; runs that failed for technical reasons are excluded (listed under failedRuns), running runs are not decided yet';

/** One group of runs from the projection, with everything the rules above need. */
export interface RecoveryCell {
  status: RunStatus;
  /** The run's automation version has a `retry_payment` step. */
  paymentStep: boolean;
  /** The run made at least one charge attempt of its own (a deferred one does not count). */
  retried: boolean;
  attribution: string | null;
  declineClass: string | null;
  runs: number;
}

export interface RecoveryCounts {
  runs: number;
  running: number;
  recovered: number;
  /** Ended technically failed (left out of the rates). */
  failed: number;
  /** Ended runs of payment automations that made at least one retry (the attempted rate's denominator). */
  retried: number;
  recoveryRate: number | null;
  attemptedRecoveryRate: number | null;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

/** The counts and rates of a set of cells. */
export function recoveryCounts(cells: readonly RecoveryCell[]): RecoveryCounts {
  const sum = (keep: (c: RecoveryCell) => boolean) => cells.filter(keep).reduce((n, c) => n + c.runs, 0);
  const decided = (c: RecoveryCell) => c.paymentStep && c.status !== 'running' && c.status !== 'failed';
  const recovered = sum((c) => decided(c) && c.status === 'recovered');
  const ended = sum(decided);
  const retried = sum((c) => decided(c) && c.retried);
  return {
    runs: sum(() => true), running: sum((c) => c.status === 'running'), recovered, failed: sum((c) => c.status === 'failed'), retried,
    recoveryRate: ratio(recovered, ended), attemptedRecoveryRate: ratio(sum((c) => decided(c) && c.retried && c.status === 'recovered'), retried),
  };
}

/** Whether a cell's runs count as recoveries (for the recovered amounts). */
export function countsAsRecovery(c: Pick<RecoveryCell, 'status' | 'paymentStep'>): boolean {
  return c.paymentStep && c.status === 'recovered';
}

/** Recoveries of payment automations by what recovered them. */
export function byAttribution(cells: readonly RecoveryCell[]): { attribution: string; recovered: number }[] {
  const totals = new Map<string, number>();
  for (const c of cells) if (countsAsRecovery(c)) totals.set(c.attribution ?? 'unknown', (totals.get(c.attribution ?? 'unknown') ?? 0) + c.runs);
  return [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([attribution, recovered]) => ({ attribution, recovered }));
}

/** Counts and rates by the class of the decline that started each run (payment automations only). */
export function byDeclineClass(cells: readonly RecoveryCell[]): ({ declineClass: string } & RecoveryCounts)[] {
  const groups = new Map<string, RecoveryCell[]>();
  for (const c of cells) if (c.paymentStep) groups.set(c.declineClass ?? 'unknown', [...(groups.get(c.declineClass ?? 'unknown') ?? []), c]);
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([declineClass, g]) => ({ declineClass, ...recoveryCounts(g) }));
}
