import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EmailStatus } from '../../../../domain/statuses';

/** Every email the system sends: the row is written before sending, keyed by the step's idempotency key. */
@Entity('emails')
@Index('emails_run', ['runId'])
// Partial indexes (bodies still to prune; sends of unknown outcome): declared in their migrations, left alone by the
// schema comparison, which cannot express a WHERE clause.
@Index('emails_unpruned_created', { synchronize: false })
@Index('emails_unknown', { synchronize: false })
export class EmailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  @Column('text', { name: 'run_id', nullable: true })
  runId: string | null;

  @Column('text')
  template: string;

  /** The `email_templates` version and language it was rendered from (null for emails sent before versions). */
  @Column('integer', { name: 'template_version', nullable: true })
  templateVersion: number | null;

  @Column('text', { name: 'template_language', nullable: true })
  templateLanguage: string | null;

  @Column('text', { name: 'reply_to', nullable: true })
  replyTo: string | null;

  @Column('text', { array: true, name: 'to_addresses' })
  to: string[];

  @Column('text', { name: 'from_address' })
  from: string;

  @Column('text')
  subject: string;

  @Column('text')
  html: string;

  @Column('text')
  text: string;

  /** `outbox` or `sendgrid`. */
  @Column('text')
  provider: string;

  @Column('text', { name: 'provider_message_id', nullable: true })
  providerMessageId: string | null;

  @Column('text', { default: 'pending' })
  status: EmailStatus;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  /** Send attempts that reached the provider call (automatic and manual). */
  @Column('integer', { default: 0 })
  attempts: number;

  /** When the last attempt claimed the row (`sending`). */
  @Column('timestamptz', { name: 'attempted_at', nullable: true })
  attemptedAt: Date | null;

  /** The admin key that last resent it by hand, and when. */
  @Column('text', { name: 'resent_by', nullable: true })
  resentBy: string | null;

  @Column('timestamptz', { name: 'resent_at', nullable: true })
  resentAt: Date | null;
}
