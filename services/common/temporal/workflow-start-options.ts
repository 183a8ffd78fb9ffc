import type { WorkflowStartOptions } from '@temporalio/client';
import type { InvoiceDeadlineInput } from '../../../domain/deadlines';
import { isoDate } from '../../../domain/format';
import { runSummary, type AutomationRunInput } from '../../../domain/run';
import { deadlineWorkflowId, runWorkflowId } from '../../../domain/triggers';
import type { automationRun, invoiceDeadline } from '../../../workflows';
import { runSearchAttributes, runStartSearchAttributes } from '../../../workflows/search-attributes';

/**
 * How each workflow is started, in one place: the dispatcher, the tests and the benchmarks start runs
 * with these options, so a test run is started exactly as a production one. Ids are deterministic;
 * `FAIL` while one runs (so exactly the start that created the execution records `existing: false`; a
 * redelivered event is told WorkflowExecutionAlreadyStarted), and `REJECT_DUPLICATE` after it closed,
 * because a trigger happens once per automation and subject (a re-dispatched event must not start a
 * second dunning after the first one ended). A run that failed or was canceled is followed by a new one under
 * the next id of the subject's chain (`…:2`, `…:3`; domain/run-succession.ts), never by reusing an id: each
 * run keeps its own history, projection row and idempotency keys.
 */

const ONCE_PER_ID = { workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE' } as const;

/** Start options of `automationRun` for a matched version, subject and event. */
export function automationRunStartOptions(input: AutomationRunInput, taskQueue: string, workflowId = runWorkflowId(input.automation.automationId, input.subject)): WorkflowStartOptions<typeof automationRun> {
  const a = input.automation;
  return {
    taskQueue,
    workflowId,
    args: [input],
    ...ONCE_PER_ID,
    typedSearchAttributes: runStartSearchAttributes(input),
    staticSummary: runSummary(input),
    staticDetails: [
      `Automation ${a.automationId} v${a.version} (${a.name}), trigger ${a.trigger.type}`,
      `Subject: ${input.subject.type} ${input.subject.id}; event ${input.event.id} (${input.event.kind}) at ${isoDate(input.event.occurredAt)}`,
      `Steps: ${a.steps.map((s) => s.type).join(' → ')}; day length ${input.dayMs} ms`,
      ...(input.previousRunId ? [`Follows run ${input.previousRunId}`] : []),
    ].join('\n'),
  };
}

/** Start options of the `invoiceDeadline` timer of a `send_invoice` invoice. */
export function invoiceDeadlineStartOptions(input: InvoiceDeadlineInput, taskQueue: string): WorkflowStartOptions<typeof invoiceDeadline> {
  return {
    taskQueue,
    workflowId: deadlineWorkflowId(input.invoiceId),
    args: [input],
    ...ONCE_PER_ID,
    typedSearchAttributes: runSearchAttributes({ InvoiceId: input.invoiceId, CustomerId: input.customerId, RunStep: 'deadline' }),
    staticSummary: `Due-date timer of invoice ${input.invoiceId}`,
    staticDetails: `Invoice ${input.invoiceId} of customer ${input.customerId}, due ${isoDate(input.dueDate)}; ${input.deadlines.length} deadline(s)`,
  };
}
