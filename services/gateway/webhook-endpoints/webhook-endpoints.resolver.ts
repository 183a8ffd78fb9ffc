import { UseFilters } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { GraphqlProblemFilter } from '../graphql/graphql-problem.filter';
import { WebhookDeliveryList } from './dto/webhook-delivery.resource';
import {
  CreateWebhookEndpointDto, EndpointDeliveriesArgs, RotateWebhookSecretDto, UpdateWebhookEndpointDto, WebhookEndpointList, WebhookEndpointResource,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** GraphQL for webhook endpoints, on the REST service. */
@Resolver(() => WebhookEndpointResource)
@UseFilters(GraphqlProblemFilter)
export class WebhookEndpointsResolver {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Query(() => WebhookEndpointList)
  webhookEndpoints(@Args() query: PageQuery) {
    return this.endpoints.list(query);
  }

  @Query(() => WebhookEndpointResource)
  webhookEndpoint(@Args('id', { type: () => ID }) id: string) {
    return this.endpoints.get(id);
  }

  @Query(() => WebhookDeliveryList)
  webhookDeliveries(@Args() { endpointId, ...query }: EndpointDeliveriesArgs) {
    return this.endpoints.listDeliveries(endpointId, query);
  }

  @Mutation(() => WebhookEndpointResource)
  createWebhookEndpoint(@Args('input') input: CreateWebhookEndpointDto) {
    return this.endpoints.create(input);
  }

  @Mutation(() => WebhookEndpointResource)
  updateWebhookEndpoint(@Args('id', { type: () => ID }) id: string, @Args('input') input: UpdateWebhookEndpointDto) {
    return this.endpoints.update(id, input);
  }

  @Mutation(() => DeletedResource)
  deleteWebhookEndpoint(@Args('id', { type: () => ID }) id: string) {
    return this.endpoints.remove(id);
  }

  @Mutation(() => WebhookEndpointResource)
  rotateWebhookEndpointSecret(@Args('id', { type: () => ID }) id: string, @Args('input', { nullable: true }) input?: RotateWebhookSecretDto) {
    return this.endpoints.rotateSecret(id, input ?? {});
  }

  @Mutation(() => WebhookEndpointResource)
  enableWebhookEndpoint(@Args('id', { type: () => ID }) id: string) {
    return this.endpoints.enable(id);
  }
}
