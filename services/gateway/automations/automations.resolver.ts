import { UseFilters } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { AutomationLifecycleService } from './automation-lifecycle.service';
import { AutomationPreviewService } from './automation-preview.service';
import { AutomationsService } from './automations.service';
import { DisableAutomationDto, PreviewAutomationDto, ReorderAutomationsDto } from './dto/automation-actions.dto';
import { AutomationPreviewResource } from './dto/automation-preview.resource';
import { AutomationList, AutomationResource, AutomationVersionList, AutomationVersionResource, DisableResultResource } from './dto/automation.resource';
import { CreateAutomationDto } from './dto/create-automation.dto';
import { ListAutomationsQuery } from './dto/list-automations.query';
import { UpdateAutomationDto } from './dto/update-automation.dto';

const id = () => Args('id', { type: () => ID });

/** GraphQL for automations, on the REST services. */
@Resolver(() => AutomationResource)
@UseFilters(GraphqlProblemFilter)
export class AutomationsResolver {
  constructor(
    private readonly service: AutomationsService,
    private readonly lifecycle: AutomationLifecycleService,
    private readonly previews: AutomationPreviewService,
  ) {}

  @Query(() => AutomationList)
  automations(@Args() query: ListAutomationsQuery) {
    return this.service.list(query);
  }

  @Query(() => AutomationResource)
  automation(@id() automationId: string) {
    return this.service.get(automationId);
  }

  @Query(() => AutomationVersionResource)
  automationVersion(@id() automationId: string, @Args('version', { type: () => Int }) version: number) {
    return this.service.getVersion(automationId, version);
  }

  /** A preview reads only, so it is a query here (a POST in REST because the event is a body). */
  @Query(() => AutomationPreviewResource)
  automationPreview(@id() automationId: string, @Args('input') input: PreviewAutomationDto) {
    return this.previews.preview(automationId, input);
  }

  @ResolveField(() => AutomationVersionList)
  versions(@Parent() automation: AutomationResource, @Args() query: PageQuery) {
    return this.service.listVersions(automation.id, query);
  }

  @Mutation(() => AutomationResource)
  createAutomation(@Args('input') input: CreateAutomationDto) {
    return this.service.create(input);
  }

  @Mutation(() => AutomationResource)
  updateAutomation(@id() automationId: string, @Args('input') input: UpdateAutomationDto) {
    return this.service.update(automationId, input);
  }

  @Mutation(() => DisableResultResource)
  disableAutomation(@id() automationId: string, @Args('input') input: DisableAutomationDto) {
    return this.lifecycle.disable(automationId, input.mode);
  }

  @Mutation(() => AutomationResource)
  enableAutomation(@id() automationId: string) {
    return this.lifecycle.enable(automationId);
  }

  @Mutation(() => [AutomationResource])
  reorderAutomations(@Args('input') input: ReorderAutomationsDto) {
    return this.lifecycle.reorder(input.ids);
  }

  @Mutation(() => DeletedResource)
  deleteAutomation(@id() automationId: string) {
    return this.lifecycle.remove(automationId);
  }
}
