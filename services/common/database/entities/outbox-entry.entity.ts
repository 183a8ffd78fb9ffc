import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Work for the dispatcher: written in the same transaction as the event, removed once dispatched. */
@Entity('outbox')
@Index('outbox_due', ['availableAt'])
export class OutboxEntryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'event_id', unique: true })
  eventId: string;

  @Column('integer', { default: 0 })
  attempts: number;

  /** Not before this time (backoff after a failed dispatch). */
  @Column('timestamptz', { name: 'available_at', default: () => 'now()' })
  availableAt: Date;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
