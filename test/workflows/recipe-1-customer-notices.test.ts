import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { candidate, paymentFailed, recipe1WithNotices as recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { chargeSequence, decline, fakeActivities, success } from '../../testkit/fake-activities';
import { hoursBetween, recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { stateQuery } from '../../workflows/messages';
import { RunFailureType } from '../../domain/run-failures';
import { previewCharges } from '../support/planned-retries';

// Recipe 1 as seeded: the retry step emails the customer payment_failed after the first failure and before the last retry.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const automation = version(recipe1, 'auto_annual_notices');

useTimeSkipping((ready) => ({ env, bundle } = ready));

it('seeds recipe 1 with the customer notices on its retry step', () => {
  expect(recipe1.steps[0]).toMatchObject({ type: 'retry_payment', notifyCustomer: 'payment_failed' });
});

it('emails payment_failed at the start and between the 7th and 8th retries, once each, with keys of their own', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'recipe1-notices';
  const t0 = await env.currentTimeMs();
  const { key, planned, state } = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(automation, 1)]);
    await handle!.result();
    await recordHistory('recipe1-customer-notices-lean', handle!);
    return { key: (...parts: (string | number)[]) => runKeyOf(handle!, ...parts), planned: previewCharges(input!).map((at) => hoursBetween(t0, at)), state: await handle!.query(stateQuery) };
  });
  const emails = fake.callsOf('sendCustomerEmail');
  expect(emails.map((e) => [e.input.template, e.input.idempotencyKey, e.input.customerId])).toEqual([
    ['payment_failed', key(0, 'notice', 'first_failure'), 'cus_1'],
    ['payment_failed', key(0, 'notice', 'before_last_retry'), 'cus_1'],
  ]);
  const hours = emails.map((e) => hoursBetween(t0, e.simulatedAt));
  expect(hours[0]).toBe(0); // right after the failure that started the run
  expect(hours[1]).toBe(planned[6]); // right after the 7th retry failed, days before the 8th
  expect(hours[1]).toBeLessThan(planned[7]);
  expect(emails[0].input.context.invoice).toMatchObject({ id: 'in_1' });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(8); // the retries themselves are unchanged
  expect(state.emails.map((e) => [e.template, e.stepIndex])).toEqual([['payment_failed', 0], ['payment_failed', 0]]);
  expect(fake.callsOf('recordRun').filter((c) => c.input.type === 'email')).toHaveLength(2);
});

it('a run recovered on the 3rd retry gets the first email only', async () => {
  const fake = fakeActivities(env, { chargeInvoice: chargeSequence(decline('insufficient_funds'), decline('insufficient_funds'), success) });
  const taskQueue = 'recipe1-notices-recovered';
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(version(recipe1, 'auto_annual_recovered'), 1)]);
    return handle!.result();
  });
  expect(outcome).toMatchObject({ status: 'recovered' });
  expect(fake.callsOf('sendCustomerEmail').map((e) => e.input.idempotencyKey)).toEqual([expect.stringMatching(/:0:notice:first_failure$/)]);
});

it('a failed notice is noted and the retries go on', async () => {
  const fake = fakeActivities(env, { sendCustomerEmail: async () => { throw ApplicationFailure.nonRetryable('Customer cus_1 has no email address', RunFailureType.CustomerHasNoEmail); } });
  const taskQueue = 'recipe1-notices-failing';
  const t0 = await env.currentTimeMs();
  const { outcome, state } = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(version(recipe1, 'auto_annual_failing'), 1)]);
    return { outcome: await handle!.result(), state: await handle!.query(stateQuery) };
  });
  expect(outcome).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible' });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(8);
  expect(state.notes?.filter((n) => n.kind === 'failed' && n.step === 'send_customer_email')).toHaveLength(2);
});
