import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { AutomationDefinition } from '../../../../domain/automation';

/** An immutable snapshot of an automation's definition; runs are pinned to one. */
@Entity('automation_versions')
export class AutomationVersionEntity {
  @PrimaryColumn('uuid', { name: 'automation_id' })
  automationId: string;

  @PrimaryColumn('integer')
  version: number;

  /** The validated definition: trigger (with parameters), filters and steps. */
  @Column('jsonb')
  definition: AutomationDefinition;

  /** The admin key's name that made this version (`system` for seeds; null before authorship was recorded). */
  @Column('text', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
