import { Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { AnalyticsModule } from '../analytics/analytics.module';
import { AutomationsModule } from '../automations/automations.module';
import { CardsModule } from '../cards/cards.module';
import { CustomersModule } from '../customers/customers.module';
import { AdminGraphqlModule } from '../graphql/admin-graphql.module';
import { RetryPoliciesModule } from '../retry-policies/retry-policies.module';
import { RunsModule } from '../runs/runs.module';
import { WebhookEndpointsModule } from '../webhook-endpoints/webhook-endpoints.module';
import { createValidationPipe } from './validation';

/** The admin API: REST under /v1 and GraphQL, validated by one global pipe (422 problem+json). */
@Module({
  imports: [AutomationsModule, RetryPoliciesModule, RunsModule, CardsModule, CustomersModule, AnalyticsModule, WebhookEndpointsModule, AdminGraphqlModule],
  providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
})
export class AdminApiModule {}
