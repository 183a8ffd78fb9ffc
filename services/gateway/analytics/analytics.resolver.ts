import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { AnalyticsService } from './analytics.service';
import { RecoveryAnalyticsResource, RecoveryQuery } from './dto/recovery.dto';

/** GraphQL for recovery analytics, on the REST service. */
@Resolver(() => RecoveryAnalyticsResource)
@UseFilters(GraphqlProblemFilter)
export class AnalyticsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @Query(() => RecoveryAnalyticsResource)
  recoveryAnalytics(@Args() query: RecoveryQuery) {
    return this.analytics.recovery(query);
  }
}
