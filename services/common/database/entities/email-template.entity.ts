import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One version of one email template in one language; the highest version of a name and language is current. */
@Entity('email_templates')
@Index('email_templates_version', ['name', 'language', 'version'], { unique: true })
export class EmailTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The shipped template name (`payment_failed`, …). */
  @Column('text')
  name: string;

  /** `en`, `fr`, … */
  @Column('text')
  language: string;

  @Column('integer')
  version: number;

  @Column('text')
  subject: string;

  /** Handlebars over an MJML fragment. */
  @Column('text')
  body: string;

  @Column('text')
  text: string;

  /** The admin key that saved it; null for the built-in version seeded from code. */
  @Column('text', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
