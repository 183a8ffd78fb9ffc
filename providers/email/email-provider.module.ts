import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../services/common/config/app.config';
import type { EmailProvider } from './email-provider';
import { OutboxEmailProvider } from './outbox/outbox-email.provider';
import { SendGridEmailProvider } from './sendgrid/sendgrid-email.provider';

/** Injection token of the configured `EmailProvider` (`EMAIL_PROVIDER=outbox|sendgrid`). */
export const EMAIL_PROVIDER = Symbol('EMAIL_PROVIDER');

/** The email provider `EMAIL_PROVIDER` names; outbox (the default) stores, SendGrid sends. */
export function createEmailProvider(config: ConfigType<typeof appConfig>): EmailProvider {
  if (config.email.provider === 'sendgrid') {
    // The config schema already requires SENDGRID_API_KEY when EMAIL_PROVIDER=sendgrid.
    return new SendGridEmailProvider({ apiKey: config.email.sendgridApiKey!, from: config.email.from });
  }
  return new OutboxEmailProvider();
}

/** Provides `EMAIL_PROVIDER`; needs the config module in the app. */
@Module({
  providers: [{ provide: EMAIL_PROVIDER, inject: [appConfig.KEY], useFactory: createEmailProvider }],
  exports: [EMAIL_PROVIDER],
})
export class EmailProviderModule {}
