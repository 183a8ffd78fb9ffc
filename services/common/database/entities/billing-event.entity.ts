import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type EventStatus = 'received' | 'dispatched' | 'ignored' | 'failed';

/** A billing event as received (raw payload), with what dispatching it decided. */
@Entity('events')
@Index('events_provider_event', ['provider', 'providerEventId'], { unique: true })
@Index('events_type_status', ['type', 'status'])
@Index('events_subject', ['subjectId'])
// Partial (only rows still to prune): declared in the migration, left alone by the schema comparison.
@Index('events_unpruned_received', { synchronize: false })
export class BillingEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `stripe`, `sandbox`, `generic` or `system` (derived due-date events). */
  @Column('text')
  provider: string;

  @Column('text', { name: 'provider_event_id' })
  providerEventId: string;

  /** The provider's event type, e.g. `invoice.payment_failed`. */
  @Column('text')
  type: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { default: 'received' })
  status: EventStatus;

  /** The domain event kind once normalized. */
  @Column('text', { nullable: true })
  kind: string | null;

  @Column('text', { name: 'subject_type', nullable: true })
  subjectType: string | null;

  @Column('text', { name: 'subject_id', nullable: true })
  subjectId: string | null;

  @Column('uuid', { name: 'matched_automation_id', nullable: true })
  matchedAutomationId: string | null;

  @Column('integer', { name: 'matched_version', nullable: true })
  matchedVersion: number | null;

  /** Why it matched (or not): every automation evaluated, every condition with the value seen. */
  @Column('jsonb', { nullable: true })
  explanation: Record<string, unknown> | null;

  /** What the dispatcher did: started run ids, signals sent, or the reason it did nothing. */
  @Column('jsonb', { nullable: true })
  outcome: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;
}
