import { Inject, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import type { BillingProvider } from './billing-provider';
import { BillingAccessMonitor, monitoredProvider } from './billing-access';
import { StripeBillingProvider } from './stripe/stripe-billing.provider';
import { stripeHostOf } from './stripe/stripe-client';
import { appConfig } from '../../services/common/config/app.config';
import { SandboxBillingProvider } from './sandbox/sandbox-billing.provider';
import { HttpBillingProvider } from './http/http-billing.provider';

/** Injection token of the configured `BillingProvider` (worker activities and the dispatcher's enrichment). */
export const BILLING_PROVIDER = Symbol('BILLING_PROVIDER');

/** The provider `BILLING_PROVIDER` names: Stripe through its SDK, a billing system behind the HTTP contract, or the sandbox ledger. */
export function createBillingProvider(config: ConfigType<typeof appConfig>, dataSource: DataSource): BillingProvider {
  if (config.billingProvider === 'stripe') {
    // The config schema already requires STRIPE_API_KEY when BILLING_PROVIDER=stripe.
    return new StripeBillingProvider({ apiKey: config.stripe.apiKey!, ...stripeHostOf(config.stripe.apiBase) });
  }
  if (config.billingProvider === 'http') {
    // The config schema requires BILLING_HTTP_URL and BILLING_HTTP_SECRET with BILLING_PROVIDER=http.
    const { url, secret, timeoutMs } = config.billingHttp;
    return new HttpBillingProvider({ baseUrl: url!, secret: secret!, timeoutMs });
  }
  return new SandboxBillingProvider(dataSource);
}

/** Injection token of the `BillingAccessMonitor` watching the provider's credentials (readiness, dispatch hold). */
export const BILLING_ACCESS = Symbol('BILLING_ACCESS');
/** Injection token of the provider as configured, before the access monitor wraps it. */
export const RAW_BILLING_PROVIDER = Symbol('RAW_BILLING_PROVIDER');

/**
 * Provides `BILLING_PROVIDER` (every call watched by `BILLING_ACCESS`, whose first check runs at start);
 * needs the config module and a TypeORM connection (DatabaseModule) in the app.
 */
@Module({
  providers: [
    { provide: RAW_BILLING_PROVIDER, inject: [appConfig.KEY, DataSource], useFactory: createBillingProvider },
    { provide: BILLING_ACCESS, inject: [RAW_BILLING_PROVIDER], useFactory: (raw: BillingProvider) => new BillingAccessMonitor(raw) },
    { provide: BILLING_PROVIDER, inject: [RAW_BILLING_PROVIDER, BILLING_ACCESS], useFactory: monitoredProvider },
  ],
  exports: [BILLING_PROVIDER, BILLING_ACCESS],
})
export class BillingProviderModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(BILLING_ACCESS) private readonly access: BillingAccessMonitor) {}

  onApplicationBootstrap(): void {
    void this.access.check(); // never blocks the start: readiness shows the outcome
  }

  onModuleDestroy(): void {
    this.access.stop();
  }
}
