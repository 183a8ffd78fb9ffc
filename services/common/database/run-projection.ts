import type { EntityManager } from 'typeorm';
import type { RunRecord } from '../../../activities/deps';
import type { RunOutcome } from '../../../domain/run';
import { RunStepEntity } from './entities/run-step.entity';
import { RunEntity } from './entities/run.entity';

/** What is known of a run when it starts: the run's own `started` record, or the dispatcher's same facts. */
export type RunStart = Omit<Extract<RunRecord, { type: 'started' }>, 'type' | 'at' | 'idempotencyKey'> & {
  startedAt: Date;
  /** Only the dispatcher knows these two: the execution it started and the event that started it. */
  workflowRunId?: string;
  triggerEventId?: string;
};

/** Serializes every write of one run (the dispatcher's and the run's own records) within the transaction. */
export async function lockRun(tx: EntityManager, workflowId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`run:${workflowId}`]);
}

/**
 * The one writer of the `runs` table, used by the dispatcher (a run it started) and by the run's own records
 * (`PostgresRunRecorder`). Call it in a transaction holding `lockRun`.
 */
export class RunProjection {
  constructor(private readonly tx: EntityManager) {}

  /**
   * Records a start. Whichever of the dispatcher and the run writes first creates the row; the other only
   * fills what it alone knows. A start of the run itself on an ended row of the same workflow id is a later
   * run of the automation on the subject: it replaces the row and its timeline.
   */
  async started(s: RunStart): Promise<void> {
    const existing = await this.tx.findOneBy(RunEntity, { id: s.workflowId });
    const sameRun = existing && (s.workflowRunId !== undefined || existing.endedAt === null || existing.startedAt.getTime() === s.startedAt.getTime());
    if (existing && sameRun) {
      if (s.workflowRunId === undefined) { // the run's own start, retried or after the dispatcher's: only the run knows the class
        if (s.declineClass) await this.tx.update(RunEntity, { id: s.workflowId }, { declineClass: s.declineClass });
        return;
      }
      await this.tx.createQueryBuilder().update(RunEntity)
        .set({ workflowRunId: () => 'COALESCE(workflow_run_id, :runId)', triggerEventId: () => 'COALESCE(trigger_event_id, :eventId)' })
        .where('id = :id', { id: s.workflowId }).setParameters({ runId: s.workflowRunId, eventId: s.triggerEventId ?? null }).execute();
      return;
    }
    if (existing) await this.tx.delete(RunStepEntity, { runId: s.workflowId });
    await this.tx.save(RunEntity, {
      id: s.workflowId, workflowRunId: s.workflowRunId ?? null, automationId: s.automationId, automationVersion: s.version,
      subjectType: s.subjectType, subjectId: s.subjectId, customerId: s.customerId ?? null, invoiceId: s.invoiceId ?? null,
      subscriptionId: s.subscriptionId ?? null, triggerEventId: s.triggerEventId ?? null, status: 'running', outcome: null,
      currentStep: null, amountDue: s.amountDue === undefined ? null : String(s.amountDue), recoveredAmount: '0',
      currency: s.currency ?? null, startedAt: s.startedAt, endedAt: null, attribution: null, declineClass: s.declineClass ?? null,
    });
  }

  /** Moves a running run to a step. */
  async stepEntered(workflowId: string, stepIndex: number): Promise<void> {
    await this.tx.createQueryBuilder().update(RunEntity).set({ currentStep: stepIndex })
      .where('id = :id AND ended_at IS NULL', { id: workflowId }).execute();
  }

  /** Ends a running run; false when it had ended before (the first outcome stands). */
  async ended(workflowId: string, { status, reason, stepIndex, at, attribution }: RunOutcome): Promise<boolean> {
    const result = await this.tx.createQueryBuilder().update(RunEntity)
      .set({ status, outcome: reason, currentStep: stepIndex, endedAt: new Date(at), attribution: attribution ?? null,
        recoveredAmount: () => (status === 'recovered' ? 'COALESCE(amount_due, 0)' : '0') })
      .where('id = :id AND ended_at IS NULL', { id: workflowId }).execute();
    return !!result.affected;
  }
}
