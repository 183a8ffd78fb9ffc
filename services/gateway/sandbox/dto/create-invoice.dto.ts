import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { INVOICE_STATUSES } from '../../../../domain/normalize/billing-enums';
import { IsCurrencyCode, IsStringMetadata } from './sandbox-validators';

/** Body of `POST /v1/sandbox/invoices`: issued open, emitting `invoice_finalized`. */
export class CreateInvoiceDto {
  @ApiProperty({ example: 'cus_…' })
  @IsString()
  @MaxLength(255)
  customerId: string;

  @ApiPropertyOptional({ description: 'A renewal of this subscription: amount and currency from its price' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  subscriptionId?: string;

  @ApiPropertyOptional({ description: 'Bill this price (one line)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  priceId?: string;

  @ApiPropertyOptional({ example: 4900, description: 'Minor units; default the price\'s amount' })
  @IsOptional()
  @IsInt()
  @Min(0)
  amountDue?: number;

  @ApiPropertyOptional({ example: 'usd' })
  @IsOptional()
  @IsCurrencyCode()
  currency?: string;

  @ApiPropertyOptional({ enum: ['charge_automatically', 'send_invoice'], default: 'charge_automatically' })
  @IsOptional()
  @IsIn(['charge_automatically', 'send_invoice'])
  collectionMethod?: 'charge_automatically' | 'send_invoice';

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'Required for send_invoice, absent otherwise' })
  @IsOptional()
  @IsISO8601({ strict: true })
  dueDate?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringMetadata()
  metadata?: Record<string, string>;
}

/** Body of `POST /v1/sandbox/invoices/{id}/attempt` (optional: a key makes the attempt repeatable safely). */
export class AttemptInvoiceDto {
  @ApiPropertyOptional({ description: 'Idempotency key; a repeat returns the first attempt. Default: a new key' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  idempotencyKey?: string;
}

/** Query of `GET /v1/sandbox/invoices`. */
export class ListInvoicesQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) subscriptionId?: string;
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: string;
}
