import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { BillingProvider } from './billing-provider';
import { StripeBillingProvider } from './stripe/stripe-billing.provider';
import { appConfig } from '../../services/common/config/app.config';
import { SandboxBillingProvider } from './sandbox/sandbox-billing.provider';
import { HttpBillingProvider } from './http/http-billing.provider';

/** Injection token of the configured `BillingProvider` (worker activities and the dispatcher's enrichment). */
export const BILLING_PROVIDER = Symbol('BILLING_PROVIDER');

/** The provider `BILLING_PROVIDER` names: Stripe through its SDK, a billing system behind the HTTP contract, or the sandbox ledger. */
export function createBillingProvider(config: ConfigType<typeof appConfig>, dataSource: DataSource): BillingProvider {
  if (config.billingProvider === 'stripe') {
    // The config schema already requires STRIPE_API_KEY when BILLING_PROVIDER=stripe.
    return new StripeBillingProvider({ apiKey: config.stripe.apiKey! });
  }
  if (config.billingProvider === 'http') {
    // The config schema requires BILLING_HTTP_URL and BILLING_HTTP_SECRET with BILLING_PROVIDER=http.
    const { url, secret, timeoutMs } = config.billingHttp;
    return new HttpBillingProvider({ baseUrl: url!, secret: secret!, timeoutMs });
  }
  return new SandboxBillingProvider(dataSource);
}

/** Provides `BILLING_PROVIDER`; needs the config module and a TypeORM connection (DatabaseModule) in the app. */
@Module({
  providers: [{ provide: BILLING_PROVIDER, inject: [appConfig.KEY, DataSource], useFactory: createBillingProvider }],
  exports: [BILLING_PROVIDER],
})
export class BillingProviderModule {}
