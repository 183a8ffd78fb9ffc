import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { CreateRetryPolicyDto, RetryPolicyList, RetryPolicyResource, UpdateRetryPolicyDto } from './dto/retry-policy.dto';
import { RetryPoliciesService } from './retry-policies.service';

/** GraphQL for retry policies, on the REST service. */
@Resolver(() => RetryPolicyResource)
@UseFilters(GraphqlProblemFilter)
export class RetryPoliciesResolver {
  constructor(private readonly policies: RetryPoliciesService) {}

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
}
