import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities/deps';
import { renderEmail } from '../../activities/email/render-email';
import type { BillingProvider } from '../../activities/providers/billing-provider';
import type { EmailProvider } from '../../activities/providers/email-provider';
import { SendGridEmailProvider } from '../../activities/providers/sendgrid-email.provider';
import { BILLING_PROVIDER, BillingProviderModule } from '../common/billing/billing-provider.module';
import { appConfig } from '../common/config/app.config';
import { HttpWebhookEmitter } from './adapters/http-webhook-emitter';
import { OutboxEmailProvider } from './adapters/outbox-email.provider';
import { PostgresCardAttemptLedger } from './adapters/postgres-card-attempt-ledger';
import { PostgresDerivedEvents } from './adapters/postgres-derived-events';
import { PostgresMailer } from './adapters/postgres-mailer';
import { PostgresRunRecorder } from './adapters/postgres-run-recorder';
import { teamEmailPolicyFrom } from './adapters/team-email-policy';

type AppConfig = ConfigType<typeof appConfig>;

/** Injection token of the `ActivityDeps` the worker's activities are bound to. */
export const ACTIVITY_DEPS = Symbol('ACTIVITY_DEPS');

/** Injection token of the configured `EmailProvider` (`EMAIL_PROVIDER=outbox|sendgrid`). */
export const EMAIL_PROVIDER = Symbol('EMAIL_PROVIDER');

/** The email provider `EMAIL_PROVIDER` names; outbox (the default) stores, SendGrid sends. */
export function createEmailProvider(config: AppConfig): EmailProvider {
  if (config.email.provider === 'sendgrid') {
    // The config schema already requires SENDGRID_API_KEY when EMAIL_PROVIDER=sendgrid.
    return new SendGridEmailProvider({ apiKey: config.email.sendgridApiKey!, from: config.email.from });
  }
  return new OutboxEmailProvider();
}

/** Every port of `ActivityDeps`, over PostgreSQL and the configured providers. */
export function createActivityDeps(config: AppConfig, dataSource: DataSource, billing: BillingProvider, email: EmailProvider): ActivityDeps {
  return {
    billing,
    mailer: new PostgresMailer({ dataSource, provider: email, render: renderEmail, from: config.email.from }),
    records: new PostgresRunRecorder(dataSource),
    cardLedger: new PostgresCardAttemptLedger(dataSource, config.otherBrandBudgets),
    derivedEvents: new PostgresDerivedEvents(dataSource, billing),
    webhooks: new HttpWebhookEmitter({ secret: config.webhookSigningSecret }),
    teamEmailPolicy: teamEmailPolicyFrom(dataSource, config.email.teamDomain),
  };
}

/** Provides `ACTIVITY_DEPS` (and re-exports `BILLING_PROVIDER`); the app provides config and the TypeORM connection. */
@Module({
  imports: [BillingProviderModule],
  providers: [
    { provide: EMAIL_PROVIDER, inject: [appConfig.KEY], useFactory: createEmailProvider },
    {
      provide: ACTIVITY_DEPS,
      inject: [appConfig.KEY, DataSource, BILLING_PROVIDER, EMAIL_PROVIDER],
      useFactory: createActivityDeps,
    },
  ],
  exports: [ACTIVITY_DEPS, EMAIL_PROVIDER, BillingProviderModule],
})
export class ActivityDepsModule {}
