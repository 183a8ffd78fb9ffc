import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A registered receiver of outbound run events, with its signing secrets (the previous one signs too until it expires). */
@Entity('webhook_endpoints')
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  url: string;

  @Column('text', { default: '' })
  description: string;

  /** Event types it receives (`*`: all). */
  @Column('text', { name: 'event_types', array: true })
  eventTypes: string[];

  /** Off: no events are queued for it. */
  @Column('boolean', { default: true })
  enabled: boolean;

  /** `active`, or `failing` once a delivery ran out of its retry window (new events wait until it is re-enabled). */
  @Column('text', { default: 'active' })
  status: 'active' | 'failing';

  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince: Date | null;

  @Column('text', { select: false })
  secret: string;

  @Column('text', { name: 'previous_secret', nullable: true, select: false })
  previousSecret: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
