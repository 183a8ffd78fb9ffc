import { Inject, Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import type { AutomationVersion } from '../../../domain/automation';
import type { BillingEvent } from '../../../domain/billing-event';
import type { DeadlineSpec } from '../../../domain/deadlines';
import { runIds, type AutomationRunInput } from '../../../domain/run';
import { nextRun, recurringTrigger, type LatestRun } from '../../../domain/run-succession';
import { deadlineWorkflowId, runWorkflowId, type EventRouting, type RunSubject } from '../../../domain/triggers';
import { automationRunStartOptions, invoiceDeadlineStartOptions } from '../../common/temporal/workflow-start-options';
import type * as workflows from '../../../workflows';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { preparedStatement, queryPrepared } from '../../common/database/prepared-statement';
import { recordDispatchedStart } from '../../common/database/run-projection';
import { runsStarted } from '../../common/metrics/dunning-metrics';
import { DISPATCHER_OPTIONS, type DispatcherOptions } from './dispatcher.options';

/** Workflow types by their shipped names (type-only: the gateway never loads workflow code). */
type WorkflowName = keyof typeof workflows;

/** A run this event started, or found already started (`existing`: a redelivery or a re-dispatch). */
export interface StartedRun {
  workflowId: string;
  automationId: string;
  version: number;
  existing: boolean;
}

/** Starts workflows idempotently, with the start options of services/common/temporal/workflow-start-options.ts. */
/** The subject's latest run of the automation (what decides whether an event starts the next one). */
const LATEST_RUN = preparedStatement('run_latest_of_subject', `SELECT id, status, trigger_event_id AS "triggerEventId" FROM runs
   WHERE automation_id = $1 AND subject_type = $2 AND subject_id = $3 ORDER BY started_at DESC LIMIT 1`);

@Injectable()
export class RunLauncher {
  constructor(
    private readonly client: Client,
    @InjectEntityManager() private readonly manager: EntityManager,
    @Inject(DISPATCHER_OPTIONS) private readonly options: DispatcherOptions,
  ) {}

  /**
   * Starts the `automationRun` of a matched version and records it in the `runs` projection: the subject's
   * first run, or the next one after a failed or canceled run (`domain/run-succession.ts`); `restart` starts
   * it whatever event the last run had.
   */
  async startRun(automation: AutomationVersion, subject: RunSubject, event: BillingEvent, eventRowId: string, restart = false): Promise<StartedRun> {
    const baseId = runWorkflowId(automation.automationId, subject);
    const [latest] = await queryPrepared<LatestRun>(this.manager, LATEST_RUN, [automation.automationId, subject.type, subject.id]);
    const next = nextRun(baseId, latest, restart ? { restart } : { eventId: eventRowId }, recurringTrigger(automation.trigger.type));
    const { workflowId } = next;
    const base = { workflowId, automationId: automation.automationId, version: automation.version };
    if (!next.start) return { ...base, existing: true };
    const previousRunId = next.previousRunId;
    const input: AutomationRunInput = { automation, subject, event, dayMs: this.options.dayMs, retryBounds: this.options.retryBounds, ...(previousRunId && { previousRunId }) };
    const ids = runIds(input);
    const runId = (await this.start(() => this.client.workflow.start('automationRun' satisfies WorkflowName, automationRunStartOptions(input, this.options.taskQueue, workflowId))))
      ?? (await this.startedBy(workflowId, event.id));
    if (runId === undefined) return { ...base, existing: true };
    // The run's own `started` record may have written the row first: the projection then adds the ids.
    await recordDispatchedStart(this.manager, {
      workflowId, automationId: automation.automationId, version: automation.version, subjectType: subject.type,
      subjectId: subject.id, customerId: ids.customerId, invoiceId: ids.invoiceId, subscriptionId: ids.subscriptionId,
      amountDue: event.invoice?.amountDue, currency: event.invoice?.currency, startedAt: new Date(),
      workflowRunId: runId, triggerEventId: eventRowId, previousRunId,
    });
    runsStarted.inc({ automation: automation.automationId });
    return { ...base, existing: false };
  }

  /** Starts the due-date timer of a finalized `send_invoice` invoice (or finds the one it has). */
  async startDeadline(deadline: NonNullable<EventRouting['deadline']>, deadlines: DeadlineSpec[]): Promise<{ workflowId: string; existing: boolean }> {
    const workflowId = deadlineWorkflowId(deadline.invoiceId);
    const input = { ...deadline, deadlines, dayMs: this.options.dayMs };
    const runId = await this.start(() => this.client.workflow.start('invoiceDeadline' satisfies WorkflowName, invoiceDeadlineStartOptions(input, this.options.taskQueue)));
    return { workflowId, existing: runId === undefined };
  }

  /**
   * The run id of the execution already holding `workflowId` when this very event started it: an earlier try
   * whose start reached Temporal but whose answer did not (a deadline while Temporal was coming back).
   */
  private async startedBy(workflowId: string, eventId: string): Promise<string | undefined> {
    const history = await this.client.withDeadline(Date.now() + this.options.temporalCallTimeoutMs, () =>
      this.client.workflowService.getWorkflowExecutionHistory({ namespace: this.client.options.namespace, execution: { workflowId }, maximumPageSize: 1 }));
    const started = history.history?.events?.[0]?.workflowExecutionStartedEventAttributes;
    const payload = started?.input?.payloads?.[0];
    if (!payload) return undefined;
    const input = (await decodeFromPayloadsAtIndex(this.client.options.loadedDataConverter, 0, [payload])) as Partial<AutomationRunInput> | undefined;
    return input?.event?.id === eventId ? (started.firstExecutionRunId ?? undefined) : undefined;
  }

  /** The new execution's run id, or undefined when the id was already used by a closed execution. */
  private async start(start: () => Promise<{ firstExecutionRunId: string }>): Promise<string | undefined> {
    try {
      const handle = await this.client.withDeadline(Date.now() + this.options.temporalCallTimeoutMs, start);
      return handle.firstExecutionRunId;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      throw error;
    }
  }
}
