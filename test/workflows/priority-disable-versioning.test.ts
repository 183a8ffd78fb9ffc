import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { AutomationDefinition } from '../../domain/automation';
import { cancelSignal, stateQuery } from '../../workflows/messages';
import { candidate, paymentFailed, recipe1, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { DAY, recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

// Short dunning: one retry a day later, a grace period, then cancel.
const short = (graceDays: number): AutomationDefinition => ({
  ...recipe1,
  steps: [{ type: 'retry_payment', policy: { type: 'custom', days: [1] } }, { type: 'wait', days: graceDays }, { type: 'cancel_subscription' }],
});

useTimeSkipping((ready) => ({ env, bundle } = ready));

it('runs only the first of two matching automations (priority)', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'priority';
  const first = version(short(2), 'auto_first');
  const second = version(short(2), 'auto_second');
  const t0 = await env.currentTimeMs();
  await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    // Listed out of order on purpose: priority, not list order, decides.
    const { match, handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(second, 2), candidate(first, 1)]);
    expect(match?.winner?.automationId).toBe('auto_first');
    expect(match?.evaluations.map((e) => e.automationId)).toEqual(['auto_first']);
    await handle!.result();
    await expect(env.client.workflow.getHandle('run:auto_second:invoice:in_1').describe()).rejects.toThrow(/not found/i);
  });
  expect(new Set(fake.calls.map((c) => c.input.idempotencyKey?.split(':')[1]))).toEqual(new Set(['auto_first']));
});

it('disable mode finish: the in-flight run ends normally, new events start nothing', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'disable-finish';
  const automation = version(short(2), 'auto_finish');
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(automation, 1)]);
    await env.sleep(DAY + 3_600_000); // retry failed, grace period running
    // Disabled with mode finish: the dispatcher no longer matches it; the run gets no signal.
    const next = await dispatch(env.client, taskQueue, paymentFailed(t0 + DAY, 'year', 'insufficient_funds', { id: 'in_9' }), [candidate(automation, 1, false)]);
    expect(next.handle).toBeUndefined();
    return handle!.result();
  });
  expect(outcome).toMatchObject({ status: 'completed', reason: 'subscription_canceled' });
  expect(fake.callsOf('cancelSubscription').map((c) => Math.round((c.simulatedAt - t0) / DAY))).toEqual([3]);
});

it('disable mode cancel: the run stops before its next action', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'disable-cancel';
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(version(short(7), 'auto_cancel'), 1)]);
    await env.sleep(2 * DAY); // in the grace period
    await handle!.signal(cancelSignal, { reason: 'automation_disabled' });
    const result = await handle!.result();
    await recordHistory('disable-cancel', handle!);
    return result;
  });
  expect(fake.callsOf('chargeInvoice')).toHaveLength(1);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
  expect(outcome).toMatchObject({ status: 'canceled', reason: 'automation_disabled', stepIndex: 1 });
  expect(Math.round((outcome.at - t0) / DAY)).toBe(2);
});

it('keeps its version after the automation is edited', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'version-pinning';
  const v1 = version(short(7), 'auto_pinned', 1);
  const v2 = version(short(1), 'auto_pinned', 2); // the edit: a 1-day grace period
  const t0 = await env.currentTimeMs();
  const [oldKey, editedKey] = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const old = await dispatch(env.client, taskQueue, paymentFailed(t0), [candidate(v1, 1)]);
    await env.sleep(DAY + 3_600_000);
    const edited = await dispatch(env.client, taskQueue, paymentFailed(t0 + DAY, 'year', 'insufficient_funds', { id: 'in_new' }), [candidate(v2, 1)]);
    expect((await old.handle!.query(stateQuery)).version).toBe(1);
    await edited.handle!.result();
    await old.handle!.result();
    return [runKeyOf(old.handle!, 2), runKeyOf(edited.handle!, 2)];
  });
  const cancels = fake.callsOf('cancelSubscription').map((c) => [c.input.idempotencyKey, Math.round((c.simulatedAt - t0) / DAY)]);
  expect(cancels).toEqual([
    [editedKey, 3], // v2: failed day 1, retry day 2, 1-day grace
    [oldKey, 8], // v1: retry day 1, 7-day grace, as when it started
  ]);
  expect([editedKey, oldKey].map((k) => k.split(':').slice(0, 4).join(':'))).toEqual(['run:auto_pinned:invoice:in_new', 'run:auto_pinned:invoice:in_1']);
});
