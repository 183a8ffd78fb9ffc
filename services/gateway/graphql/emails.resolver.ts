import { UseFilters } from '@nestjs/common';
import { Args, ArgsType, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from '../admin/pagination';
import { EmailsService } from '../emails/emails.service';
import { GraphqlProblemFilter } from './graphql-problem.filter';

/** An email the system sent (or is sending), from the outbox table. */
@ObjectType('Email')
export class EmailObject {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true }) runId: string | null;
  @Field() template: string;
  @Field(() => [String]) to: string[];
  @Field() from: string;
  @Field() subject: string;
  @Field() text: string;
  @Field() provider: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() createdAt: string;
  @Field(() => String, { nullable: true }) sentAt: string | null;
}

const EmailList = PageOf(EmailObject, 'Email');

/** `emails(runId, limit, starting_after)`. */
@ArgsType()
class EmailsArgs extends PageQuery {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(300) runId?: string;
}

/** GraphQL for sent emails. */
@Resolver(() => EmailObject)
@UseFilters(GraphqlProblemFilter)
export class EmailsResolver {
  constructor(private readonly service: EmailsService) {}

  /** The REST listing's query and page (`GET /v1/emails`); GraphQL returns the fields of `Email` only. */
  @Query(() => EmailList)
  emails(@Args() args: EmailsArgs) {
    return this.service.list(args);
  }
}
