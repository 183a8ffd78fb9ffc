import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { AutomationDefinition } from '../../domain/automation';
import {
  invoiceUncollectibleSignal,
  invoiceVoidedSignal,
  skipWaitSignal,
  stateQuery,
  subscriptionCanceledSignal,
} from '../../workflows/messages';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { DAY, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { previewCharges } from '../support/planned-retries';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const annual = version(recipe1, 'auto_annual');

useTimeSkipping((ready) => ({ env, bundle } = ready));

it.each([
  ['invoiceVoided', invoiceVoidedSignal, 'invoice_voided'],
  ['invoiceUncollectible', invoiceUncollectibleSignal, 'invoice_marked_uncollectible'],
  ['subscriptionCanceled', subscriptionCanceledSignal, 'subscription_canceled'],
] as const)('ends during retries on %s, with no later action', async (name, signal, reason) => {
  const fake = fakeActivities(env);
  const taskQueue = `end-${name}`;
  const t0 = await env.currentTimeMs();
  let madeBy10Days = 0;
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    // One invoice per case: the dispatcher's start options never reuse a closed run's id.
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: `in_${name}` }), [candidate(annual, 1)]);
    madeBy10Days = previewCharges(input!).filter((at) => at < t0 + 10 * DAY).length;
    await env.sleep(10 * DAY); // the retries planned in the first 10 days made
    await handle!.signal(signal);
    return handle!.result();
  });
  expect(madeBy10Days).toBeGreaterThan(0);
  expect(fake.callsOf('chargeInvoice')).toHaveLength(madeBy10Days);
  expect(fake.calls.filter((c) => !['chargeInvoice', 'recordRun'].includes(c.name))).toEqual([]);
  expect(outcome).toMatchObject({ status: 'ended', reason, stepIndex: 0 });
  expect(Math.round((outcome.at - t0) / DAY)).toBe(10);
});

it('skipWait ends the grace period early; the query shows step, next action, attempts', async () => {
  const def: AutomationDefinition = { ...recipe1, steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [2] } }, { type: 'wait', days: 30 }, { type: 'mark_subscription_unpaid' }] };
  const fake = fakeActivities(env);
  const taskQueue = 'skip-wait';
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(version(def, 'auto_skip'), 1)]);
    await env.sleep(5 * DAY);
    const state = await handle!.query(stateQuery);
    expect(state).toMatchObject({ stepIndex: 1, step: 'wait', nextAction: { description: 'wait 30 days', at: expect.any(Number) } });
    expect(Math.round((state.nextAction!.at - t0) / DAY)).toBe(32);
    expect(state.attempts.map((a) => a.status)).toEqual(['failed', 'failed']);
    await handle!.signal(skipWaitSignal);
    return handle!.result();
  });
  expect(fake.callsOf('markSubscriptionUnpaid').map((c) => Math.round((c.simulatedAt - t0) / DAY))).toEqual([5]);
  expect(outcome).toMatchObject({ status: 'completed', reason: 'all_steps_done' });
});

it('its own cancellation does not end the run before the invoice clean-up', async () => {
  const fake = fakeActivities(env, {
    cancelSubscription: async () => {
      // The webhook of the run's own cancellation arrives while the activity is still completing.
      await env.client.workflow.getHandle('run:auto_own:invoice:in_1').signal(subscriptionCanceledSignal);
      return { status: 'canceled' };
    },
  });
  const taskQueue = 'own-cancel';
  const t0 = await env.currentTimeMs();
  const def: AutomationDefinition = { ...recipe1, steps: [{ type: 'cancel_subscription' }, { type: 'wait', days: 1 }, { type: 'mark_invoice_uncollectible' }] };
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(version(def, 'auto_own'), 1)]);
    return handle!.result();
  });
  // A wait after cancel_subscription is not invoice clean-up: the run skips it and goes on to the clean-up.
  expect(fake.calls.filter((c) => c.name !== 'recordRun').map((c) => c.name)).toEqual(['cancelSubscription', 'markInvoiceUncollectible']);
  expect(outcome).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible' });
});
