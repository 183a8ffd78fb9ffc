import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RunStatus } from '../../../../domain/statuses';
import type { RecoveryAttribution } from '../../../../domain/run';

/** The projection of one automation run (one workflow), for the admin API and analytics. */
@Entity('runs')
@Index('runs_automation', ['automationId', 'startedAt'])
@Index('runs_customer', ['customerId'])
@Index('runs_invoice', ['invoiceId'])
@Index('runs_subscription', ['subscriptionId'])
@Index('runs_status', ['status'])
@Index('runs_trigger_event', ['triggerEventId'])
@Index('runs_subject', ['automationId', 'subjectType', 'subjectId', 'startedAt'])
export class RunEntity {
  /** The workflow id: `run:{automationId}:{subjectType}:{subjectId}`, `:{n}` for the n-th run on the subject after the first. */
  @PrimaryColumn('text')
  id: string;

  /** The Temporal run id of the current execution. */
  @Column('text', { name: 'workflow_run_id', nullable: true })
  workflowRunId: string | null;

  @Column('uuid', { name: 'automation_id' })
  automationId: string;

  @Column('integer', { name: 'automation_version' })
  automationVersion: number;

  @Column('text', { name: 'subject_type' })
  subjectType: string;

  @Column('text', { name: 'subject_id' })
  subjectId: string;

  @Column('text', { name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column('text', { name: 'invoice_id', nullable: true })
  invoiceId: string | null;

  @Column('text', { name: 'subscription_id', nullable: true })
  subscriptionId: string | null;

  @Column('uuid', { name: 'trigger_event_id', nullable: true })
  triggerEventId: string | null;

  @Column('text', { default: 'running' })
  status: RunStatus;

  /** Why it ended, as the run says it: `invoice_paid`, `retry_succeeded`, `all_steps_done`, an operator's cancel reason, a failed step's error… */
  @Column('text', { nullable: true })
  outcome: string | null;

  /** For `recovered`: scheduled_retry, card_update_retry, backup_payment_method or paid_out_of_band. */
  @Column('text', { nullable: true })
  attribution: RecoveryAttribution | null;

  /** The class of the decline that started the run (never_on_this_card, wait_for_new_card_details, retry_after, soft). */
  @Column('text', { name: 'decline_class', nullable: true })
  declineClass: string | null;

  @Column('integer', { name: 'current_step', nullable: true })
  currentStep: number | null;

  /** Amount at stake (the invoice's amount due) and what was recovered, in minor units. */
  @Column('bigint', { name: 'amount_due', nullable: true })
  amountDue: string | null;

  @Column('bigint', { name: 'recovered_amount', default: 0 })
  recoveredAmount: string;

  @Column('text', { nullable: true })
  currency: string | null;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  /** The run's state at its end (attempts with decline codes, pauses, skipped and failed steps, emails). */
  @Column('jsonb', { name: 'final_state', nullable: true })
  finalState: Record<string, unknown> | null;

  /** The run this one follows on the same automation and subject (a restart, or a new event after it failed or was canceled). */
  @Column('text', { name: 'previous_run_id', nullable: true })
  previousRunId: string | null;
}
