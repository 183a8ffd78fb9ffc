import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { CancelRunDto, ListRunsQuery, RestartRunDto } from './dto/run-queries.dto';
import { RunDetailResource, RunList, RunResource, RunSignalResource } from './dto/run.resource';
import { RunsService } from './runs.service';

/** GraphQL for runs, on the REST service. */
@Resolver(() => RunDetailResource)
@UseFilters(GraphqlProblemFilter)
export class RunsResolver {
  constructor(private readonly service: RunsService) {}

  @Query(() => RunList)
  runs(@Args() query: ListRunsQuery) {
    return this.service.list(query);
  }

  @Query(() => RunDetailResource)
  run(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Mutation(() => RunSignalResource)
  cancelRun(@Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: CancelRunDto) {
    return this.service.cancel(id, input?.reason);
  }

  @Mutation(() => RunResource)
  restartRun(@Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: RestartRunDto) {
    return this.service.restart(id, input?.version);
  }

  @Mutation(() => RunSignalResource)
  skipRunWait(@Args('id', { type: () => ID }) id: string) {
    return this.service.skipWait(id);
  }
}
