import { Context } from '@temporalio/activity';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { RunFailureType as ErrorType } from '../../domain/run-failures';
import type { AutomationDefinition } from '../../domain/automation';
import type { AutomationRunInput } from '../../domain/run';
import type { automationRun } from '../../workflows';
import { paymentFailed, version } from '../../testkit/automation-fixtures';
import { decline, fakeActivities, type ActivityCall } from '../../testkit/fake-activities';
import { inMemoryDeps, recordingMailer } from '../support/in-memory-ports';
import { FakeBilling } from '../../testkit/fake-billing';
import { DAY, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { automationRunStartOptions } from '../../services/common/temporal/workflow-start-options';

/**
 * Idempotency keys are `{workflowId}:{firstExecutionRunId}:…`: a later run that reuses the workflow id
 * (same automation and subject, after the first run closed) must not have its charges and emails taken
 * for repeats of the first run's, while Temporal's retries of one activity must keep their key.
 */

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const def: AutomationDefinition = {
  name: 'Every kind of keyed effect',
  trigger: { type: 'subscription_payment_failed' },
  steps: [
    { type: 'retry_payment', policy: { type: 'custom', days: [1] } },
    { type: 'send_customer_email', template: 'payment_failed' },
    { type: 'emit_webhook', url: 'https://hooks.acme.test/dunning' },
  ],
};
const automation = version(def, 'auto_keys');
const workflowId = 'run:auto_keys:invoice:in_1';

async function start(taskQueue: string): Promise<WorkflowHandleWithFirstExecutionRunId<typeof automationRun>> {
  const input: AutomationRunInput = { automation, subject: { type: 'invoice', id: 'in_1' }, event: paymentFailed(await env.currentTimeMs()), dayMs: DAY };
  // As the dispatcher starts it, except that the id may be reused after a close (as an operator can):
  // that later run is what this file is about.
  return env.client.workflow.start<typeof automationRun>('automationRun', { ...automationRunStartOptions(input, taskQueue), workflowIdReusePolicy: 'ALLOW_DUPLICATE' });
}

const keysOf = (calls: ActivityCall[]) => calls.map((c) => c.input.idempotencyKey as string);

it('gives a later run under the same workflow id keys of its own, so its effects are not taken for repeats', async () => {
  const billing = new FakeBilling({ unknownIds: 'invent' });
  const mailer = recordingMailer();
  const real = createActivities(inMemoryDeps({ billing, mailer }));
  const fake = fakeActivities(env, { chargeInvoice: real.chargeInvoice, sendCustomerEmail: real.sendCustomerEmail });
  const taskQueue = 'keys-two-runs';
  const [first, second] = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const a = await start(taskQueue);
    await a.result();
    const callsOfA = fake.calls.length;
    const b = await start(taskQueue); // the first closed: the id is free again (ALLOW_DUPLICATE)
    await b.result();
    return [{ handle: a, calls: fake.calls.slice(0, callsOfA) }, { handle: b, calls: fake.calls.slice(callsOfA) }];
  });
  expect(second.handle.workflowId).toBe(first.handle.workflowId);
  expect(second.handle.firstExecutionRunId).not.toBe(first.handle.firstExecutionRunId);

  const [keysA, keysB] = [first, second].map(({ handle, calls }) => {
    const keys = keysOf(calls);
    for (const key of keys) expect(key.startsWith(`${workflowId}:${handle.firstExecutionRunId}:`)).toBe(true);
    return keys;
  });
  const mutating = ['chargeInvoice', 'sendCustomerEmail', 'emitWebhook'];
  expect(first.calls.filter((c) => mutating.includes(c.name)).map((c) => c.name)).toEqual(mutating);
  expect(keysA.filter((k) => keysB.includes(k))).toEqual([]);
  // Same steps, same suffixes: only the run id differs.
  const suffixes = (keys: string[], { firstExecutionRunId }: { firstExecutionRunId: string }) => keys.map((k) => k.split(`:${firstExecutionRunId}:`)[1]);
  expect(suffixes(keysB, second.handle)).toEqual(suffixes(keysA, first.handle));
  expect(suffixes(keysA, first.handle)).toEqual(expect.arrayContaining(['0:1', '1', '2', 'started', 'outcome']));

  // With the real activities: the second run's charge reaches the provider and its email is sent.
  expect(billing.charges.map(({ idempotencyKey }) => idempotencyKey)).toEqual([keysOf(first.calls.filter((c) => c.name === 'chargeInvoice'))[0], keysOf(second.calls.filter((c) => c.name === 'chargeInvoice'))[0]]);
  expect(mailer.sent).toHaveLength(2);
});

// An emitter that refuses as the HTTP one does on a 410 (see services/worker/adapters/http-webhook-emitter.ts).
const refusingWebhooks = {
  emit: async (): Promise<{ status: number }> => {
    throw ApplicationFailure.nonRetryable('Webhook https://hooks.acme.test/dunning answered 410', ErrorType.WebhookRejected, { status: 410 });
  },
};

it('keeps the key of an activity across its retries', async () => {
  let charges = 0;
  let emails = 0;
  const fake = fakeActivities(env, {
    chargeInvoice: async () => {
      if (++charges < 3) throw new Error('provider timeout'); // transient: Temporal retries with the same input
      return decline('insufficient_funds');
    },
    sendCustomerEmail: async (i) => {
      if (++emails < 2) throw new Error('SMTP 421');
      return { messageId: `msg:${i.idempotencyKey}`, to: ['jane@customer.test'] };
    },
    emitWebhook: createActivities(inMemoryDeps({ webhooks: refusingWebhooks })).emitWebhook,
  });
  const attempts: Record<string, number[]> = {};
  for (const name of ['chargeInvoice', 'sendCustomerEmail'] as const) {
    const inner = fake.activities[name] as (i: unknown) => Promise<unknown>;
    (fake.activities as unknown as Record<string, unknown>)[name] = async (i: unknown) => {
      (attempts[name] ??= []).push(Context.current().info.attempt);
      return inner(i);
    };
  }
  const taskQueue = 'keys-retries';
  const { handle, outcome } = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const h = await start(taskQueue);
    return { handle: h, outcome: await h.result() };
  });
  expect(attempts).toEqual({ chargeInvoice: [1, 2, 3], sendCustomerEmail: [1, 2] });
  const chargeKeys = keysOf(fake.callsOf('chargeInvoice'));
  expect(chargeKeys).toEqual(Array(3).fill(`${workflowId}:${handle.firstExecutionRunId}:0:1`));
  expect(keysOf(fake.callsOf('sendCustomerEmail'))).toEqual(Array(2).fill(`${workflowId}:${handle.firstExecutionRunId}:1`));
  // A refused webhook is hopeless: tried once, its failure recorded with its type, and the run goes on (a notification).
  expect(fake.callsOf('emitWebhook')).toHaveLength(1);
  expect(fake.callsOf('recordRun').map((c) => c.input)).toContainEqual(expect.objectContaining({
    type: 'step_failed', stepIndex: 2, step: 'emit_webhook', failureType: 'WebhookRejected', message: 'Webhook https://hooks.acme.test/dunning answered 410', onFailure: 'continue',
  }));
  expect(outcome).toMatchObject({ status: 'completed', stepIndex: 3 });
  expect(fake.callsOf('emitWebhook')[0].input.idempotencyKey).toBe(`${workflowId}:${handle.firstExecutionRunId}:2`);
});
