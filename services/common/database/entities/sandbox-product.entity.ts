import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A sandbox product (`prod_…`). */
@Entity('sandbox_products')
export class SandboxProductEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
