import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import { createActivities, type Activities } from '../../activities';
import { deadlinesOf, type InvoiceDeadlineInput } from '../../domain/deadlines';
import { deadlineWorkflowId } from '../../domain/triggers';
import type { MatchCandidate } from '../../domain/matching';
import type { invoiceDeadline } from '../../workflows';
import { candidate, overdue, recipe2, sendInvoice, version } from '../../testkit/automation-fixtures';
import { dispatch, type Dispatched } from '../../testkit/dispatch';
import { fakeActivities } from '../../testkit/fake-activities';
import { inMemoryDeps, recordingMailer } from '../support/in-memory-ports';
import { DAY, recordHistory, runKeyOf, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { invoiceDeadlineStartOptions } from '../../services/common/temporal/workflow-start-options';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

/**
 * Runs an invoice's deadline timer; the mocked `raiseDerivedEvent` plays the gateway: it dispatches the
 * derived event (match → start run), as the real pipeline would.
 */
async function overdueScenario(taskQueue: string, amountDue: number, automations: MatchCandidate[], activities?: Partial<Activities>) {
  const t0 = await env.currentTimeMs();
  const inv = sendInvoice(t0 + 3 * DAY, amountDue);
  const dispatched: Dispatched[] = [];
  const fake = fakeActivities(env, {
    ...activities,
    raiseDerivedEvent: async (e) => {
      dispatched.push(await dispatch(env.client, taskQueue, overdue(inv, e.days, e.occurredAt), automations));
      return { accepted: true };
    },
  });
  await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const input: InvoiceDeadlineInput = { invoiceId: inv.id, customerId: inv.customerId, dueDate: inv.dueDate!, deadlines: deadlinesOf(automations.map((a) => a.current)), dayMs: DAY };
    const timer = await env.client.workflow.start<typeof invoiceDeadline>('invoiceDeadline', { ...invoiceDeadlineStartOptions(input, taskQueue), workflowId: `${deadlineWorkflowId(inv.id)}:${taskQueue}` });
    await expect(timer.result()).resolves.toEqual({ status: 'done', raised: ['derived:invoice_overdue:in_2:7'] });
    await dispatched[0]?.handle?.result().catch(() => undefined);
    if (dispatched[0]?.handle) await recordHistory(`recipe2-${taskQueue}`, dispatched[0].handle);
  });
  return { t0, inv, fake, dispatched };
}

it('sends one team email "Invoice over $500 overdue by 7 days" 7 days after the due date', async () => {
  const { t0, fake, dispatched } = await overdueScenario('team-email', 75_000, [candidate(version(recipe2, 'auto_large'), 1)]);
  const raised = fake.callsOf('raiseDerivedEvent');
  expect(raised).toHaveLength(1);
  expect(raised[0].input).toMatchObject({ kind: 'invoice_overdue', days: 7, invoiceId: 'in_2', occurredAt: t0 + 10 * DAY });
  expect(Math.round((raised[0].simulatedAt - t0) / DAY)).toBe(10);
  const emails = fake.callsOf('sendTeamEmail');
  expect(emails).toHaveLength(1);
  expect(emails[0].input).toMatchObject({
    to: ['finance@acme.test'],
    memo: 'Invoice over $500 overdue by 7 days',
    idempotencyKey: runKeyOf(dispatched[0].handle!, 0),
    context: { days_overdue: 7, invoice: { number: 'ACME-0002', amount_due: '$750.00' } },
  });
  expect(Math.round((emails[0].simulatedAt - t0) / DAY)).toBe(10);
  await expect(dispatched[0].handle!.result()).resolves.toMatchObject({ status: 'completed' });
});

it('starts no run for a $499 invoice', async () => {
  const { fake, dispatched } = await overdueScenario('under-500', 49_900, [candidate(version(recipe2, 'auto_large'), 1)]);
  expect(dispatched[0].handle).toBeUndefined();
  expect(dispatched[0].match?.evaluations[0].explanation).toEqual({ passed: false, condition: 'invoice amount due ≥ $500.01', seen: '$499.00' });
  expect(fake.callsOf('sendTeamEmail')).toHaveLength(0);
});

it('refuses a recipient outside the company domain and account users with a clear error', async () => {
  const def = { ...recipe2, steps: [{ ...recipe2.steps[0], to: ['finance@acme.test', 'leak@evil.test'] }] };
  const mailer = recordingMailer();
  const real = createActivities(inMemoryDeps({ mailer }));
  const { fake, dispatched } = await overdueScenario('refused', 75_000, [candidate(version(def, 'auto_leaky'), 1)], { sendTeamEmail: real.sendTeamEmail });
  expect(fake.callsOf('sendTeamEmail')).toHaveLength(1); // non-retryable: tried once
  expect(mailer.sent).toEqual([]);
  // A notification's failure is recorded with its code and message; the run goes on (here: to its end).
  const outcome = await dispatched[0].handle!.result();
  expect(outcome.status).toBe('completed');
  expect(fake.callsOf('recordRun').map((c) => c.input)).toContainEqual(expect.objectContaining({
    type: 'step_failed', stepIndex: 0, failureType: 'TeamRecipientNotAllowed', onFailure: 'continue',
    message: 'Team email refused for leak@evil.test: team emails may only go to account users or to addresses on the company domain (@acme.test)',
  }));
});
