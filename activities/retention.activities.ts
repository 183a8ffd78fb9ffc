import { pruneFinished, retentionCutoffs, type PruneCounts, type RetentionCutoffs } from '../domain/retention';
import type { BudgetRule } from '../domain/card-network/card-budgets';

/** Where the prune happens: one bounded batch per call, every kind limited to `batchSize` rows. */
export interface RetentionStore {
  pruneBatch(cutoffs: RetentionCutoffs, batchSize: number): Promise<PruneCounts>;
}

/** One batch's input: the cutoffs fixed by the first batch of the prune (absent on the first call). */
export interface PruneBatchInput {
  cutoffs?: RetentionCutoffs;
}

/** One batch's result: its counts, the cutoffs to pass on, and whether nothing is left to prune. */
export interface PruneBatchResult {
  cutoffs: RetentionCutoffs;
  counts: PruneCounts;
  done: boolean;
}

/** What the retention activity needs: the store, RETENTION_DAYS, the configured card budgets and the batch size. */
export interface RetentionDeps {
  store: RetentionStore;
  retentionDays: number;
  otherBrandBudgets: readonly BudgetRule[];
  batchSize: number;
  now?: () => number;
}

/** The retention activity, registered by the worker beside the run activities. */
export function createRetentionActivities({ store, retentionDays, otherBrandBudgets, batchSize, now = Date.now }: RetentionDeps) {
  return {
    /**
     * Prunes one batch. Idempotent: a retried batch finds its rows already pruned and prunes the next ones. The
     * cutoffs come from the clock at the first batch, so a long prune does not chase a moving cutoff.
     */
    async pruneRetentionBatch({ cutoffs }: PruneBatchInput): Promise<PruneBatchResult> {
      const fixed = cutoffs ?? retentionCutoffs(now(), retentionDays, otherBrandBudgets);
      const counts = await store.pruneBatch(fixed, batchSize);
      return { cutoffs: fixed, counts, done: pruneFinished(counts, batchSize) };
    },
  };
}

/** The retention activity interface the prune workflow proxies (`import type` only). */
export type RetentionActivities = ReturnType<typeof createRetentionActivities>;
