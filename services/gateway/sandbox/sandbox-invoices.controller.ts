import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiSchemaResponse } from '../admin/openapi-schemas';
import { ApiProblems } from '../admin/problems';
import { AttemptInvoiceDto, CreateInvoiceDto, ListInvoicesQuery } from './dto/create-invoice.dto';
import { SandboxReadsService } from './sandbox-reads.service';
import { SandboxService } from './sandbox.service';

/** `/v1/sandbox/invoices`: issue, attempt (renewal charge), pay out of band, void, mark uncollectible, read. */
@ApiTags('sandbox')
@ApiBearerAuth()
@Controller('v1/sandbox/invoices')
export class SandboxInvoicesController {
  constructor(private readonly sandbox: SandboxService, private readonly reads: SandboxReadsService) {}

  @Post()
  @ApiOperation({ summary: 'Issue an open invoice (emits invoice_finalized)' })
  @ApiProblems(404, 422)
  @ApiSchemaResponse(201, 'SandboxInvoice')
  create(@Body() dto: CreateInvoiceDto) {
    return this.sandbox.createInvoice(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List invoices, newest first (at most 100)' })
  @ApiProblems(422)
  @ApiSchemaResponse(200, 'SandboxInvoiceList')
  list(@Query() query: ListInvoicesQuery) {
    return this.reads.listInvoices(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One invoice with its charge attempts' })
  @ApiProblems(404)
  @ApiSchemaResponse(200, 'SandboxInvoiceDetail')
  get(@Param('id') id: string) {
    return this.reads.getInvoice(id);
  }

  @Post(':id/attempt')
  @HttpCode(200)
  @ApiOperation({ summary: 'Charge the default card now, as a renewal or dunning retry would (emits invoice_paid or invoice_payment_failed)' })
  @ApiProblems(404, 409, 422)
  @ApiSchemaResponse(200, 'PaymentAttempt')
  attempt(@Param('id') id: string, @Body() dto: AttemptInvoiceDto) {
    return this.sandbox.attemptInvoice(id, dto.idempotencyKey);
  }

  @Post(':id/pay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a payment made out of band (emits invoice_paid; ends dunning)' })
  @ApiProblems(404, 409)
  @ApiSchemaResponse(200, 'SandboxInvoice')
  pay(@Param('id') id: string) {
    return this.sandbox.payOutOfBand(id);
  }

  @Post(':id/void')
  @HttpCode(200)
  @ApiOperation({ summary: 'Void an unpaid invoice (emits invoice_voided; ends dunning)' })
  @ApiProblems(404, 409)
  @ApiSchemaResponse(200, 'SandboxInvoice')
  void(@Param('id') id: string) {
    return this.sandbox.voidInvoice(id);
  }

  @Post(':id/mark-uncollectible')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark an open invoice uncollectible (emits invoice_marked_uncollectible)' })
  @ApiProblems(404, 409)
  @ApiSchemaResponse(200, 'InvoiceSnapshot')
  markUncollectible(@Param('id') id: string) {
    return this.sandbox.markUncollectible(id);
  }
}
