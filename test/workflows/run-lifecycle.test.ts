import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { DEFAULT_ACTIVITY_RETRY_BOUNDS } from '../../domain/activity-retry';
import type { AutomationDefinition, Step } from '../../domain/automation';
import type { AutomationRunInput } from '../../domain/run';
import { RunFailureType } from '../../domain/run-failures';
import { BillingErrorType } from '../../providers/billing/billing-errors';
import { BillingProviderError } from '../../providers/billing/billing-provider';
import { automationRunStartOptions } from '../../services/common/temporal/workflow-start-options';
import type { automationRun } from '../../workflows';
import { stateQuery } from '../../workflows/messages';
import { customer, paymentFailed, version } from '../../testkit/automation-fixtures';
import { decline, fakeActivities, success, type FakeActivities } from '../../testkit/fake-activities';
import { DAY, recordHistory, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { inMemoryDeps, recordingMailer } from '../support/in-memory-ports';
import { FakeBilling } from '../../testkit/fake-billing';

/**
 * The run lifecycle: every step bounded (a dead webhook endpoint fails its step within the configured bound),
 * each step kind's failure behaviour, failed runs as failed workflows, subscription steps skipped on an invoice
 * without one, and Temporal cancellation interrupting a retrying activity or a wait.
 */

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;
useTimeSkipping((ready) => ({ env, bundle } = ready));

const WEBHOOK_BOUND_MS = 60_000;
const hook: Step = { type: 'emit_webhook', url: 'https://hooks.acme.test/dunning' };
const retry: Step = { type: 'retry_payment', policy: { type: 'custom', days: [1] } };

async function start(taskQueue: string, def: Omit<AutomationDefinition, 'name' | 'trigger'>, invoiceId: string, at: number, noSubscription = false): Promise<WorkflowHandleWithFirstExecutionRunId<typeof automationRun>> {
  const automation = version({ name: 'Lifecycle', trigger: { type: 'subscription_payment_failed' }, ...def }, `auto_${taskQueue}`);
  const event = paymentFailed(at, 'month', 'insufficient_funds', { id: invoiceId });
  if (noSubscription) {
    (event as { subscription?: unknown }).subscription = undefined;
    (event.invoice as { subscriptionId?: string }).subscriptionId = undefined;
  }
  const retryBounds = { ...DEFAULT_ACTIVITY_RETRY_BOUNDS, webhook: { maxAttempts: 200, maxElapsedMs: WEBHOOK_BOUND_MS } };
  const input: AutomationRunInput = { automation, subject: { type: 'invoice', id: invoiceId }, event, dayMs: DAY, retryBounds };
  return env.client.workflow.start<typeof automationRun>('automationRun', automationRunStartOptions(input, taskQueue));
}

const records = (fake: FakeActivities, type: string) => fake.callsOf('recordRun').map((c) => c.input).filter((r) => r.type === type);
const deadEndpoint = async (): Promise<never> => {
  throw new Error('connect ECONNREFUSED 127.0.0.1:9'); // transient as far as the emitter knows: retried
};

it('fails a webhook step to a dead endpoint once its retry bound is used up, and the run goes on to charge', async () => {
  const fake = fakeActivities(env, { emitWebhook: deadEndpoint, chargeInvoice: async () => success });
  const t0 = await env.currentTimeMs();
  const { handle, outcome } = await withWorker(env, bundle, 'dead-webhook', fake.activities, async () => {
    const h = await start('dead-webhook', { steps: [hook, retry] }, 'in_dead', t0);
    return { handle: h, outcome: await h.result() };
  });
  await recordHistory('lifecycle-dead-webhook', handle);
  const attempts = fake.callsOf('emitWebhook');
  expect(attempts.length).toBeGreaterThan(3); // retried with backoff…
  const [failed] = records(fake, 'step_failed');
  expect(failed).toMatchObject({ stepIndex: 0, step: 'emit_webhook', failureType: 'StepRetriesExhausted', onFailure: 'continue' });
  expect(failed.at - t0).toBeLessThanOrEqual(WEBHOOK_BOUND_MS + 5_000); // …until the bound (simulated clock), not for ever
  expect(fake.callsOf('chargeInvoice')).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'recovered', reason: 'retry_succeeded' });
});

it('records a customer email that cannot be sent (no address) and goes on with the dunning', async () => {
  const billing = new FakeBilling({ unknownIds: 'invent', payInvoice: async () => ({ status: 'succeeded', cardBrand: 'visa', cardFingerprint: 'fp_1', invoiceStatus: 'paid', attemptedAt: 0 }) });
  billing.getCustomer = async () => ({ ...customer, email: undefined });
  const real = createActivities(inMemoryDeps({ billing, mailer: recordingMailer() }));
  const fake = fakeActivities(env, { sendCustomerEmail: real.sendCustomerEmail });
  const t0 = await env.currentTimeMs();
  const outcome = await withWorker(env, bundle, 'no-email', fake.activities, async () => {
    const h = await start('no-email', { steps: [{ type: 'send_customer_email', template: 'payment_failed' }, retry] }, 'in_noemail', t0);
    const result = await h.result();
    expect((await h.query(stateQuery)).notes).toEqual([expect.objectContaining({ kind: 'failed', step: 'send_customer_email', failureType: 'CustomerHasNoEmail' })]);
    return result;
  });
  expect(fake.callsOf('sendCustomerEmail')).toHaveLength(1); // hopeless: not retried
  expect(records(fake, 'step_failed')).toEqual([expect.objectContaining({ stepIndex: 0, failureType: 'CustomerHasNoEmail', message: 'Customer cus_1 has no email address', onFailure: 'continue' })]);
  expect(fake.callsOf('chargeInvoice')).toHaveLength(1);
  expect(outcome.status).toBe('completed'); // the fake charge declines; the policy's one retry is done
});

it('ends a run that cannot act as failed: the outcome is recorded, then the workflow fails', async () => {
  const billing = new FakeBilling({ unknownIds: 'invent', payInvoice: async () => {
    throw new BillingProviderError('Invalid API Key provided', BillingErrorType.Auth, false);
  } });
  const real = createActivities(inMemoryDeps({ billing }));
  const fake = fakeActivities(env, { chargeInvoice: real.chargeInvoice });
  const t0 = await env.currentTimeMs();
  const handle = await withWorker(env, bundle, 'cannot-act', fake.activities, async () => {
    const h = await start('cannot-act', { steps: [retry, { type: 'cancel_subscription' }] }, 'in_auth', t0);
    const error = await h.result().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowFailedError);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(ApplicationFailure);
    expect((error as WorkflowFailedError).cause).toMatchObject({ type: RunFailureType.BillingRejected, message: expect.stringContaining('Invalid API Key') });
    return h;
  });
  await recordHistory('lifecycle-failed-run', handle);
  expect((await handle.describe()).status.name).toBe('FAILED');
  expect(records(fake, 'outcome')).toEqual([expect.objectContaining({ outcome: expect.objectContaining({ status: 'failed', failureType: RunFailureType.BillingRejected, stepIndex: 0 }) })]);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0); // money-moving: the run ended there
});

it('skips a subscription step with a recorded note when the invoice has no subscription', async () => {
  const fake = fakeActivities(env);
  const t0 = await env.currentTimeMs();
  const { handle, outcome } = await withWorker(env, bundle, 'skip-sub', fake.activities, async () => {
    const h = await start('skip-sub', { steps: [{ type: 'cancel_subscription' }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'x' }] }, 'in_nosub', t0, true);
    return { handle: h, outcome: await h.result() };
  });
  await recordHistory('lifecycle-skipped-step', handle);
  expect(records(fake, 'step_skipped')).toEqual([expect.objectContaining({ stepIndex: 0, step: 'cancel_subscription', reason: 'the invoice has no subscription' })]);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
  expect(fake.callsOf('sendTeamEmail')).toHaveLength(1);
  expect(outcome).toMatchObject({ status: 'completed', reason: 'all_steps_done' });
});

it('a Temporal cancellation interrupts a webhook retrying against a dead endpoint: canceled in the projection and in Temporal', async () => {
  const fake = fakeActivities(env, { emitWebhook: deadEndpoint });
  const t0 = await env.currentTimeMs();
  const handle = await withWorker(env, bundle, 'cancel-retrying', fake.activities, async () => {
    const h = await start('cancel-retrying', { steps: [{ ...hook }, retry] }, 'in_cancel', t0);
    while (fake.callsOf('emitWebhook').length < 2) await env.sleep(1_000); // it is retrying
    await h.cancel();
    const error = await h.result().then(() => undefined, (e: unknown) => e);
    expect((error as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    return h;
  });
  await recordHistory('lifecycle-cancel-retrying-webhook', handle);
  expect((await handle.describe()).status.name).toBe('CANCELLED');
  expect(records(fake, 'outcome')).toEqual([expect.objectContaining({ outcome: expect.objectContaining({ status: 'canceled', stepIndex: 0 }) })]);
  expect(fake.callsOf('chargeInvoice')).toHaveLength(0);
});

it('a cancellation during a charge lets the charge finish and records its attempt before the canceled outcome', async () => {
  let cancel: (() => Promise<void>) | undefined;
  const fake = fakeActivities(env, {
    chargeInvoice: async () => {
      await cancel!(); // the cancellation arrives while the charge is in flight
      return decline('insufficient_funds');
    },
  });
  const t0 = await env.currentTimeMs();
  await withWorker(env, bundle, 'cancel-charge', fake.activities, async () => {
    const h = await start('cancel-charge', { steps: [retry, { type: 'cancel_subscription' }] }, 'in_cancel_charge', t0);
    cancel = async () => void (await h.cancel());
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect((await h.describe()).status.name).toBe('CANCELLED');
  });
  const order = fake.callsOf('recordRun').map((c) => c.input.type).filter((t) => t === 'attempt' || t === 'outcome');
  expect(order).toEqual(['attempt', 'outcome']);
  expect(records(fake, 'outcome')[0].outcome).toMatchObject({ status: 'canceled' });
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
});

it('a cancellation ends a wait at once', async () => {
  const fake = fakeActivities(env);
  const t0 = await env.currentTimeMs();
  await withWorker(env, bundle, 'cancel-wait', fake.activities, async () => {
    const h = await start('cancel-wait', { steps: [{ type: 'wait', days: 30 }, { type: 'cancel_subscription' }] }, 'in_cancel_wait', t0);
    await env.sleep(DAY);
    await h.cancel();
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
  });
  expect(records(fake, 'outcome')[0].outcome).toMatchObject({ status: 'canceled', stepIndex: 0 });
  expect(Math.round((records(fake, 'outcome')[0].at - t0) / DAY)).toBe(1);
  expect(fake.callsOf('cancelSubscription')).toHaveLength(0);
});
