import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An immutable snapshot of an automation's definition; runs are pinned to one. */
@Entity('automation_versions')
export class AutomationVersion {
  @PrimaryColumn('uuid', { name: 'automation_id' })
  automationId: string;

  @PrimaryColumn('integer')
  version: number;

  /** The validated definition: trigger (with parameters), filters and steps. */
  @Column('jsonb')
  definition: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
