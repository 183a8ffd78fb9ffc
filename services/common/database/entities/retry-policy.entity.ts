import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RetryPolicy } from '../../../../domain/automation';

/** A named, reusable retry policy; `retry_payment` steps reference it by id and snapshot it per version. */
@Entity('retry_policies')
@Index('retry_policies_name', ['name'], { unique: true })
export class RetryPolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** `smart` window + max retries, or `custom` day offsets (validated before it is stored). */
  @Column('jsonb')
  policy: RetryPolicy;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
