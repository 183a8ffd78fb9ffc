import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSchemaResponse } from '../admin/openapi-schemas';
import { ApiProblems } from '../admin/problems';
import { AttachPaymentMethodDto, ScriptPaymentMethodDto, SetDefaultPaymentMethodDto, UpdateCardExpiryDto } from './dto/attach-payment-method.dto';
import { CreateCustomerDto } from './dto/create-customer.dto';
import { SandboxReadsService } from './sandbox-reads.service';
import { SandboxService } from './sandbox.service';

/** `/v1/sandbox/customers` and their cards (scripted outcomes). */
@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('v1/sandbox')
export class SandboxCustomersController {
  constructor(private readonly sandbox: SandboxService, private readonly reads: SandboxReadsService) {}

  @Post('customers')
  @ApiOperation({ summary: 'Create a customer (emits customer_created)' })
  @ApiProblems(422)
  @ApiSchemaResponse(201, 'SandboxCustomer')
  createCustomer(@Body() dto: CreateCustomerDto) {
    return this.sandbox.createCustomer(dto);
  }

  @Get('customers')
  @ApiOperation({ summary: 'List customers, newest first (at most 100)' })
  @ApiSchemaResponse(200, 'SandboxCustomerList')
  @ApiProblems()
  listCustomers() {
    return this.reads.listCustomers();
  }

  @Get('customers/:id')
  @ApiOperation({ summary: 'One customer with its payment methods' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxCustomerDetail')
  getCustomer(@Param('id') id: string) {
    return this.reads.getCustomer(id);
  }

  @Post('customers/:id/payment-methods')
  @ApiOperation({ summary: 'Attach a card with scripted outcomes; as the default it emits payment_method_updated' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(201, 'SandboxPaymentMethod')
  attachPaymentMethod(@Param('id') id: string, @Body() dto: AttachPaymentMethodDto) {
    return this.sandbox.attachPaymentMethod(id, dto);
  }

  @Post('customers/:id/default-payment-method')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change the default card (emits payment_method_updated: a prompt retry after a hard decline)' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(200, 'SandboxCustomer')
  setDefaultPaymentMethod(@Param('id') id: string, @Body() dto: SetDefaultPaymentMethodDto) {
    return this.sandbox.setDefaultPaymentMethod(id, dto.paymentMethodId);
  }

  @Get('payment-methods/:id')
  @ApiOperation({ summary: 'One payment method with its scripted outcomes' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxPaymentMethod')
  getPaymentMethod(@Param('id') id: string) {
    return this.reads.getPaymentMethod(id);
  }

  @Post('payment-methods/:id/expiry')
  @HttpCode(200)
  @ApiOperation({ summary: 'New expiry for a card on file (an automatic card updater); emits payment_method_updated: every run of the customer retries' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(200, 'SandboxPaymentMethod')
  updateCardExpiry(@Param('id') id: string, @Body() dto: UpdateCardExpiryDto) {
    return this.sandbox.updateCardExpiry(id, dto);
  }

  @Post('payment-methods/:id/script')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the scripted outcomes of a card (no event: test scaffolding)' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(200, 'SandboxPaymentMethod')
  scriptPaymentMethod(@Param('id') id: string, @Body() dto: ScriptPaymentMethodDto) {
    return this.sandbox.scriptPaymentMethod(id, dto);
  }
}
