import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CollectionMethod, InvoiceStatus } from '../../../../domain/billing';

/** A sandbox invoice (`in_…`); created open (finalized), like an invoice ready to collect. */
@Entity('sandbox_invoices')
@Index('sandbox_invoices_customer', ['customerId'])
@Index('sandbox_invoices_subscription', ['subscriptionId'])
export class SandboxInvoiceEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  number: string;

  @Column('text', { name: 'customer_id' })
  customerId: string;

  @Column('text', { name: 'subscription_id', nullable: true })
  subscriptionId: string | null;

  /** The price billed (a subscription's price, or a one-off line). */
  @Column('text', { name: 'price_id', nullable: true })
  priceId: string | null;

  @Column('text', { default: 'open' })
  status: InvoiceStatus;

  /** Minor units. */
  @Column('integer', { name: 'amount_due' })
  amountDue: number;

  @Column('integer', { name: 'amount_paid', default: 0 })
  amountPaid: number;

  @Column('text')
  currency: string;

  @Column('text', { name: 'collection_method', default: 'charge_automatically' })
  collectionMethod: CollectionMethod;

  @Column('timestamptz', { name: 'due_date', nullable: true })
  dueDate: Date | null;

  @Column('integer', { name: 'attempt_count', default: 0 })
  attemptCount: number;

  @Column('jsonb', { default: {} })
  metadata: Record<string, string>;

  /** True when paid outside the ledger (a bank transfer, a check). */
  @Column('boolean', { name: 'paid_out_of_band', default: false })
  paidOutOfBand: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
