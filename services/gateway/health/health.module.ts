import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { BillingHealthService } from './billing-health.service';
import { ProviderRetriesHealthService } from './provider-retries-health.service';
import { BillingProviderModule } from '../../../providers/billing/billing-provider.module';

/** `/health/live` and `/health/ready`. */
@Module({ imports: [TerminusModule.forRoot({ logger: false }), BillingProviderModule], controllers: [HealthController], providers: [BillingHealthService, ProviderRetriesHealthService] })
export class HealthModule {}
