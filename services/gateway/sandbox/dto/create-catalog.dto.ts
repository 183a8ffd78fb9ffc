import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min, MinLength } from 'class-validator';
import { IsCurrencyCode, IsStringMetadata } from './sandbox-validators';

/** Body of `POST /v1/sandbox/products`. */
export class CreateProductDto {
  @ApiProperty({ example: 'Pro plan' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;
}

/** Body of `POST /v1/sandbox/prices`: a recurring price of a product. */
export class CreatePriceDto {
  @ApiProperty({ example: 'prod_…' })
  @IsString()
  @MaxLength(255)
  productId: string;

  @ApiProperty({ example: 4900, description: 'Minor units (cents)' })
  @IsInt()
  @Min(0)
  unitAmount: number;

  @ApiProperty({ example: 'usd' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ enum: ['month', 'year'] })
  @IsIn(['month', 'year'])
  interval: 'month' | 'year';
}

/** Body of `POST /v1/sandbox/subscriptions`. */
export class CreateSubscriptionDto {
  @ApiProperty({ example: 'cus_…' })
  @IsString()
  @MaxLength(255)
  customerId: string;

  @ApiProperty({ example: 'price_…' })
  @IsString()
  @MaxLength(255)
  priceId: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsStringMetadata()
  metadata?: Record<string, string>;
}

/** Body of `POST /v1/sandbox/subscriptions/{id}/cancel`. */
export class CancelSubscriptionDto {
  @ApiPropertyOptional({ default: 'cancellation_requested', example: 'cancellation_requested' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  reason?: string;
}
