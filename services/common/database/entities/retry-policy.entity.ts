import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A named, reusable retry policy; `retry_payment` steps reference it by id and snapshot it per version. */
@Entity('retry_policies')
@Index('retry_policies_name', ['name'], { unique: true })
export class RetryPolicyRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** The validated domain `RetryPolicy` (`smart` window + max retries, or `custom` day offsets). */
  @Column('jsonb')
  policy: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
