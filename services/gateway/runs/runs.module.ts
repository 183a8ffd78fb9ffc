import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AutomationVersionEntity } from '../../common/database/entities/automation-version.entity';
import { RunStepEntity } from '../../common/database/entities/run-step.entity';
import { RunEntity } from '../../common/database/entities/run.entity';
import { DispatcherModule } from '../dispatcher/dispatcher.module';
import { RunReconciler } from './run-reconciler.service';
import { RunsController } from './runs.controller';
import { RunsResolver } from './runs.resolver';
import { RunsService } from './runs.service';

/** Runs (REST + GraphQL); exports the service for disable mode `cancel`. */
@Module({
  imports: [TypeOrmModule.forFeature([RunEntity, RunStepEntity, AutomationVersionEntity]), DispatcherModule],
  controllers: [RunsController],
  providers: [RunsService, RunsResolver, RunReconciler],
  exports: [RunsService, RunReconciler],
})
export class RunsModule {}
