import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { ApiProblems } from '../admin/problems';
import { WebhookDeliveryList } from './dto/webhook-delivery.resource';
import {
  CreateWebhookEndpointDto, ListDeliveriesQuery, RotateWebhookSecretDto, UpdateWebhookEndpointDto, WebhookEndpointList, WebhookEndpointResource,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** `/v1/webhook-endpoints`: receivers of the runs' outbound events (docs/outbound-events.md). */
@ApiTags('webhook-endpoints')
@ApiBearerAuth()
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Post()
  @ApiOperation({ summary: 'Register an endpoint for outbound events (the answer carries its signing secret)' })
  @ApiCreatedResponse({ type: WebhookEndpointResource })
  @ApiProblems(422)
  create(@Body() dto: CreateWebhookEndpointDto) {
    return this.endpoints.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List webhook endpoints, newest first' })
  @ApiOkResponse({ type: WebhookEndpointList })
  @ApiProblems(422)
  list(@Query() query: PageQuery) {
    return this.endpoints.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint (status active or failing)' })
  @ApiOkResponse({ type: WebhookEndpointResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.endpoints.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, event types, description or enabled flag' })
  @ApiOkResponse({ type: WebhookEndpointResource })
  @ApiProblems(404, 422)
  update(@Param('id') id: string, @Body() dto: UpdateWebhookEndpointDto) {
    return this.endpoints.update(id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an endpoint and its deliveries' })
  @ApiOkResponse({ type: DeletedResource })
  @ApiProblems(404)
  remove(@Param('id') id: string) {
    return this.endpoints.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a new signing secret; the old one also signs for graceSeconds (default a day)' })
  @ApiOkResponse({ type: WebhookEndpointResource })
  @ApiProblems(404, 422)
  rotateWebhookEndpointSecret(@Param('id') id: string, @Body() dto: RotateWebhookSecretDto) {
    return this.endpoints.rotateSecret(id, dto);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable an endpoint again (also a failing one): its held and failed deliveries are sent again' })
  @ApiOkResponse({ type: WebhookEndpointResource })
  @ApiProblems(404)
  enable(@Param('id') id: string) {
    return this.endpoints.enable(id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "The endpoint's deliveries, newest first, with their attempts and last answer" })
  @ApiOkResponse({ type: WebhookDeliveryList })
  @ApiProblems(404, 422)
  listWebhookDeliveries(@Param('id') id: string, @Query() query: ListDeliveriesQuery) {
    return this.endpoints.listDeliveries(id, query);
  }
}
