import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfigModule } from '../common/config/config.module';
import { DatabaseModule } from '../common/database/database.module';
import { ApiKeyGuard } from '../common/http/api-key.guard';
import { ProblemDetailsFilter } from '../common/http/problem-details.filter';
import { serviceLoggerModule } from '../common/logging/logger.module';
import { TemporalModule } from '../common/temporal/temporal.module';
import { AdminApiModule } from './admin/admin-api.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { TelemetryModule } from './telemetry/telemetry.module';
import { DispatcherModule } from './dispatcher/dispatcher.module';
import { EventsModule } from './events/events.module';
import { IngressModule } from './ingress/ingress.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { PayModule } from './pay/pay.module';
import { EmailsModule } from './emails/emails.module';
import { EmailTemplatesModule } from './email-templates/email-templates.module';

/** The gateway: ingestion, admin API, health and metrics. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('gateway'),
    DatabaseModule,
    TemporalModule,
    IngressModule,
    HealthModule,
    MetricsModule,
    TelemetryModule,
    AdminApiModule,
    WebhooksModule,
    EventsModule,
    DispatcherModule,
    SandboxModule,
    PayModule,
    EmailsModule,
    EmailTemplatesModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class AppModule {}
