import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { AutomationVersion } from '../../../domain/automation';
import type { BillingEvent } from '../../../domain/billing-event';
import type { DeadlineSpec } from '../../../domain/deadlines';
import { runIds, runSummary, type AutomationRunInput } from '../../../domain/run';
import { deadlineWorkflowId, runWorkflowId, type EventRouting, type RunSubject } from '../../../domain/triggers';
import type * as workflows from '../../../workflows';
import { DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';
import { runSearchAttributes } from '../../../workflows/search-attributes';

/** Workflow types by their shipped names (type-only: the gateway never loads workflow code). */
type WorkflowName = keyof typeof workflows;

/** A run this event started, or found already started (`existing`: a redelivery or a re-dispatch). */
export interface StartedRun {
  workflowId: string;
  automationId: string;
  version: number;
  existing: boolean;
}

/**
 * Starts workflows idempotently: deterministic ids, `FAIL` while one runs, and `REJECT_DUPLICATE` after it
 * closed, because a trigger happens once per automation and subject (a re-dispatched event must not start a
 * second dunning after the first one ended). Both refusals arrive as WorkflowExecutionAlreadyStarted, so
 * exactly one start — the one that created the execution — records `existing: false`, even with several
 * dispatchers racing for the same subject.
 */
@Injectable()
export class RunLauncher {
  constructor(
    private readonly client: Client,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
  ) {}

  /** Starts the `automationRun` of a matched version and records it in the `runs` projection. */
  async startRun(automation: AutomationVersion, subject: RunSubject, event: BillingEvent, eventRowId: string): Promise<StartedRun> {
    const workflowId = runWorkflowId(automation.automationId, subject);
    const base = { workflowId, automationId: automation.automationId, version: automation.version };
    const known: { id: string }[] = await this.manager.query('SELECT id FROM runs WHERE id = $1', [workflowId]);
    if (known.length) return { ...base, existing: true };
    const input: AutomationRunInput = { automation, subject, event, dayMs: this.options.dayMs };
    const ids = runIds(input);
    const runId = await this.start('automationRun' satisfies WorkflowName, workflowId, [input], {
      AutomationId: automation.automationId, CustomerId: ids.customerId, InvoiceId: ids.invoiceId,
      SubscriptionId: ids.subscriptionId, RunStep: 'starting',
    }, runSummary(input));
    if (runId === undefined) return { ...base, existing: true };
    const inv = event.invoice;
    // ON CONFLICT: the run's own `started` record may have written the row first.
    await this.manager.query(
      `INSERT INTO runs (id, workflow_run_id, automation_id, automation_version, subject_type, subject_id, customer_id,
         invoice_id, subscription_id, trigger_event_id, status, amount_due, currency, started_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running', $11, $12, now()) ON CONFLICT (id) DO NOTHING`,
      [workflowId, runId, automation.automationId, automation.version, subject.type, subject.id, ids.customerId ?? null,
        ids.invoiceId ?? null, ids.subscriptionId ?? null, eventRowId, inv?.amountDue ?? null, inv?.currency ?? null],
    );
    return { ...base, existing: false };
  }

  /** Starts the due-date timer of a finalized `send_invoice` invoice (or finds the one it has). */
  async startDeadline(deadline: NonNullable<EventRouting['deadline']>, deadlines: DeadlineSpec[]): Promise<{ workflowId: string; existing: boolean }> {
    const workflowId = deadlineWorkflowId(deadline.invoiceId);
    const input = { ...deadline, deadlines, dayMs: this.options.dayMs };
    const runId = await this.start('invoiceDeadline' satisfies WorkflowName, workflowId, [input], {
      InvoiceId: deadline.invoiceId, CustomerId: deadline.customerId, RunStep: 'deadline',
    }, `Due-date timer of invoice ${deadline.invoiceId}`);
    return { workflowId, existing: runId === undefined };
  }

  /** The new execution's run id, or undefined when the id is taken (by a running or a closed execution). */
  private async start(
    type: WorkflowName, workflowId: string, args: unknown[], attributes: Parameters<typeof runSearchAttributes>[0], summary: string,
  ): Promise<string | undefined> {
    try {
      const handle = await this.client.withDeadline(Date.now() + this.options.temporalCallTimeoutMs, () =>
        this.client.workflow.start(type, {
          taskQueue: this.options.taskQueue, workflowId, args,
          workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: runSearchAttributes(attributes), staticSummary: summary,
        }),
      );
      return handle.firstExecutionRunId;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      throw error;
    }
  }
}
