import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { Activities } from '../../activities';
import { invoicePaidSignal, stateQuery } from '../../workflows/messages';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { chargeSequence, decline, fakeActivities, success } from '../../testkit/fake-activities';
import { RUN_SEARCH_ATTRIBUTES as SA } from '../../workflows/search-attributes';
import { DAY, hoursBetween, recordHistory, runKeyOf, withWorker as withWorkerOn } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { automationRunStartOptions } from '../../services/common/temporal/workflow-start-options';
import type { AutomationRunInput } from '../../domain/run';
import { previewCharges } from '../support/planned-retries';

// Smart 2m / 8 retries after an `insufficient_funds` decline: one per 7.5-day slot, on paydays and local
// daytime hours (domain/card-network/smart-schedule.ts), so the hours depend on the calendar date of t0:
// the expected hours are the preview's, which the unit tests pin down for fixed dates.
const retryHours = (t0: number, input: AutomationRunInput) => previewCharges(input).map((at) => hoursBetween(t0, at));

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
const automation = version(recipe1, 'auto_annual');

useTimeSkipping((ready) => ({ env, bundle } = ready));

const withWorker = <T>(taskQueue: string, activities: Activities, fn: () => Promise<T>) => withWorkerOn(env, bundle, taskQueue, activities, fn);

it('retries 8 times within 2 months, waits 7 days, cancels the subscription, marks the invoice uncollectible', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'recipe1-exhausted';
  const t0 = await env.currentTimeMs();
  const { outcome, key, planned } = await withWorker(taskQueue, fake.activities, async () => {
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(automation, 1)]);
    const result = await handle!.result();
    const { typedSearchAttributes: attributes } = await handle!.describe();
    expect([SA.AutomationId, SA.CustomerId, SA.InvoiceId, SA.SubscriptionId, SA.RunStep].map((k) => attributes.get(k)))
      .toEqual(['auto_annual', 'cus_1', 'in_1', 'sub_1', 'completed']);
    await recordHistory('recipe1-exhausted-network-rules', handle!);
    return { outcome: result, key: (...parts: number[]) => runKeyOf(handle!, ...parts), planned: retryHours(t0, input!) };
  });
  const RETRY_HOURS = planned;
  expect(RETRY_HOURS).toHaveLength(8);
  expect(RETRY_HOURS[7]).toBeLessThan(60 * 24); // all inside the 2-month window
  const GRACE_END_HOURS = RETRY_HOURS[7] + 7 * 24;
  // Its wall time is a speed target, measured by `npm run bench` (docs/benchmarks.md), never asserted here.

  const charges = fake.callsOf('chargeInvoice');
  expect(charges.map((c) => hoursBetween(t0, c.simulatedAt))).toEqual(RETRY_HOURS);
  expect(charges.map((c) => c.input.idempotencyKey)).toEqual(RETRY_HOURS.map((_, i) => key(0, i + 1)));
  expect(key(0, 1)).toMatch(/^run:auto_annual:invoice:in_1:[0-9a-f-]{36}:0:1$/);
  expect(charges.every((c) => c.input.invoiceId === 'in_1' && c.input.dayMs === DAY)).toBe(true);
  // After the retries: the grace period, then the two end actions, once each, in order.
  const ends = fake.calls.filter((c) => c.name === 'cancelSubscription' || c.name === 'markInvoiceUncollectible');
  expect(ends.map((c) => [c.name, hoursBetween(t0, c.simulatedAt), c.input.idempotencyKey])).toEqual([
    ['cancelSubscription', GRACE_END_HOURS, key(2)],
    ['markInvoiceUncollectible', GRACE_END_HOURS, key(3)],
  ]);
  expect(ends[0].input.subscriptionId).toBe('sub_1');
  expect(fake.callsOf('sendTeamEmail')).toHaveLength(0);
  expect(outcome).toMatchObject({ status: 'completed', reason: 'invoice_marked_uncollectible', stepIndex: 3 });
  expect(hoursBetween(t0, outcome.at)).toBe(GRACE_END_HOURS);
  const records = fake.callsOf('recordRun').map((c) => c.input.type);
  expect(records.filter((t) => t === 'attempt')).toHaveLength(8);
  expect(records[0]).toBe('started');
  expect(records[records.length - 1]).toBe('outcome');
});

it('does nothing for a monthly subscription (no match; a mistaken start is skipped)', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'recipe1-monthly';
  const t0 = await env.currentTimeMs();
  const event = paymentFailed(t0, 'month');
  const { match, handle } = await dispatch(env.client, taskQueue, event, [candidate(automation, 1)]);
  expect(handle).toBeUndefined();
  expect(match?.evaluations[0].explanation.children?.[0]).toEqual({ passed: false, condition: 'subscription interval is year', seen: '"month"' });
  const outcome = await withWorker(taskQueue, fake.activities, () =>
    env.client.workflow.execute('automationRun', automationRunStartOptions({ automation, subject: { type: 'invoice', id: 'in_monthly' }, event, dayMs: DAY }, taskQueue)),
  );
  expect(outcome).toMatchObject({ status: 'skipped' });
  expect(fake.calls.filter((c) => c.name !== 'recordRun')).toEqual([]);
});

it('ends recovered when retry 3 succeeds, with no later action', async () => {
  const fake = fakeActivities(env, { chargeInvoice: chargeSequence(decline('insufficient_funds'), decline('insufficient_funds'), success) });
  const taskQueue = 'recipe1-paid-on-retry-3';
  const t0 = await env.currentTimeMs();
  let planned: number[] = [];
  const outcome = await withWorker(taskQueue, fake.activities, async () => {
    // An invoice of its own: the dispatcher's start options never reuse a closed run's id.
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_retry3' }), [candidate(automation, 1)]);
    planned = retryHours(t0, input!);
    const result = await handle!.result();
    const state = await handle!.query(stateQuery);
    expect(state.attempts.map((a) => [a.source, a.status, a.declineCode])).toEqual([
      ['trigger', 'failed', 'insufficient_funds'], ['run', 'failed', 'insufficient_funds'],
      ['run', 'failed', 'insufficient_funds'], ['run', 'succeeded', undefined],
    ]);
    await recordHistory('recipe1-paid-on-retry-3-network-rules', handle!);
    return result;
  });
  expect(fake.callsOf('chargeInvoice').map((c) => hoursBetween(t0, c.simulatedAt))).toEqual(planned.slice(0, 3));
  expect(outcome).toMatchObject({ status: 'recovered', reason: 'retry_succeeded', stepIndex: 0 });
  expect(fake.calls.filter((c) => !['chargeInvoice', 'recordRun'].includes(c.name))).toEqual([]);
});

it('ends without cancelling when the invoice is paid out of band during the grace period', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'recipe1-paid-during-grace';
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(taskQueue, fake.activities, async () => {
    const { handle, input } = await dispatch(env.client, taskQueue, paymentFailed(t0, 'year', 'insufficient_funds', { id: 'in_grace' }), [candidate(automation, 1)]);
    const last = retryHours(t0, input!)[7];
    const GRACE_END_HOURS = last + 7 * 24;
    await env.sleep(last * 3_600_000 + 3 * DAY); // all retries failed; 3 days into the grace period
    const state = await handle!.query(stateQuery);
    expect(state.step).toBe('wait');
    expect((await handle!.describe()).typedSearchAttributes.get(SA.RunStep)).toBe('wait'); // upserted as the run moves
    expect(hoursBetween(t0, state.nextAction!.at)).toBe(GRACE_END_HOURS);
    await handle!.signal(invoicePaidSignal);
    const result = await handle!.result();
    await recordHistory('recipe1-paid-during-grace-network-rules', handle!);
    return result;
  });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(8);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
  expect(fake.callsOf('markInvoiceUncollectible')).toHaveLength(0);
  expect(outcome).toMatchObject({ status: 'recovered', reason: 'invoice_paid', stepIndex: 1 });
  expect(outcome.at).toBeLessThan(t0 + 60 * DAY + 7 * DAY); // during the grace period
});
