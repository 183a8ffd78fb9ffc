import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { EmailList, EmailResource } from './dto/email.resource';
import { ListEmailsQuery } from './dto/list-emails.query';
import { EmailsService } from './emails.service';

/** GraphQL for the outbox, on the REST service. */
@Resolver(() => EmailResource)
@UseFilters(GraphqlProblemFilter)
export class EmailsResolver {
  constructor(private readonly service: EmailsService) {}

  @Query(() => EmailList)
  emails(@Args() query: ListEmailsQuery) {
    return this.service.list(query);
  }

  @Query(() => EmailResource)
  email(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Mutation(() => EmailResource)
  resendEmail(@Args('id', { type: () => ID }) id: string) {
    return this.service.resend(id);
  }
}
