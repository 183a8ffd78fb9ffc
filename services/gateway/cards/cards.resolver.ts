import { UseFilters } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { CardAttemptsResource } from './dto/card-attempts.resource';
import { CardsService } from './cards.service';

/** GraphQL for cards, on the REST service. */
@Resolver(() => CardAttemptsResource)
@UseFilters(GraphqlProblemFilter)
export class CardsResolver {
  constructor(private readonly service: CardsService) {}

  @Query(() => CardAttemptsResource)
  cardAttempts(@Args('fingerprint') fingerprint: string) {
    return this.service.attempts(fingerprint);
  }
}
