import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step (or one payment attempt of a retry step) of a run, as it happened. */
@Entity('run_steps')
@Index('run_steps_run_step_attempt', ['runId', 'stepIndex', 'attempt'], { unique: true })
export class RunStepEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text', { name: 'run_id' })
  runId: string;

  @Column('integer', { name: 'step_index' })
  stepIndex: number;

  /** 0 for the step itself; 1..n for each payment attempt of a `retry_payment` step. */
  @Column('integer', { default: 0 })
  attempt: number;

  /** The step type (`retry_payment`, `wait`, `cancel_subscription`, …) or `payment_attempt`. */
  @Column('text')
  type: string;

  @Column('text')
  status: string;

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  @Column('jsonb', { nullable: true })
  detail: Record<string, unknown> | null;

  /** The projection record's idempotency key: a retried `recordRun` finds its row and adds nothing. */
  @Column('text', { name: 'idempotency_key', nullable: true, unique: true })
  idempotencyKey: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
