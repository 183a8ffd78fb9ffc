import type { DataSource } from 'typeorm';
import type { Mailer, MailResult } from '../../../activities/deps';
import type { RenderedEmail } from '../../../activities/email/render-email';
import { TemplateError } from '../../../activities/email/template-error';
import type { EmailProvider } from '../../../providers/email/email-provider';
import { EmailOutbox } from '../../../providers/email/outbox/email-outbox';
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
 * Mailer over the `emails` table: the row (unique on the idempotency key) is committed before anything is sent,
 * then `EmailOutbox` claims it, calls the provider and records the outcome. A retry after a crash or a timeout
 * never sends twice: it finds the row `sent`, waits for an attempt still in flight, or — when an interrupted
 * attempt may have reached a provider that has no idempotent send (SendGrid) — records the outcome `unknown`
 * and leaves the resend to an operator (`POST /v1/emails/{id}/resend`).
 */
export class PostgresMailer implements Mailer {
  private readonly outbox: EmailOutbox;

  constructor(private readonly options: PostgresMailerOptions) {
    this.outbox = new EmailOutbox(options.dataSource, options.provider);
  }

  async send(message: Message): Promise<MailResult> {
    const { dataSource } = this.options;
    const existing = await dataSource.manager.findOneBy(EmailEntity, { idempotencyKey: message.idempotencyKey });
    if (existing?.status === 'sent' || existing?.status === 'unknown') return { messageId: existing.id, duplicate: true, outcome: existing.status };
    if (!existing) await this.insert(message);
    const row = existing ?? await dataSource.manager.findOneByOrFail(EmailEntity, { idempotencyKey: message.idempotencyKey });
    const { status, duplicate } = await this.outbox.deliver(row.id, message.tags);
    return { messageId: row.id, duplicate, outcome: status };
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

  private render(template: EmailTemplateName, context: TemplateContext): RenderedEmail {
    try {
      return this.options.render(template, context);
    } catch (err) {
      // The activity maps it to a non-retryable failure: rendering again would fail the same way.
      throw new TemplateError(`Template ${template} cannot be rendered: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}
