import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsStringMetadata } from './sandbox-validators';

/** Body of `POST /v1/sandbox/customers`. */
export class CreateCustomerDto {
  @ApiPropertyOptional({ example: 'ada@customer.test' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Ada Lovelace' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { plan: 'pro' } })
  @IsOptional()
  @IsStringMetadata()
  metadata?: Record<string, string>;
}
