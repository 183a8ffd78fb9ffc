import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { WorkflowBundle } from '@temporalio/worker';
import { paymentFailedSignal, stateQuery } from '../../workflows/messages';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { decline, fakeActivities } from '../../testkit/fake-activities';
import { DAY, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

// The provider reports every attempt on an invoice, the run's own charges included: the run must not count its
// own charge twice, whether the report comes after the charge's result or (sandbox, fast webhooks) before it.

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const annual = version(recipe1, 'auto_annual');
const sources = (attempts: { source: string }[]) => attempts.map((a) => a.source);

useTimeSkipping((ready) => ({ env, bundle } = ready));

/**
 * The run's state once its first retry is done. Smart retries place the retry by the clock (the customer's
 * daytime, paydays), so how far it is from the test's start depends on when the test runs: time is skipped a
 * day at a time until the retry is done (and the worker given a moment to finish the charge after each skip).
 */
async function afterFirstRetry(handle: WorkflowHandle) {
  for (let day = 0; ; day++) {
    for (let i = 0; i < 20; i++) {
      const state = await handle.query(stateQuery);
      if ((state.retry?.retriesDone ?? 0) >= 1 || day >= 10) return state;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await env.sleep(DAY);
  }
}

it('ignores the echo of its own charge reported after the result, and keeps a genuine provider attempt', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'echo-after';
  const t0 = await env.currentTimeMs();
  await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(annual, 1)]);
    await afterFirstRetry(handle!); // the run's first retry (attempt 2 on the invoice) declined
    await handle!.signal(paymentFailedSignal, { attempt: 2, declineCode: 'insufficient_funds' }); // its echo
    await handle!.signal(paymentFailedSignal, { attempt: 3, declineCode: 'insufficient_funds' }); // the provider's own
    const state = await handle!.query(stateQuery);
    expect(sources(state.attempts)).toEqual(['trigger', 'run', 'provider']);
    await handle!.terminate('test done');
  });
});

it('ignores the echo of a charge that arrives while the charge is still in flight', async () => {
  const taskQueue = 'echo-in-flight';
  const t0 = await env.currentTimeMs();
  let workflowId = '';
  const fake = fakeActivities(env, {
    // The sandbox emits invoice.payment_failed in the charge's own transaction: the signal can beat the result.
    chargeInvoice: async () => {
      await env.client.workflow.getHandle(workflowId).signal(paymentFailedSignal, { attempt: 2, declineCode: 'insufficient_funds' });
      return decline('insufficient_funds');
    },
  });
  await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    // An invoice of its own: the dispatcher's start options never reuse a closed run's id.
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_in_flight' }), [candidate(annual, 1)]);
    workflowId = handle!.workflowId;
    const state = await afterFirstRetry(handle!);
    expect(sources(state.attempts)).toEqual(['trigger', 'run']);
    expect(state.retry?.retriesDone).toBe(1);
    await handle!.terminate('test done');
  });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(1);
});
