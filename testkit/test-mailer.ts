import type { DataSource } from 'typeorm';
import { DEFAULT_BRANDING, renderEmail } from '../activities/email/render-email';
import { EmailTemplateStore } from '../services/common/email-templates/email-template-store';

/** The PostgresMailer options the worker uses, minus the provider: real renderer, stored templates, default brand. */
export function testMailerOptions(dataSource: DataSource) {
  return { dataSource, render: renderEmail, templates: new EmailTemplateStore(dataSource), branding: DEFAULT_BRANDING, from: 'billing@example.com' };
}
