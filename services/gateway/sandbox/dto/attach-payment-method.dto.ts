import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { stacked } from '../../admin/resource.fields';
import { DefaultOutcomeDto, ScriptedOutcomeDto } from './scripted-outcome.dto';

/** `nextOutcomes` of a card: at most 50 scripted outcomes, each checked. */
const NextOutcomesField = (doc?: Pick<ApiPropertyOptions, 'description'>) =>
  stacked(
    ApiPropertyOptional({ type: [ScriptedOutcomeDto], ...doc }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    ValidateNested({ each: true }),
    Type(() => ScriptedOutcomeDto),
  );

/** Body of `POST /v1/sandbox/customers/{id}/payment-methods`: a card and what charging it does. */
export class AttachPaymentMethodDto extends DefaultOutcomeDto {
  @ApiProperty({ example: 'visa', description: 'visa, mastercard, amex…; Visa cards are capped at 15 retries in 30 days' })
  @IsString()
  @Matches(/^[a-zA-Z_]{2,30}$/)
  brand: string;

  @ApiPropertyOptional({ example: '4242' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'last4 must be four digits' })
  last4?: string;

  @ApiPropertyOptional({ description: 'Same fingerprint = same physical card; random when omitted' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  fingerprint?: string;

  @NextOutcomesField({ description: 'Outcomes of the next charges, in order, before the default' })
  nextOutcomes?: ScriptedOutcomeDto[];

  @ApiPropertyOptional({ default: true, description: 'Make it the default card (either way it emits payment_method_updated)' })
  @IsOptional()
  @IsBoolean()
  makeDefault?: boolean;

  @ApiPropertyOptional({ example: 12, description: 'Expiry month (1-12); the card works to the end of it. None: never expires' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth?: number;

  @ApiPropertyOptional({ example: 2030 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2200)
  expYear?: number;
}

/** Body of `POST /v1/sandbox/payment-methods/{id}/expiry`: new card details, as an automatic card updater sends them. */
export class UpdateCardExpiryDto {
  @ApiProperty({ example: 12 })
  @IsInt()
  @Min(1)
  @Max(12)
  expMonth: number;

  @ApiProperty({ example: 2031 })
  @IsInt()
  @Min(2000)
  @Max(2200)
  expYear: number;
}

/** Body of `POST /v1/sandbox/payment-methods/{id}/script`: replace the card's scripted outcomes. */
export class ScriptPaymentMethodDto extends DefaultOutcomeDto {
  @NextOutcomesField()
  nextOutcomes?: ScriptedOutcomeDto[];
}

/** Body of `POST /v1/sandbox/customers/{id}/default-payment-method`. */
export class SetDefaultPaymentMethodDto {
  @ApiProperty({ example: 'pm_…' })
  @IsString()
  @MaxLength(255)
  paymentMethodId: string;
}
