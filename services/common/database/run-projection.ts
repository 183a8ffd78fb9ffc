import type { EntityManager } from 'typeorm';
import type { RunRecord } from '../../../activities/deps';
import type { RunOutcome, RunState } from '../../../domain/run';
import { RunStepEntity } from './entities/run-step.entity';
import { preparedStatement, queryPrepared } from './prepared-statement';
import { RunEntity } from './entities/run.entity';

/** What is known of a run when it starts: the run's own `started` record, or the dispatcher's same facts. */
export type RunStart = Omit<Extract<RunRecord, { type: 'started' }>, 'type' | 'at' | 'idempotencyKey'> & {
  startedAt: Date;
  /** Only the dispatcher knows these two: the execution it started and the event that started it. */
  workflowRunId?: string;
  triggerEventId?: string;
  /** The run this one follows (a restart, or a new event after a failed or canceled run). */
  previousRunId?: string;
};

const runLockKey = (workflowId: string) => `run:${workflowId}`;

/** Serializes every write of one run (the dispatcher's and the run's own records) within the transaction. */
export async function lockRun(tx: EntityManager, workflowId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [runLockKey(workflowId)]);
}

const DISPATCHED_START = preparedStatement('run_dispatched_start', `WITH lock AS (SELECT pg_advisory_xact_lock(hashtext($1)))
   INSERT INTO runs (id, workflow_run_id, automation_id, automation_version, subject_type, subject_id, customer_id, invoice_id,
                     subscription_id, trigger_event_id, status, amount_due, recovered_amount, currency, started_at, decline_class, previous_run_id)
   SELECT $2, $3, $4::uuid, $5::int, $6, $7, $8, $9, $10, $11::uuid, 'running', $12::bigint, 0, $13, $14::timestamptz, $15, $16 FROM lock
   ON CONFLICT (id) DO UPDATE SET workflow_run_id = COALESCE(runs.workflow_run_id, EXCLUDED.workflow_run_id),
     trigger_event_id = COALESCE(runs.trigger_event_id, EXCLUDED.trigger_event_id), previous_run_id = COALESCE(runs.previous_run_id, EXCLUDED.previous_run_id)`);

/**
 * The dispatcher's record of a run it has just started: `RunProjection.started` with the execution's run id,
 * as one statement (one round trip instead of a transaction of six). The statement takes the run's lock
 * first and holds it to its end; then a new row, or — when the run's own `started` record wrote the row
 * first — only the ids the dispatcher alone knows, filled where still empty. ON CONFLICT acts on the latest
 * committed row, so it needs no read of its own.
 */
export async function recordDispatchedStart(manager: EntityManager, s: RunStart & { workflowRunId: string }): Promise<void> {
  await queryPrepared(manager, DISPATCHED_START,
    [runLockKey(s.workflowId), s.workflowId, s.workflowRunId, s.automationId, s.version, s.subjectType, s.subjectId, s.customerId ?? null,
      s.invoiceId ?? null, s.subscriptionId ?? null, s.triggerEventId ?? null, s.amountDue === undefined ? null : String(s.amountDue),
      s.currency ?? null, s.startedAt, s.declineClass ?? null, s.previousRunId ?? null],
  );
}

/**
 * The one writer of the `runs` table, used by the dispatcher (a run it started) and by the run's own records
 * (`PostgresRunRecorder`). Call it in a transaction holding `lockRun`.
 */
export class RunProjection {
  constructor(private readonly tx: EntityManager) {}

  /**
   * Records the run's own start. Whichever of the dispatcher (recordDispatchedStart) and the run writes first
   * creates the row; the run then only adds the class of its decline. A start on an ended row of the same
   * workflow id is a later run of the automation on the subject: it replaces the row and its timeline.
   */
  async started(s: Omit<RunStart, 'workflowRunId' | 'triggerEventId'>): Promise<void> {
    const existing = await this.tx.findOneBy(RunEntity, { id: s.workflowId });
    if (existing && (existing.endedAt === null || existing.startedAt.getTime() === s.startedAt.getTime())) {
      if (s.declineClass) await this.tx.update(RunEntity, { id: s.workflowId }, { declineClass: s.declineClass });
      return;
    }
    if (existing) await this.tx.delete(RunStepEntity, { runId: s.workflowId });
    await this.tx.save(RunEntity, {
      id: s.workflowId, workflowRunId: null, automationId: s.automationId, automationVersion: s.version,
      subjectType: s.subjectType, subjectId: s.subjectId, customerId: s.customerId ?? null, invoiceId: s.invoiceId ?? null,
      subscriptionId: s.subscriptionId ?? null, triggerEventId: null, status: 'running', outcome: null,
      currentStep: null, amountDue: s.amountDue === undefined ? null : String(s.amountDue), recoveredAmount: '0',
      currency: s.currency ?? null, startedAt: s.startedAt, endedAt: null, attribution: null, declineClass: s.declineClass ?? null,
      finalState: null, previousRunId: s.previousRunId ?? null,
    });
  }

  /** Moves a running run to a step. */
  async stepEntered(workflowId: string, stepIndex: number): Promise<void> {
    await this.tx.createQueryBuilder().update(RunEntity).set({ currentStep: stepIndex })
      .where('id = :id AND ended_at IS NULL', { id: workflowId }).execute();
  }

  /** Ends a running run, keeping its final state if known; false when it had ended before (the first outcome stands). */
  async ended(workflowId: string, { status, reason, stepIndex, at, attribution }: RunOutcome, finalState?: RunState): Promise<boolean> {
    const result = await this.tx.createQueryBuilder().update(RunEntity)
      .set({ status, outcome: reason, currentStep: stepIndex, endedAt: new Date(at), attribution: attribution ?? null, finalState: () => ':finalState',
        recoveredAmount: () => (status === 'recovered' ? 'COALESCE(amount_due, 0)' : '0') })
      .where('id = :id AND ended_at IS NULL', { id: workflowId }).setParameters({ finalState: finalState ? JSON.stringify(finalState) : null }).execute();
    return !!result.affected;
  }
}
