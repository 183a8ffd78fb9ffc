import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { BillingAccessMonitor } from '../../../providers/billing/billing-access';
import { BILLING_ACCESS } from '../../../providers/billing/billing-provider.module';

/** The readiness check of the billing provider's credentials (checked at start and on every call). */
@Injectable()
export class BillingHealthService {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(BILLING_ACCESS) private readonly access: BillingAccessMonitor,
  ) {}

  /** `billing: down (auth: …)` while the provider refuses our credentials; up otherwise (also before the first answer). */
  check(): HealthIndicatorResult {
    const state = this.access.state;
    const billing = this.indicators.check('billing');
    return state.status === 'refused' ? billing.down({ message: state.reason, since: new Date(state.since).toISOString() }) : billing.up({ access: state.status });
  }
}
