import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { ActivityDeps } from '../../activities/deps';
import { renderEmail } from '../../activities/email/render-email';
import type { BillingProvider } from '../../providers/billing/billing-provider';
import type { EmailProvider } from '../../providers/email/email-provider';
import { EMAIL_PROVIDER, EmailProviderModule } from '../../providers/email/email-provider.module';
import { BILLING_PROVIDER, BillingProviderModule } from '../../providers/billing/billing-provider.module';
import { appConfig } from '../common/config/app.config';
import { EmailTemplateStore } from '../common/email-templates/email-template-store';
import { tracedPort } from '../common/telemetry/tracing';
import { HttpWebhookEmitter } from './adapters/http-webhook-emitter';
import { PostgresCardAttemptLedger } from './adapters/postgres-card-attempt-ledger';
import { PostgresDerivedEvents } from './adapters/postgres-derived-events';
import { withEventFacts } from './adapters/event-facts-billing';
import { PostgresMailer } from './adapters/postgres-mailer';
import { createSelfServiceLinks } from '../../providers/self-service/self-service-links';
import { PostgresRunRecorder } from './adapters/postgres-run-recorder';
import { teamEmailPolicyFrom } from './adapters/team-email-policy';

type AppConfig = ConfigType<typeof appConfig>;

/** Injection token of the `ActivityDeps` the worker's activities are bound to. */
export const ACTIVITY_DEPS = Symbol('ACTIVITY_DEPS');

/** Every port of `ActivityDeps`, over PostgreSQL and the configured providers. */
export function createActivityDeps(config: AppConfig, dataSource: DataSource, billing: BillingProvider, email: EmailProvider): ActivityDeps {
  // Provider calls leave the process: each is a client span when tracing is on (the ports unchanged when off).
  // Reads the provider cannot answer (not found) fall back on the facts the events carried.
  billing = withEventFacts(tracedPort('billing', billing), dataSource);
  return {
    billing,
    mailer: new PostgresMailer({
      dataSource, provider: tracedPort('email', email), render: renderEmail, templates: new EmailTemplateStore(dataSource),
      branding: config.email.branding, from: config.email.from,
    }),
    records: new PostgresRunRecorder(dataSource),
    cardLedger: new PostgresCardAttemptLedger(dataSource, config.otherBrandBudgets),
    derivedEvents: new PostgresDerivedEvents(dataSource, billing),
    webhooks: tracedPort('webhook', new HttpWebhookEmitter({ secret: config.webhookSigningSecret, allowedHosts: config.outboundAllowedHosts })),
    teamEmailPolicy: teamEmailPolicyFrom(dataSource, config.email.teamDomain),
    selfServiceLinks: createSelfServiceLinks({ billingProvider: config.billingProvider, ...config.selfService, stripe: config.stripe }),
  };
}

/** Provides `ACTIVITY_DEPS` (and re-exports `BILLING_PROVIDER`); the app provides config and the TypeORM connection. */
@Module({
  imports: [BillingProviderModule, EmailProviderModule],
  providers: [
    {
      provide: ACTIVITY_DEPS,
      inject: [appConfig.KEY, DataSource, BILLING_PROVIDER, EMAIL_PROVIDER],
      useFactory: createActivityDeps,
    },
  ],
  exports: [ACTIVITY_DEPS, BillingProviderModule, EmailProviderModule],
})
export class ActivityDepsModule {}
