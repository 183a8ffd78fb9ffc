import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { candidate, recipe3, subscriptionCanceled, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const automation = version(recipe3, 'auto_cancel_confirm');

useTimeSkipping((ready) => ({ env, bundle } = ready));

it('sends one cancellation confirmation with subscription details, cancellation date and survey link', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'recipe3';
  const t0 = Date.UTC(2026, 2, 3, 15, 30); // the provider's cancellation time, carried by the event
  const { outcome, key } = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, subscriptionCanceled(t0), [candidate(automation, 1)]);
    const result = await handle!.result();
    await recordHistory('recipe3-cancellation', handle!);
    return { outcome: result, key: runKeyOf(handle!, 0) };
  });
  const emails = fake.callsOf('sendCustomerEmail');
  expect(emails).toHaveLength(1);
  expect(emails[0].input).toMatchObject({
    template: 'cancellation_confirmation',
    customerId: 'cus_1',
    idempotencyKey: key,
    context: {
      customer: { id: 'cus_1', name: 'Jane Doe', email: 'jane@customer.test' },
      subscription: { id: 'sub_1', status: 'canceled', interval: 'month', products: ['prod_pro'], prices: ['price_x'], canceled_at: 'March 3, 2026' },
      cancellation_date: 'March 3, 2026',
      survey_url: 'https://acme.test/survey',
    },
  });
  expect(emails[0].input.context.invoice).toBeUndefined();
  expect(outcome).toMatchObject({ status: 'completed', reason: 'all_steps_done' });
  const recorded = fake.callsOf('recordRun').find((c) => c.input.type === 'email');
  expect(recorded?.input).toMatchObject({ template: 'cancellation_confirmation', to: ['jane@customer.test'], messageId: `msg:${key}` });
});

it('starts no run when the canceled subscription is on another product', async () => {
  const { handle, match } = await dispatch(env.client, 'recipe3-other', subscriptionCanceled(Date.UTC(2026, 2, 3), 'prod_basic'), [candidate(automation, 1)]);
  expect(handle).toBeUndefined();
  expect(match?.evaluations[0].explanation).toEqual({ passed: false, condition: 'product in [prod_pro]', seen: 'prod_basic' });
});
