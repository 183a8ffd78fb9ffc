import type { DataSource } from 'typeorm';
import type { Mailer, MailResult } from '../../../activities/deps';
import type { EmailBranding, RenderedEmail, TemplateToRender } from '../../../activities/email/render-email';
import { TemplateError } from '../../../activities/email/template-error';
import type { EmailProvider } from '../../../providers/email/email-provider';
import { EmailOutbox } from '../../../providers/email/outbox/email-outbox';
import type { EmailLanguage } from '../../../domain/email-locale';
import type { TemplateContext } from '../../../domain/email-templates';
import { EmailEntity } from '../../common/database/entities/email.entity';
import { builtinTemplate, type EmailTemplateStore } from '../../common/email-templates/email-template-store';

/** Turns a template version and its variables into a message (Handlebars + MJML in production). */
export type EmailRenderer = (template: TemplateToRender, context: TemplateContext, branding: EmailBranding) => Promise<RenderedEmail>;

export interface PostgresMailerOptions {
  dataSource: DataSource;
  provider: EmailProvider;
  render: EmailRenderer;
  /** Where the current version of each template is read at send time. */
  templates: EmailTemplateStore;
  branding: EmailBranding;
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

  // Rendered once, when the row is first written: a retry finds the row and sends what the first attempt stored,
  // so an edit between two attempts never changes an email already on its way.
  private async insert(message: Message): Promise<void> {
    const language: EmailLanguage = message.language ?? 'en';
    const version = await this.options.templates.current(message.template, language);
    const builtin = builtinTemplate(message.template);
    if (!version || !builtin) throw new TemplateError(`Template ${message.template} does not exist`);
    const rendered = await this.render({ name: message.template, audience: builtin.audience, language: version.language, content: version.content }, message.context);
    await this.options.dataSource
      .createQueryBuilder()
      .insert()
      .into(EmailEntity)
      .values({
        idempotencyKey: message.idempotencyKey,
        runId: message.tags.workflowId ?? null,
        template: message.template,
        templateVersion: version.version,
        templateLanguage: version.language,
        replyTo: this.options.branding.replyTo ?? null,
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

  private async render(template: TemplateToRender, context: TemplateContext): Promise<RenderedEmail> {
    try {
      return await this.options.render(template, context, this.options.branding);
    } catch (err) {
      // The activity maps it to a non-retryable failure: rendering again would fail the same way.
      throw new TemplateError(`Template ${template.name} cannot be rendered: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  }
}
