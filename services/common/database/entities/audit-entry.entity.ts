import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One operator action (run cancel/skip-wait, automation disable/enable, personal-data erasure) and its author. */
@Entity('audit_log')
@Index('audit_log_subject', ['subject', 'at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  /** The admin key's name (`ADMIN_API_KEYS=name:key`), or `system`. */
  @Column('text')
  actor: string;

  /** e.g. `run.cancel`, `automation.disable`, `customer.personal_data_erased`. */
  @Column('text')
  action: string;

  /** What it was done to (a run id, an automation id, a customer id). */
  @Column('text')
  subject: string;

  @Column('jsonb', { default: {} })
  detail: Record<string, unknown>;
}
