import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { createActivities } from '../../activities';
import type { ActivityDeps } from '../../activities/deps';
import { appConfig } from '../common/config/app.config';
import { AppConfigModule } from '../common/config/config.module';
import { DatabaseModule } from '../common/database/database.module';
import { loggerParams } from '../common/logging/logger-options';
import { ACTIVITY_DEPS, ActivityDepsModule } from './activity-deps.module';
import { ACTIVITIES, TemporalWorkerService } from './temporal-worker.service';

/** The worker process: a Temporal worker whose activities use PostgreSQL and the configured providers. */
@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => loggerParams(config, 'worker'),
    }),
    DatabaseModule,
    ActivityDepsModule,
  ],
  providers: [
    { provide: ACTIVITIES, inject: [ACTIVITY_DEPS], useFactory: (deps: ActivityDeps) => createActivities(deps) },
    TemporalWorkerService,
  ],
})
export class WorkerModule {}
