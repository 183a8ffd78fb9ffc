import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** What a charge on a sandbox card does: `succeed`, or `decline` with `declineCode` and the network's codes. */
export type ScriptedOutcome = { outcome: 'succeed' } | { outcome: 'decline'; declineCode: string; networkDeclineCode?: string; networkAdviceCode?: string };

/** A sandbox card (`pm_…`) with its scripted outcomes: queued ones first, then the default. */
@Entity('sandbox_payment_methods')
@Index('sandbox_payment_methods_customer', ['customerId'])
export class SandboxPaymentMethodEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'customer_id' })
  customerId: string;

  @Column('text')
  brand: string;

  @Column('text')
  last4: string;

  /** Identifies the physical card: the network retry caps count attempts per fingerprint. */
  @Column('text')
  fingerprint: string;

  /** `succeed` or `decline` (hard declines are declines with a hard code such as `stolen_card`). */
  @Column('text', { default: 'succeed' })
  outcome: 'succeed' | 'decline';

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  /** Outcomes for the next charges, consumed in order before the default applies. */
  @Column('jsonb', { name: 'next_outcomes', default: [] })
  nextOutcomes: ScriptedOutcome[];

  /** Expiry month (1–12) and year: the card works to the end of that month. */
  @Column('integer', { name: 'exp_month', nullable: true })
  expMonth: number | null;

  @Column('integer', { name: 'exp_year', nullable: true })
  expYear: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
