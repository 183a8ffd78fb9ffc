import { Module } from '@nestjs/common';
import { createActivities } from '../../activities';
import type { ActivityDeps } from '../../activities/deps';
import { AppConfigModule } from '../common/config/config.module';
import { DatabaseModule } from '../common/database/database.module';
import { serviceLoggerModule } from '../common/logging/logger.module';
import { ACTIVITY_DEPS, ActivityDepsModule } from './activity-deps.module';
import { ACTIVITIES, TemporalWorkerService } from './temporal-worker.service';
import { WorkerHttpService } from './telemetry/worker-http.service';

/** The worker process: a Temporal worker whose activities use PostgreSQL and the configured providers. */
@Module({
  imports: [
    AppConfigModule,
    serviceLoggerModule('worker'),
    DatabaseModule,
    ActivityDepsModule,
  ],
  providers: [
    { provide: ACTIVITIES, inject: [ACTIVITY_DEPS], useFactory: (deps: ActivityDeps) => createActivities(deps) },
    TemporalWorkerService,
    WorkerHttpService,
  ],
})
export class WorkerModule {}
