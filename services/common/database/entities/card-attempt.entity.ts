import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One charge attempt on a physical card, across all runs and whoever made it (a run, the provider's own
 * retry, a sandbox charge): the per-card budgets count these, and `GET /v1/cards/{fingerprint}/attempts`
 * lists them. One attempt is one row: the run's charge key, or the provider's charge id, is unique.
 */
@Entity('card_attempts')
@Index('card_attempts_fingerprint_time', ['fingerprint', 'attemptedAt'])
@Index('card_attempts_charge', ['chargeId'], { unique: true })
@Index('card_attempts_attempted', ['attemptedAt'])
export class CardAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  fingerprint: string;

  @Column('text', { nullable: true })
  brand: string | null;

  /** On the run's clock for a run's attempt, the provider's time otherwise (epoch ms stored as a timestamp). */
  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;

  /** The charge's idempotency key (`observed:…` for attempts seen in events): a retried reservation finds its first answer. */
  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  /** `run` (reserved by a run before charging) or `provider` (seen in a provider event). */
  @Column('text', { default: 'run' })
  source: 'run' | 'provider';

  /** `pending` until the charge's result is booked, then `succeeded` or `failed`. */
  @Column('text', { default: 'pending' })
  outcome: 'pending' | 'succeeded' | 'failed';

  @Column('text', { name: 'run_id', nullable: true })
  runId: string | null;

  @Column('text', { name: 'invoice_id', nullable: true })
  invoiceId: string | null;

  @Column('text', { name: 'payment_method_id', nullable: true })
  paymentMethodId: string | null;

  @Column('text', { name: 'charge_id', nullable: true })
  chargeId: string | null;

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  @Column('text', { name: 'network_decline_code', nullable: true })
  networkDeclineCode: string | null;

  @Column('text', { name: 'network_advice_code', nullable: true })
  networkAdviceCode: string | null;

  /** The classifier's verdict (`never_on_this_card`, `soft`, …) and the rule that decided it. */
  @Column('text', { name: 'decline_class', nullable: true })
  declineClass: string | null;

  @Column('text', { name: 'decline_rule', nullable: true })
  declineRule: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
