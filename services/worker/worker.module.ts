import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { createActivities } from '../../activities';
import { createRetentionActivities } from '../../activities/retention.activities';
import { createCardExpiryActivities } from '../../activities/card-expiry.activities';
import type { ActivityDeps } from '../../activities/deps';
import { appConfig } from '../common/config/app.config';
import { AppConfigModule } from '../common/config/config.module';
import { DatabaseModule } from '../common/database/database.module';
import { serviceLoggerModule } from '../common/logging/logger.module';
import { ACTIVITY_DEPS, ActivityDepsModule } from './activity-deps.module';
import { PostgresRetention } from './adapters/postgres-retention';
import { PostgresExpiringCards } from './adapters/postgres-expiring-cards';
import { ACTIVITIES, TemporalWorkerService } from './temporal-worker.service';
import { WorkerHttpService } from './telemetry/worker-http.service';

/** Rows per kind and batch of the retention prune: one short transaction each, never a table-long one. */
const RETENTION_BATCH_SIZE = 1_000;

/** The worker process: a Temporal worker whose activities use PostgreSQL and the configured providers. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('worker'),
    DatabaseModule,
    ActivityDepsModule,
  ],
  providers: [
    {
      provide: ACTIVITIES,
      inject: [ACTIVITY_DEPS, DataSource, appConfig.KEY],
      useFactory: (deps: ActivityDeps, dataSource: DataSource, config: ConfigType<typeof appConfig>) => ({
        ...createActivities(deps),
        ...createCardExpiryActivities({ store: new PostgresExpiringCards(dataSource) }),
        ...createRetentionActivities({
          store: new PostgresRetention(dataSource), retentionDays: config.deploy.retentionDays,
          otherBrandBudgets: config.otherBrandBudgets, batchSize: RETENTION_BATCH_SIZE,
        }),
      }),
    },
    TemporalWorkerService,
    WorkerHttpService,
  ],
})
export class WorkerModule {}
