import { continueAsNew, log, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { RetentionActivities } from '../activities/retention.activities';
import { addPruneCounts, NO_PRUNE_COUNTS, type PruneCounts, type RetentionCutoffs } from '../domain/retention';

const { pruneRetentionBatch } = proxyActivities<RetentionActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
});

/** Carried across continue-as-new: the cutoffs of the first batch and what was pruned so far. */
export interface PruneRetentionInput {
  cutoffs?: RetentionCutoffs;
  totals?: PruneCounts;
  batches?: number;
}

/** What one whole prune removed (the workflow's result, visible in the Web UI). */
export interface PruneRetentionResult extends PruneCounts {
  cutoffs: RetentionCutoffs;
  batches: number;
}

/** Started daily by the retention schedule: prunes what is older than RETENTION_DAYS, one bounded batch at a time. */
export async function pruneRetention(input: PruneRetentionInput = {}): Promise<PruneRetentionResult> {
  let { cutoffs, totals = NO_PRUNE_COUNTS, batches = 0 } = input;
  for (;;) {
    const batch = await pruneRetentionBatch({ cutoffs });
    cutoffs = batch.cutoffs;
    totals = addPruneCounts(totals, batch.counts);
    batches++;
    if (batch.done) {
      log.info('Retention prune done', { ...totals, batches });
      return { ...totals, cutoffs, batches };
    }
    // A prune of years of data is thousands of batches: the history starts afresh before it grows large.
    if (workflowInfo().continueAsNewSuggested) await continueAsNew<typeof pruneRetention>({ cutoffs, totals, batches });
  }
}
