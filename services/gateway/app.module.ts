import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AppConfigModule } from '../common/config/config.module';
import { DatabaseModule } from '../common/database/database.module';
import { ApiKeyGuard } from '../common/http/api-key.guard';
import { ProblemDetailsFilter } from '../common/http/problem-details.filter';
import { serviceLoggerModule } from '../common/logging/logger.module';
import { TemporalModule } from '../common/temporal/temporal.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';

/** The gateway: ingestion, admin API, health and metrics. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('gateway'),
    DatabaseModule,
    TemporalModule,
    HealthModule,
    MetricsModule,
  ],
  providers: [
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ],
})
export class AppModule {}
