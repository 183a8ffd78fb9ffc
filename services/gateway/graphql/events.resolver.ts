import { UseFilters } from '@nestjs/common';
import { Args, ArgsType, Field, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageOf, PageQuery } from '../admin/pagination';
import { requireUuid } from '../admin/problems';
import { EVENT_STATUSES } from '../events/dto/list-events.query';
import { EventsService } from '../events/events.service';
import { GraphqlProblemFilter } from './graphql-problem.filter';
import { GraphQLJSON } from './json.scalar';

/** A billing event with what dispatching decided (the REST `EventView`). */
@ObjectType('Event')
export class EventObject {
  @Field(() => ID) id: string;
  @Field() provider: string;
  @Field() providerEventId: string;
  @Field() type: string;
  @Field() status: string;
  @Field(() => String, { nullable: true }) kind: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) subject: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) matchedAutomation: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Why it matched (or not): every automation and condition' }) explanation: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) outcome: unknown;
  @Field(() => String, { nullable: true }) error: string | null;
  @Field() receivedAt: string;
  @Field(() => String, { nullable: true }) dispatchedAt: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) payload?: unknown;
}

const EventList = PageOf(EventObject, 'Event');

/** `events(type, status, limit, starting_after)`. */
@ArgsType()
class EventsArgs extends PageQuery {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) type?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(EVENT_STATUSES) status?: (typeof EVENT_STATUSES)[number];
}

/** GraphQL for the event log, on the events engineer's `EventsService` (the REST `/v1/events`). */
@Resolver(() => EventObject)
@UseFilters(GraphqlProblemFilter)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => EventList)
  async events(@Args() args: EventsArgs) {
    if (args.starting_after !== undefined) requireUuid('event', args.starting_after);
    const page = await this.service.list(args);
    return { ...page, nextStartingAfter: page.nextStartingAfter ?? null };
  }

  @Query(() => EventObject)
  event(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(requireUuid('event', id));
  }
}
