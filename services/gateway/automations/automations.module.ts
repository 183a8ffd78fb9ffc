import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AutomationVersionEntity } from '../../common/database/entities/automation-version.entity';
import { AutomationEntity } from '../../common/database/entities/automation.entity';
import { TeamMemberEntity } from '../../common/database/entities/team-member.entity';
import { AutomationCatalog } from '../dispatcher/automation-catalog.service';
import { RetryPoliciesModule } from '../retry-policies/retry-policies.module';
import { RunsModule } from '../runs/runs.module';
import { AutomationDefinitions } from './automation-definitions.service';
import { AutomationLifecycleService } from './automation-lifecycle.service';
import { AutomationPreviewService } from './automation-preview.service';
import { AutomationsController } from './automations.controller';
import { AutomationsResolver } from './automations.resolver';
import { AutomationsService } from './automations.service';

/** Automations (REST + GraphQL). The dispatcher's catalog is reused so previews match exactly as dispatch does. */
@Module({
  imports: [TypeOrmModule.forFeature([AutomationEntity, AutomationVersionEntity, TeamMemberEntity]), RetryPoliciesModule, RunsModule],
  controllers: [AutomationsController],
  providers: [AutomationsService, AutomationDefinitions, AutomationLifecycleService, AutomationPreviewService, AutomationCatalog, AutomationsResolver],
})
export class AutomationsModule {}
