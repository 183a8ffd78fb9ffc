import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { BillingEvent } from '../../domain/billing-event';
import { routeEvent } from '../../domain/triggers';
import { collectionStoppedSignal, stateQuery } from '../../workflows/messages';
import { candidate, customer, paymentFailed, recipe1, subscription, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { DAY, recordHistory, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const annual = version(recipe1, 'auto_annual');

useTimeSkipping((ready) => ({ env, bundle } = ready));

it('ends a dunning run `ended` with the reason when its subscription is paused, with no later charge or action', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'collection-off';
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_paused', subscriptionId: 'sub_paused' }), [candidate(annual, 1)]);
    await env.sleep(DAY);
    expect((await handle!.query(stateQuery)).step).toBe('retry_payment');
    // What the dispatcher sends for Stripe's customer.subscription.paused.
    const paused: BillingEvent = { id: 'evt_paused', provider: 'stripe', kind: 'subscription_updated', occurredAt: t0 + DAY, customer, subscription: subscription('year', { id: 'sub_paused', status: 'paused' }) };
    const [route] = routeEvent(paused, DAY).signals;
    expect(route).toMatchObject({ signal: 'collectionStopped', target: { attribute: 'SubscriptionId', id: 'sub_paused' } });
    await handle!.signal(collectionStoppedSignal, { reason: route.payload.reason!, at: route.payload.at });
    const result = await handle!.result();
    await recordHistory('collection-off-subscription-paused', handle!);
    return result;
  });
  expect(outcome).toMatchObject({ status: 'ended', reason: 'collection_off:subscription_paused', stepIndex: 0 });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(0);
  expect(fake.calls.filter((c) => c.name !== 'recordRun')).toEqual([]);
  expect(fake.callsOf('recordRun').at(-1)?.input).toMatchObject({ type: 'outcome', outcome: { status: 'ended', reason: 'collection_off:subscription_paused' } });
});
