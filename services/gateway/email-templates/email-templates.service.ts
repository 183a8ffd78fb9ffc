import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { checkTemplateContent } from '../../../activities/email/template-check';
import { renderEmail } from '../../../activities/email/render-email';
import { sampleContext } from '../../../activities/email/template-samples';
import type { EmailTemplateContent } from '../../../activities/email/templates';
import { emailLocaleOf, localizeContext, type EmailLanguage } from '../../../domain/email-locale';
import { buildTemplateContext, type EmailTemplateName, type TemplateContext } from '../../../domain/email-templates';
import type { BillingProvider } from '../../../providers/billing/billing-provider';
import { BILLING_PROVIDER } from '../../../providers/billing/billing-provider.module';
import { currentActor } from '../../common/audit/actor-context';
import { recordAudit } from '../../common/audit/record-audit';
import { appConfig } from '../../common/config/app.config';
import { AutomationEntity } from '../../common/database/entities/automation.entity';
import { RunEntity } from '../../common/database/entities/run.entity';
import { builtinTemplate, EmailTemplateStore, type StoredTemplate } from '../../common/email-templates/email-template-store';
import { notFound } from '../admin/problems';
import { invalidFields } from '../admin/validation';
import * as dto from './dto/email-template.resource';

/** Lists, versions and previews the email templates; a save is checked (syntax, variables, MJML) before it is stored. */
@Injectable()
export class EmailTemplatesService {
  private readonly store: EmailTemplateStore;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
    @Inject(BILLING_PROVIDER) private readonly billing: BillingProvider,
  ) {
    this.store = new EmailTemplateStore(dataSource);
  }

  async list(): Promise<dto.EmailTemplateVersionList> {
    return { data: (await this.store.listCurrent()).filter((t) => builtinTemplate(t.name)).map(dto.toEmailTemplateVersionResource) };
  }

  async versions(name: string, language?: string): Promise<dto.EmailTemplateVersionList> {
    return { data: (await this.store.versions(this.known(name), language as EmailLanguage | undefined)).map(dto.toEmailTemplateVersionResource) };
  }

  /** Stores the next version of one language; the next email of that template and language uses it. */
  async createVersion(name: string, input: dto.CreateEmailTemplateVersionDto): Promise<dto.EmailTemplateVersionResource> {
    const template = this.known(name);
    const language = input.language as EmailLanguage;
    const content = { subject: input.subject, body: input.body, text: input.text };
    await this.check(template, language, content);
    return this.dataSource.transaction(async (tx) => {
      const saved = await this.store.save(template, language, content, currentActor(), tx);
      await recordAudit(tx, 'email_template.version', `${template}:${language}`, { version: saved.version });
      return dto.toEmailTemplateVersionResource(saved);
    });
  }

  /** Renders a stored version or unsaved content against the sample world or a real run's objects. */
  async preview(name: string, input: dto.PreviewEmailTemplateDto): Promise<dto.EmailTemplatePreviewResource> {
    const template = this.known(name);
    const language = (input.language ?? 'en') as EmailLanguage;
    let stored: StoredTemplate | undefined;
    let content: EmailTemplateContent;
    if (input.content) {
      content = { subject: input.content.subject, body: input.content.body, text: input.content.text };
      await this.check(template, language, content);
    } else {
      stored = input.version ? await this.store.version(template, language, input.version) : await this.store.current(template, language);
      if (!stored) throw notFound(`version of ${template} (${language})`, input.version ?? 'current');
      content = stored.content;
    }
    const context = input.runId ? await this.runContext(input.runId) : sampleContext(builtinTemplate(template)!);
    const built = builtinTemplate(template)!;
    const rendered = await renderEmail({ name: template, audience: built.audience, language, content }, localizeContext(context, emailLocaleOf({ metadata: { locale: language } })), this.config.email.branding);
    return { ...rendered, version: stored?.version ?? null, data: input.runId ? 'run' : 'sample' };
  }

  private async check(name: EmailTemplateName, language: EmailLanguage, content: EmailTemplateContent): Promise<void> {
    const problems = await checkTemplateContent(builtinTemplate(name)!, language, content, this.config.email.branding);
    if (problems.length) throw invalidFields(problems, `The ${name} template (${language}) has problems`);
  }

  /** A run's variables from its objects as the billing provider has them now (each read is optional). */
  private async runContext(runId: string): Promise<TemplateContext> {
    const run = await this.dataSource.manager.findOneBy(RunEntity, { id: runId });
    if (!run) throw notFound('run', runId);
    const automation = await this.dataSource.manager.findOneBy(AutomationEntity, { id: run.automationId });
    const read = <T>(id: string | null, get: (id: string) => Promise<T>) => (id ? get(id).catch(() => undefined) : Promise.resolve(undefined));
    const [customer, invoice, subscription] = await Promise.all([
      read(run.customerId, (id) => this.billing.getCustomer(id)),
      read(run.invoiceId, (id) => this.billing.getInvoice(id)),
      read(run.subscriptionId, (id) => this.billing.getSubscription(id)),
    ]);
    return buildTemplateContext({
      automation: { automationId: run.automationId, name: automation?.name ?? run.automationId, version: run.automationVersion },
      customer, customerId: run.customerId ?? customer?.id ?? '', invoice, subscription, now: Date.now(), dayMs: this.config.dayMs,
    });
  }

  private known(name: string): EmailTemplateName {
    if (!builtinTemplate(name)) throw notFound('email template', name);
    return name as EmailTemplateName;
  }
}
