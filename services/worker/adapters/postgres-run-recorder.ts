import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { RunRecord, RunRecorder } from '../../../activities/deps';
import { describeRetryReason } from '../../../domain/card-network/retry-reason';
import { RunStepEntity } from '../../common/database/entities/run-step.entity';
import { lockRun, RunProjection } from '../../common/database/run-projection';
import { recoveredAmount, runsEnded } from '../../common/metrics/dunning-metrics';
import { withRunEvents } from '../../common/webhooks/run-event-outbox';

type Of<T extends RunRecord['type']> = Extract<RunRecord, { type: T }>;

/** A run this record ended (its first outcome). */
interface EndedRun { automationId: string; status: string; recovered: number; currency: string | null }

function countEnded({ automationId, status, recovered, currency }: EndedRun): void {
  runsEnded.inc({ automation: automationId, outcome: status });
  if (recovered > 0) recoveredAmount.inc({ currency: currency ?? 'unknown' }, recovered);
}

/**
 * The run projection: one `runs` row per workflow id (written through `RunProjection`, as the dispatcher does)
 * plus `run_steps` rows (a row per step, a row per payment attempt). Records of one run are serialized by an advisory lock on its id, and each timeline row carries the
 * record's idempotency key (unique), so a retried `recordRun` finds its row and changes nothing. The outbound
 * events a record means are queued in its transaction (`withRunEvents`), never sent from here.
 */
export class PostgresRunRecorder implements RunRecorder {
  constructor(private readonly dataSource: DataSource) {}

  async record(record: RunRecord): Promise<void> {
    const ended = await this.dataSource.transaction(async (tx): Promise<EndedRun | void> => {
      await lockRun(tx, record.workflowId);
      return withRunEvents(tx, record, () => this.apply(tx, record)); // the outbound events of the record, in its transaction
    });
    if (ended) countEnded(ended); // after commit: a rolled-back outcome is recorded (and counted) by the retry
  }

  private async apply(tx: EntityManager, record: RunRecord): Promise<EndedRun | void> {
    const at = new Date(record.at);
    switch (record.type) {
      case 'started': return this.started(tx, record, at);
      case 'step_started': return this.stepStarted(tx, record, at);
      case 'attempt': return this.attempt(tx, record, at);
      case 'email': return this.email(tx, record);
      case 'step_failed': return this.stepFailed(tx, record, at);
      case 'step_skipped': return this.stepSkipped(tx, record, at);
      case 'outcome': return this.outcome(tx, record, at);
    }
  }

  private async started(tx: EntityManager, r: Of<'started'>, at: Date): Promise<void> {
    await new RunProjection(tx).started({ ...r, startedAt: at });
  }

  private async stepStarted(tx: EntityManager, r: Of<'step_started'>, at: Date): Promise<void> {
    if (!(await this.insertStep(tx, r, { stepIndex: r.stepIndex, attempt: 0, type: r.step, status: 'running', startedAt: at }))) return;
    // Steps run in order: entering one ends the one before.
    await tx.createQueryBuilder().update(RunStepEntity).set({ status: 'completed', endedAt: at })
      .where('run_id = :id AND attempt = 0 AND ended_at IS NULL AND step_index <> :i', { id: r.workflowId, i: r.stepIndex }).execute();
    await new RunProjection(tx).stepEntered(r.workflowId, r.stepIndex);
  }

  private async attempt(tx: EntityManager, r: Of<'attempt'>, at: Date): Promise<void> {
    const [{ next }] = await tx.query(
      'SELECT COALESCE(MAX(attempt), 0) + 1 AS next FROM run_steps WHERE run_id = $1 AND step_index = $2', [r.workflowId, r.stepIndex]);
    await this.insertStep(tx, r, {
      stepIndex: r.stepIndex, attempt: Number(next), type: 'payment_attempt', status: r.status, declineCode: r.declineCode ?? null,
      detail: attemptDetail(r), startedAt: at, endedAt: at,
    });
  }

  private async email(tx: EntityManager, r: Of<'email'>): Promise<void> {
    // The email belongs to its step's row; writing the same facts again is harmless.
    await tx.update(RunStepEntity, { runId: r.workflowId, stepIndex: r.stepIndex, attempt: 0 },
      { detail: { email: { template: r.template, to: r.to, messageId: r.messageId } } });
  }

  private async stepFailed(tx: EntityManager, r: Of<'step_failed'>, at: Date): Promise<void> {
    // The failure belongs to its step's row (a failed charge step has its attempts as further rows).
    const { failureType, message, onFailure } = r;
    await tx.update(RunStepEntity, { runId: r.workflowId, stepIndex: r.stepIndex, attempt: 0 },
      { status: 'failed', endedAt: at, detail: { failure: { failureType: failureType ?? null, message, onFailure } } });
  }

  private async stepSkipped(tx: EntityManager, r: Of<'step_skipped'>, at: Date): Promise<void> {
    if (!(await this.insertStep(tx, r, { stepIndex: r.stepIndex, attempt: 0, type: r.step, status: 'skipped', detail: { note: r.reason }, startedAt: at, endedAt: at }))) {
      await tx.update(RunStepEntity, { runId: r.workflowId, stepIndex: r.stepIndex, attempt: 0 }, { status: 'skipped', endedAt: at, detail: { note: r.reason } });
    }
  }

  private async outcome(tx: EntityManager, r: Of<'outcome'>, at: Date): Promise<EndedRun | void> {
    const { status } = r.outcome;
    if (!(await new RunProjection(tx).ended(r.workflowId, r.outcome, r.state))) return; // recorded before: the first outcome stands
    const [row] = (await tx.query('SELECT automation_id, recovered_amount, currency FROM runs WHERE id = $1', [r.workflowId])) as
      { automation_id: string; recovered_amount: string; currency: string | null }[];
    await tx.createQueryBuilder().update(RunStepEntity).set({ status: status === 'failed' ? 'failed' : 'completed', endedAt: at })
      .where('run_id = :id AND attempt = 0 AND ended_at IS NULL', { id: r.workflowId }).execute();
    return { automationId: row.automation_id, status, recovered: Number(row.recovered_amount), currency: row.currency };
  }

  /** Inserts a timeline row keyed by the record; false when the key was recorded before. */
  private async insertStep(tx: EntityManager, r: RunRecord, row: QueryDeepPartialEntity<RunStepEntity>): Promise<boolean> {
    const result = await tx.createQueryBuilder().insert().into(RunStepEntity)
      .values({ ...row, runId: r.workflowId, idempotencyKey: r.idempotencyKey }).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length > 0;
  }
}

/** What an attempt's row keeps beside its status: a deferral's end and rule, and why the attempt was made then. */
function attemptDetail(r: Of<'attempt'>): QueryDeepPartialEntity<RunStepEntity>['detail'] {
  const detail = {
    ...(r.deferredUntil !== undefined && { deferredUntil: new Date(r.deferredUntil).toISOString() }),
    ...(r.rule && { rule: r.rule }),
    ...(r.reason && { reason: r.reason, why: describeRetryReason(r.reason) }),
  };
  return Object.keys(detail).length ? detail : null;
}
