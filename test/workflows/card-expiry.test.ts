import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { AutomationDefinition } from '../../domain/automation';
import type { BillingEvent } from '../../domain/billing-event';
import type { cardExpirySweep } from '../../workflows';
import { stateQuery } from '../../workflows/messages';
import { candidate, version } from '../../testkit/automation-fixtures';
import { dispatch } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { recordHistory, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const reminder = version({
  name: 'card expiry reminder', trigger: { type: 'payment_method_expiring', days: 30 },
  steps: [{ type: 'send_customer_email', template: 'card_expiring' }, { type: 'send_team_email', to: ['ops@acme.test'], memo: 'Reminded {{customer.id}}' }],
} as AutomationDefinition, 'auto_expiry');

const expiring = (at: number): BillingEvent => ({
  id: 'derived:payment_method_expiring:pm_1:2027-01', provider: 'system', kind: 'payment_method_expiring', occurredAt: at, days: 25,
  paymentMethod: { id: 'pm_1', customerId: 'cus_1', cardBrand: 'visa', last4: '4242', expMonth: 1, expYear: 2027 },
});

it('skips the reminder (a recorded step_skipped, the run goes on) when the email activity finds the card replaced', async () => {
  const fake = fakeActivities(env, { sendCustomerEmail: async () => ({ messageId: '', to: [], skipped: 'the customer uses another payment method since the reminder was due' }) });
  const taskQueue = 'card-expiry-skipped';
  const t0 = await env.currentTimeMs();
  const { outcome, state } = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const { handle } = await dispatch(env.client, taskQueue, expiring(t0), [candidate(reminder, 1)]);
    const result = await handle!.result();
    await recordHistory('card-expiring-reminder-skipped', handle!);
    return { outcome: result, state: await handle!.query(stateQuery) };
  });
  expect(outcome).toMatchObject({ status: 'completed', reason: 'all_steps_done' });
  expect(fake.callsOf('sendCustomerEmail')[0].input).toMatchObject({ template: 'card_expiring', context: { payment_method: { id: 'pm_1', last4: '4242', exp_month: 1, exp_year: 2027 }, days_until_expiry: 25 } });
  expect(state.notes).toMatchObject([{ kind: 'skipped', stepIndex: 0, step: 'send_customer_email' }]);
  expect(state.emails.map((e) => e.template)).toEqual(['team_memo']);
  const records = fake.callsOf('recordRun').map((c) => c.input.type);
  expect(records).toContain('step_skipped');
});

it('the daily sweep workflow calls its activity once and returns its counts', async () => {
  let calls = 0;
  const sweepExpiringCards = async () => {
    calls++;
    return { due: 3, raised: 2 };
  };
  const taskQueue = 'card-expiry-sweep';
  const result = await withWorker(env, bundle, taskQueue, { sweepExpiringCards }, async () => {
    const handle = await env.client.workflow.start<typeof cardExpirySweep>('cardExpirySweep', { taskQueue, workflowId: 'card-expiry-sweep:test', args: [] });
    const r = await handle.result();
    await recordHistory('card-expiry-sweep', handle);
    return r;
  });
  expect(result).toEqual({ due: 3, raised: 2 });
  expect(calls).toBe(1);
});
