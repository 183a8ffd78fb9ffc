import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { providerRetriesWarning } from '../../../domain/provider-retries';
import { appConfig } from '../../common/config/app.config';
import { readProviderRetries } from '../../common/database/provider-retries-store';

/**
 * With Stripe, a warning in readiness while Stripe's own retries are on for invoices the runs dun: it names the
 * invoices and the Dashboard setting. A warning, not a failure: the system works, the customer may be charged by both.
 */
@Injectable()
export class ProviderRetriesHealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: DataSource,
    @Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>,
  ) {}

  /** Whether readiness shows this check (BILLING_PROVIDER=stripe). */
  get enabled(): boolean {
    return this.config.billingProvider === 'stripe';
  }

  async check(): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check('providerRetries');
    try {
      const on = [...(await readProviderRetries(this.db)).values()].filter((r) => r.on).map((r) => r.invoiceId);
      const warning = providerRetriesWarning([...new Set(on)].sort());
      return indicator.up(warning ? { warning, invoices: on.length } : { invoices: 0 });
    } catch {
      return indicator.up({ warning: 'could not be checked (PostgreSQL did not answer)' }); // the postgres check says why
    }
  }
}
