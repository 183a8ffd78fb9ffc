import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One charge attempt on a physical card, across all runs: the card-network caps count these. */
@Entity('card_attempts')
@Index('card_attempts_fingerprint_time', ['fingerprint', 'attemptedAt'])
export class CardAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  fingerprint: string;

  @Column('text', { nullable: true })
  brand: string | null;

  /** On the run's clock (epoch ms stored as a timestamp). */
  @Column('timestamptz', { name: 'attempted_at' })
  attemptedAt: Date;

  /** The charge's idempotency key: a retried reservation finds its first answer. */
  @Column('text', { name: 'idempotency_key', unique: true })
  idempotencyKey: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
