import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A customer of the sandbox billing ledger (`cus_…`). */
@Entity('sandbox_customers')
export class SandboxCustomerEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  name: string | null;

  @Column('jsonb', { default: {} })
  metadata: Record<string, string>;

  @Column('text', { name: 'default_payment_method_id', nullable: true })
  defaultPaymentMethodId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
