import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { InvoiceStatus } from '../../../../domain/billing';

/** One charge attempt on a sandbox invoice (`ch_…`); its idempotency key makes a replay return it again. */
@Entity('sandbox_charges')
@Index('sandbox_charges_invoice', ['invoiceId'])
export class SandboxChargeEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  @Column('text', { name: 'invoice_id' })
  invoiceId: string;

  @Column('text', { name: 'payment_method_id', nullable: true })
  paymentMethodId: string | null;

  @Column('text', { name: 'card_brand', nullable: true })
  cardBrand: string | null;

  @Column('text', { name: 'card_fingerprint', nullable: true })
  cardFingerprint: string | null;

  @Column('integer')
  amount: number;

  @Column('text')
  currency: string;

  @Column('text')
  status: 'succeeded' | 'failed';

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  @Column('text', { name: 'network_decline_code', nullable: true })
  networkDeclineCode: string | null;

  @Column('text', { name: 'network_advice_code', nullable: true })
  networkAdviceCode: string | null;

  @Column('text', { name: 'failure_message', nullable: true })
  failureMessage: string | null;

  /** The invoice's status right after this attempt (part of the first answer a replay returns). */
  @Column('text', { name: 'invoice_status' })
  invoiceStatus: InvoiceStatus;

  /** 1 for the invoice's first attempt. */
  @Column('integer', { name: 'attempt_number' })
  attemptNumber: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
