import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Work for the dispatcher: written in the same transaction as the event, removed once dispatched. */
@Entity('outbox')
@Index('outbox_due', ['availableAt'])
@Index('outbox_created', ['createdAt'])
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

  /** The x-request-id of the request that stored the event (dispatch, workflow and activity logs carry it on). */
  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  /** W3C trace context (`traceparent`) of that request when tracing is on: dispatch continues its trace. */
  @Column('jsonb', { name: 'trace_context', nullable: true })
  traceContext: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
