import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { BacktestDto, BacktestResource } from './dto/backtest.dto';
import { CreateRetryPolicyDto, RetryPolicyList, RetryPolicyResource, UpdateRetryPolicyDto } from './dto/retry-policy.dto';
import { RetryPoliciesService } from './retry-policies.service';
import { RetryPolicyBacktestService } from './retry-policy-backtest.service';

/** GraphQL for retry policies, on the REST service. */
@Resolver(() => RetryPolicyResource)
@UseFilters(GraphqlProblemFilter)
export class RetryPoliciesResolver {
  constructor(private readonly policies: RetryPoliciesService, private readonly backtests: RetryPolicyBacktestService) {}

  @Query(() => RetryPolicyList)
  retryPolicies(@Args() query: PageQuery) {
    return this.policies.list(query);
  }

  @Query(() => RetryPolicyResource)
  retryPolicy(@Args('id', { type: () => ID }) id: string) {
    return this.policies.get(id);
  }

  @Mutation(() => RetryPolicyResource)
  createRetryPolicy(@Args('input') input: CreateRetryPolicyDto) {
    return this.policies.create(input);
  }

  @Mutation(() => RetryPolicyResource)
  updateRetryPolicy(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateRetryPolicyDto) {
    return this.policies.update(id, input);
  }

  @Mutation(() => DeletedResource)
  deleteRetryPolicy(@Args('id', { type: () => ID }) id: string) {
    return this.policies.remove(id);
  }

  /** Read-only, like the preview: a query, not a mutation. */
  @Query(() => BacktestResource)
  backtestRetryPolicy(@Args('id', { type: () => ID }) id: string, @Args('input') input: BacktestDto) {
    return this.backtests.backtest(id, input);
  }
}
