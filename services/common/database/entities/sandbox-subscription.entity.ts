import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SubscriptionStatus } from '../../../../domain/billing';

/** A sandbox subscription (`sub_…`) of one customer to one price. */
@Entity('sandbox_subscriptions')
@Index('sandbox_subscriptions_customer', ['customerId'])
export class SandboxSubscriptionEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { name: 'customer_id' })
  customerId: string;

  @Column('text', { name: 'price_id' })
  priceId: string;

  @Column('text', { default: 'active' })
  status: SubscriptionStatus;

  @Column('timestamptz', { name: 'current_period_end' })
  currentPeriodEnd: Date;

  @Column('timestamptz', { name: 'canceled_at', nullable: true })
  canceledAt: Date | null;

  @Column('text', { name: 'cancellation_reason', nullable: true })
  cancellationReason: string | null;

  @Column('jsonb', { default: {} })
  metadata: Record<string, string>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
