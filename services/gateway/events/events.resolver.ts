import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { GraphQLJSON } from '../graphql/json.scalar';
import { EventList, EventReceiptResource, EventResource } from './dto/event.resource';
import { ListEventsQuery } from './dto/list-events.query';
import { EventsService } from './events.service';

/** GraphQL for the event log and generic event intake, on the REST service. */
@Resolver(() => EventResource)
@UseFilters(GraphqlProblemFilter)
export class EventsResolver {
  constructor(private readonly service: EventsService) {}

  @Query(() => EventList)
  events(@Args() query: ListEventsQuery) {
    return this.service.list(query);
  }

  @Query(() => EventResource)
  event(@Args('id', { type: () => ID }) id: string) {
    return this.service.get(id);
  }

  @Mutation(() => EventReceiptResource, { description: 'POST /v1/events: a generic billing event, validated by the same schema' })
  async submitEvent(@Args('event', { type: () => GraphQLJSON }) event: Record<string, unknown>): Promise<EventReceiptResource> {
    const { eventId, duplicate } = await this.service.accept(event);
    return { id: eventId, received: true, duplicate };
  }
}
