import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AutomationStatus } from '../../../../domain/statuses';

/** A named automation; its definition lives in versions, the newest being `currentVersion`. */
@Entity('automations')
@Index('automations_trigger_priority', ['trigger', 'priority'])
export class AutomationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { default: '' })
  description: string;

  /** Copied from the current version so that matching can select by trigger without reading versions. */
  @Column('text')
  trigger: string;

  /** Lower runs first; the first automation of a trigger whose filters match handles the event. */
  @Column('integer', { default: 100 })
  priority: number;

  @Column('text', { default: 'enabled' })
  status: AutomationStatus;

  @Column('integer', { name: 'current_version', default: 1 })
  currentVersion: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
