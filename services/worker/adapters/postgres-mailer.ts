import type { DataSource, EntityManager } from 'typeorm';
import type { Mailer } from '../../../activities/deps';
import type { RenderedEmail } from '../../../activities/email/render-email';
import { TemplateError } from '../../../activities/email/template-error';
import type { EmailProvider } from '../../../providers/email/email-provider';
import type { EmailTemplateName, TemplateContext } from '../../../domain/email-templates';
import { EmailEntity } from '../../common/database/entities/email.entity';

/** Turns a template and its variables into a message (the Handlebars renderer in production). */
export type EmailRenderer = (template: EmailTemplateName, context: TemplateContext) => RenderedEmail;

export interface PostgresMailerOptions {
  dataSource: DataSource;
  provider: EmailProvider;
  render: EmailRenderer;
  from: string;
}

type Message = Parameters<Mailer['send']>[0];

/**
 * Mailer over the `emails` table: the row (unique on the idempotency key) is committed before the provider is
 * called, then the send runs under that row's lock and marks it sent in the same transaction. A retry after a
 * crash finds the row pending and sends it once; a concurrent twin waits on the lock and then sees it sent.
 * Left open: a crash after the provider accepted but before the commit sends again on retry (SendGrid has no
 * idempotent send; the key travels in its custom args so a duplicate can be recognised).
 */
export class PostgresMailer implements Mailer {
  constructor(private readonly options: PostgresMailerOptions) {}

  async send(message: Message): Promise<{ messageId: string; duplicate: boolean }> {
    const { dataSource } = this.options;
    const existing = await dataSource.manager.findOneBy(EmailEntity, { idempotencyKey: message.idempotencyKey });
    if (existing?.status === 'sent') return { messageId: existing.id, duplicate: true };
    if (!existing) await this.insert(message);
    let failure: unknown;
    const result = await dataSource.transaction(async (tx) => {
      const row = await tx.findOneOrFail(EmailEntity, { where: { idempotencyKey: message.idempotencyKey }, lock: { mode: 'pessimistic_write' } });
      if (row.status === 'sent') return { messageId: row.id, duplicate: true };
      try {
        await this.deliver(tx, row, message);
      } catch (err) {
        failure = err; // recorded on the row (committed), then rethrown for the activity to map
        await tx.update(EmailEntity, { id: row.id }, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
      }
      return { messageId: row.id, duplicate: false };
    });
    if (failure) throw failure;
    return result;
  }

  private async insert(message: Message): Promise<void> {
    const rendered = this.render(message.template, message.context);
    await this.options.dataSource
      .createQueryBuilder()
      .insert()
      .into(EmailEntity)
      .values({
        idempotencyKey: message.idempotencyKey,
        runId: message.tags.workflowId ?? null,
        template: message.template,
        to: message.to,
        from: this.options.from,
        subject: message.subject?.trim() || rendered.subject,
        html: rendered.html,
        text: rendered.text,
        provider: this.options.provider.name,
      })
      .orIgnore() // a concurrent twin inserted it first: its content is the first answer
      .execute();
  }

  private async deliver(tx: EntityManager, row: EmailEntity, message: Message): Promise<void> {
    const delivery = await this.options.provider.send({
      idempotencyKey: row.idempotencyKey, from: row.from, to: row.to, subject: row.subject, html: row.html, text: row.text,
      template: row.template, tags: message.tags,
    });
    await tx.update(EmailEntity, { id: row.id }, {
      status: 'sent', sentAt: new Date(), provider: delivery.provider, providerMessageId: delivery.providerMessageId ?? null, error: null,
    });
  }

  private render(template: EmailTemplateName, context: TemplateContext): RenderedEmail {
    try {
      return this.options.render(template, context);
    } catch (err) {
      // The activity maps it to a non-retryable failure: rendering again would fail the same way.
      throw new TemplateError(`Template ${template} cannot be rendered: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}
