import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiSchemaResponse } from '../admin/openapi-schemas';
import { ApiProblems } from '../admin/problems';
import { CancelSubscriptionDto, CreatePriceDto, CreateProductDto, CreateSubscriptionDto } from './dto/create-catalog.dto';
import { SandboxReadsService } from './sandbox-reads.service';
import { SandboxService } from './sandbox.service';

/** `/v1/sandbox/products`, `/prices` and `/subscriptions`. */
@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('v1/sandbox')
export class SandboxCatalogController {
  constructor(private readonly sandbox: SandboxService, private readonly reads: SandboxReadsService) {}

  @Post('products')
  @ApiOperation({ summary: 'Create a product' })
  @ApiProblems(422)
  @ApiSchemaResponse(201, 'SandboxProduct')
  createProduct(@Body() dto: CreateProductDto) {
    return this.sandbox.createProduct(dto.name);
  }

  @Get('products')
  @ApiOperation({ summary: 'List products, newest first (at most 100)' })
  @ApiSchemaResponse(200, 'SandboxProductList')
  @ApiProblems()
  listProducts() {
    return this.reads.listProducts();
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'One product with its prices' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxProductDetail')
  getProduct(@Param('id') id: string) {
    return this.reads.getProduct(id);
  }

  @Post('prices')
  @ApiOperation({ summary: 'Create a monthly or yearly price of a product' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(201, 'SandboxPrice')
  createPrice(@Body() dto: CreatePriceDto) {
    return this.sandbox.createPrice(dto);
  }

  @Get('prices/:id')
  @ApiOperation({ summary: 'One price' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxPrice')
  getPrice(@Param('id') id: string) {
    return this.reads.getPrice(id);
  }

  @Post('subscriptions')
  @ApiOperation({ summary: 'Subscribe a customer to a price (active; renewals are invoices with subscriptionId)' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(201, 'SandboxSubscription')
  createSubscription(@Body() dto: CreateSubscriptionDto) {
    return this.sandbox.createSubscription(dto);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'List subscriptions, newest first (at most 100)' })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiSchemaResponse(200, 'SandboxSubscriptionList')
  @ApiProblems()
  listSubscriptions(@Query('customerId') customerId?: string) {
    return this.reads.listSubscriptions(customerId);
  }

  @Get('subscriptions/:id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxSubscription')
  getSubscription(@Param('id') id: string) {
    return this.reads.getSubscription(id);
  }

  @Post('subscriptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a subscription now (emits subscription_canceled; a repeat changes nothing)' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(200, 'SubscriptionSnapshot')
  cancelSubscription(@Param('id') id: string, @Body() dto: CancelSubscriptionDto) {
    return this.sandbox.cancelSubscription(id, dto.reason);
  }
}
