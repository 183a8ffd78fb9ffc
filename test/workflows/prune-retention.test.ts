import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { PruneBatchInput, PruneBatchResult } from '../../activities/retention.activities';
import type { pruneRetention } from '../../workflows';
import { recordHistory, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const cutoffs = { data: 1_000, cardAttempts: 500 };

it('calls the batch activity until a batch comes back short, keeping the first batch\'s cutoffs and summing the counts', async () => {
  const inputs: PruneBatchInput[] = [];
  const batches: PruneBatchResult['counts'][] = [
    { eventPayloads: 2, emailBodies: 2, outboxRows: 1, cardAttempts: 0 },
    { eventPayloads: 2, emailBodies: 0, outboxRows: 0, cardAttempts: 2 },
    { eventPayloads: 1, emailBodies: 0, outboxRows: 0, cardAttempts: 0 },
  ];
  let failedOnce = false;
  const pruneRetentionBatch = async (input: PruneBatchInput): Promise<PruneBatchResult> => {
    if (inputs.length === 1 && !failedOnce) {
      failedOnce = true;
      throw new Error('connection reset'); // transient: the activity's retry policy tries again
    }
    inputs.push(input);
    const counts = batches[inputs.length - 1];
    return { cutoffs: input.cutoffs ?? cutoffs, counts, done: inputs.length === batches.length };
  };
  const taskQueue = 'prune-retention';
  const result = await withWorker(env, bundle, taskQueue, { pruneRetentionBatch }, async () => {
    const handle = await env.client.workflow.start<typeof pruneRetention>('pruneRetention', { taskQueue, workflowId: 'retention-prune:test', args: [] });
    const r = await handle.result();
    await recordHistory('prune-retention', handle);
    return r;
  });
  expect(result).toEqual({ eventPayloads: 5, emailBodies: 2, outboxRows: 1, cardAttempts: 2, batches: 3, cutoffs });
  expect(inputs).toEqual([{}, { cutoffs }, { cutoffs }]);
});
