import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An account user: besides the company domain, the only addresses team emails may go to. */
@Entity('team_members')
export class TeamMemberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case, so the uniqueness and the recipient check ignore case. */
  @Column('text', { unique: true })
  email: string;

  @Column('text', { nullable: true })
  name: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
