import type { DataSource, EntityManager } from 'typeorm';
import { BUILTIN_EMAIL_TEMPLATES, type BuiltinEmailTemplate, type EmailTemplateContent } from '../../../activities/email/templates';
import { EMAIL_LANGUAGES, type EmailLanguage } from '../../../domain/email-locale';
import type { EmailTemplateName } from '../../../domain/email-templates';
import { EmailTemplateEntity } from '../database/entities/email-template.entity';

/** One stored version of a template in one language. */
export interface StoredTemplate {
  name: EmailTemplateName;
  language: EmailLanguage;
  version: number;
  content: EmailTemplateContent;
  createdBy: string | null;
  createdAt: Date;
}

/** The built-in template of a name, or undefined for a name that is not shipped. */
export function builtinTemplate(name: string): BuiltinEmailTemplate | undefined {
  return Object.hasOwn(BUILTIN_EMAIL_TEMPLATES, name) ? BUILTIN_EMAIL_TEMPLATES[name as EmailTemplateName] : undefined;
}

/**
 * The `email_templates` table: versions are never changed, a save adds the next one, and the highest version of
 * a name and language is current. Every built-in template in code is seeded (once, idempotently) as version 1
 * of each of its languages, so a template added to the code is there on the next start.
 */
export class EmailTemplateStore {
  private seeded?: Promise<void>;

  constructor(private readonly dataSource: DataSource) {}

  /** Inserts version 1 of every built-in template and language that has no version yet. */
  ensureBuiltins(): Promise<void> {
    this.seeded ??= (async () => {
      const rows = Object.values(BUILTIN_EMAIL_TEMPLATES).flatMap((t) =>
        EMAIL_LANGUAGES.map((language) => ({ name: t.name, language, version: 1, ...t.content[language], createdBy: null })));
      await this.dataSource.createQueryBuilder().insert().into(EmailTemplateEntity).values(rows).orIgnore().execute();
    })().catch((err) => {
      this.seeded = undefined; // try again on the next call
      throw err;
    });
    return this.seeded;
  }

  /** The version a send uses now: the language's current one, else English's. */
  async current(name: EmailTemplateName, language: EmailLanguage): Promise<StoredTemplate | undefined> {
    await this.ensureBuiltins();
    const rows = await this.dataSource.manager.createQueryBuilder(EmailTemplateEntity, 't')
      .where('t.name = :name AND t.language IN (:...languages)', { name, languages: [language, EMAIL_LANGUAGES[0]] })
      .orderBy('t.language = :language', 'DESC').addOrderBy('t.version', 'DESC').setParameter('language', language)
      .limit(1).getMany();
    return rows[0] && stored(rows[0]);
  }

  /** The current version of every template and language, by name. */
  async listCurrent(): Promise<StoredTemplate[]> {
    await this.ensureBuiltins();
    const rows = await this.dataSource.manager.createQueryBuilder(EmailTemplateEntity, 't')
      .distinctOn(['t.name', 't.language']).orderBy('t.name').addOrderBy('t.language').addOrderBy('t.version', 'DESC').getMany();
    return rows.map(stored);
  }

  /** Every version of one template, newest first. */
  async versions(name: EmailTemplateName, language?: EmailLanguage): Promise<StoredTemplate[]> {
    await this.ensureBuiltins();
    const rows = await this.dataSource.manager.find(EmailTemplateEntity, {
      where: { name, ...(language && { language }) }, order: { language: 'ASC', version: 'DESC' },
    });
    return rows.map(stored);
  }

  /** One version; undefined when it does not exist. */
  async version(name: EmailTemplateName, language: EmailLanguage, version: number): Promise<StoredTemplate | undefined> {
    await this.ensureBuiltins();
    const row = await this.dataSource.manager.findOneBy(EmailTemplateEntity, { name, language, version });
    return row ? stored(row) : undefined;
  }

  /** Adds the next version (serialized per template by a row lock on its latest version). */
  async save(name: EmailTemplateName, language: EmailLanguage, content: EmailTemplateContent, createdBy: string | null, manager?: EntityManager): Promise<StoredTemplate> {
    await this.ensureBuiltins();
    const run = async (tx: EntityManager) => {
      const [latest]: { version: number }[] = await tx.query(
        `SELECT version FROM email_templates WHERE name = $1 AND language = $2 ORDER BY version DESC LIMIT 1 FOR UPDATE`, [name, language]);
      const row = tx.create(EmailTemplateEntity, { name, language, version: (latest?.version ?? 0) + 1, ...content, createdBy });
      return stored(await tx.save(row));
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }
}

function stored(row: EmailTemplateEntity): StoredTemplate {
  return {
    name: row.name as EmailTemplateName, language: row.language as EmailLanguage, version: row.version,
    content: { subject: row.subject, body: row.body, text: row.text }, createdBy: row.createdBy, createdAt: row.createdAt,
  };
}
