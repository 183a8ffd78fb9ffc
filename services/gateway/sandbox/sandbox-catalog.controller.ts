import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
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
  createProduct(@Body() dto: CreateProductDto) {
    return this.sandbox.createProduct(dto.name);
  }

  @Get('products')
  @ApiOperation({ summary: 'List products, newest first (at most 100)' })
  listProducts() {
    return this.reads.listProducts();
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'One product with its prices' })
  @ApiProblems(404)
  getProduct(@Param('id') id: string) {
    return this.reads.getProduct(id);
  }

  @Post('prices')
  @ApiOperation({ summary: 'Create a monthly or yearly price of a product' })
  @ApiProblems(404, 422)
  createPrice(@Body() dto: CreatePriceDto) {
    return this.sandbox.createPrice(dto);
  }

  @Get('prices/:id')
  @ApiOperation({ summary: 'One price' })
  @ApiProblems(404)
  getPrice(@Param('id') id: string) {
    return this.reads.getPrice(id);
  }

  @Post('subscriptions')
  @ApiOperation({ summary: 'Subscribe a customer to a price (active; renewals are invoices with subscriptionId)' })
  @ApiProblems(404, 422)
  createSubscription(@Body() dto: CreateSubscriptionDto) {
    return this.sandbox.createSubscription(dto);
  }

  @Get('subscriptions')
  @ApiOperation({ summary: 'List subscriptions, newest first (at most 100)' })
  @ApiQuery({ name: 'customerId', required: false })
  listSubscriptions(@Query('customerId') customerId?: string) {
    return this.reads.listSubscriptions(customerId);
  }

  @Get('subscriptions/:id')
  @ApiOperation({ summary: 'One subscription' })
  @ApiProblems(404)
  getSubscription(@Param('id') id: string) {
    return this.reads.getSubscription(id);
  }

  @Post('subscriptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a subscription now (emits subscription_canceled; a repeat changes nothing)' })
  @ApiProblems(404, 422)
  cancelSubscription(@Param('id') id: string, @Body() dto: CancelSubscriptionDto) {
    return this.sandbox.cancelSubscription(id, dto.reason);
  }
}
