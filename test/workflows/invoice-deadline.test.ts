import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundle } from '@temporalio/worker';
import type { InvoiceDeadlineInput } from '../../domain/deadlines';
import type { invoiceDeadline } from '../../workflows';
import { invoicePaidSignal } from '../../workflows/messages';
import { RUN_SEARCH_ATTRIBUTES as SA } from '../../workflows/search-attributes';
import { fakeActivities } from '../../testkit/fake-activities';
import { DAY, recordHistory, withWorker } from '../../testkit/time-skipping';
import { useTimeSkipping } from '../support/time-skipping-suite';
import { invoiceDeadlineStartOptions } from '../../services/common/temporal/workflow-start-options';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

useTimeSkipping((ready) => ({ env, bundle } = ready));

const deadlines: InvoiceDeadlineInput['deadlines'] = [
  { kind: 'invoice_overdue', days: 7 },
  { kind: 'invoice_due_date_upcoming', days: 3 },
  { kind: 'invoice_overdue', days: 30 },
];

it('raises due-date-upcoming and overdue events at due date ± N days', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'deadline-all';
  const t0 = await env.currentTimeMs();
  const input: InvoiceDeadlineInput = { invoiceId: 'in_d1', customerId: 'cus_1', dueDate: t0 + 10 * DAY, deadlines, dayMs: DAY };
  const result = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const handle = await env.client.workflow.start<typeof invoiceDeadline>('invoiceDeadline', invoiceDeadlineStartOptions(input, taskQueue));
    const r = await handle.result();
    const { typedSearchAttributes: attributes } = await handle.describe();
    expect([SA.InvoiceId, SA.CustomerId, SA.RunStep, SA.AutomationId].map((k) => attributes.get(k))).toEqual(['in_d1', 'cus_1', 'deadline', undefined]);
    await recordHistory('invoice-deadline', handle);
    return r;
  });
  const raised = fake.callsOf('raiseDerivedEvent');
  expect(raised.map((c) => [c.input.id, Math.round((c.simulatedAt - t0) / DAY), (c.input.occurredAt - t0) / DAY])).toEqual([
    ['derived:invoice_due_date_upcoming:in_d1:3', 7, 7],
    ['derived:invoice_overdue:in_d1:7', 17, 17],
    ['derived:invoice_overdue:in_d1:30', 40, 40],
  ]);
  expect(result).toEqual({ status: 'done', raised: raised.map((c) => c.input.id) });
});

it('stops when the invoice is paid first', async () => {
  const fake = fakeActivities(env);
  const taskQueue = 'deadline-paid';
  const t0 = await env.currentTimeMs();
  const input: InvoiceDeadlineInput = { invoiceId: 'in_d2', customerId: 'cus_1', dueDate: t0 + 10 * DAY, deadlines, dayMs: DAY };
  const result = await withWorker(env, bundle, taskQueue, fake.activities, async () => {
    const handle = await env.client.workflow.start<typeof invoiceDeadline>('invoiceDeadline', invoiceDeadlineStartOptions(input, taskQueue));
    await env.sleep(12 * DAY);
    await handle.signal(invoicePaidSignal);
    return handle.result();
  });
  expect(fake.callsOf('raiseDerivedEvent').map((c) => c.input.id)).toEqual(['derived:invoice_due_date_upcoming:in_d2:3']);
  expect(result).toEqual({ status: 'settled', raised: ['derived:invoice_due_date_upcoming:in_d2:3'] });
});
