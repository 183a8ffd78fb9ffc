import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { PersonalDataErasureResource } from './dto/personal-data-erasure.resource';
import { PersonalDataService } from './personal-data.service';

/** GraphQL twin of `DELETE /v1/customers/{id}/personal-data`, on the same service. */
@Resolver(() => PersonalDataErasureResource)
@UseFilters(GraphqlProblemFilter)
export class PersonalDataResolver {
  constructor(private readonly service: PersonalDataService) {}

  @Mutation(() => PersonalDataErasureResource)
  erasePersonalData(@Args('customerId', { type: () => ID }) customerId: string) {
    return this.service.erase(customerId);
  }
}
