import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The delivery outbox: one event for one endpoint, written in the transaction of the run record it comes from,
 * sent by the gateway's delivery loop with backoff (`pending` → `delivered`, or `failed` after the retry window;
 * `held` while its endpoint is failing).
 */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_message', ['endpointId', 'messageId'], { unique: true })
@Index('webhook_deliveries_due', ['endpointId', 'status', 'nextAttemptAt'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  /** `webhook-id`: the same for every attempt of the message. */
  @Column('text', { name: 'message_id' })
  messageId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('text', { name: 'run_id', nullable: true })
  runId: string | null;

  /** `{type, timestamp, data}`, sent as is. */
  @Column('jsonb')
  body: Record<string, unknown>;

  @Column('text', { default: 'pending' })
  status: 'pending' | 'delivered' | 'failed' | 'held';

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column('timestamptz', { name: 'first_attempt_at', nullable: true })
  firstAttemptAt: Date | null;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Column('integer', { name: 'last_status', nullable: true })
  lastStatus: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'delivered_at', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
