import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { RUN_STATUSES } from '../../../../domain/statuses';
import { PageQuery } from '../../admin/pagination';


/** `GET /v1/runs`: newest first, filtered by automation, customer, invoice, subscription and status. */
@ArgsType()
export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Field({ nullable: true }) @IsOptional() @IsUUID() automationId?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) customerId?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) invoiceId?: string;
  @ApiPropertyOptional() @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) subscriptionId?: string;
  @ApiPropertyOptional({ enum: RUN_STATUSES }) @Field({ nullable: true }) @IsOptional() @IsIn(RUN_STATUSES) status?: string;
}

/** `POST /v1/runs/{id}/cancel`. */
@InputType('CancelRunInput')
export class CancelRunDto {
  @ApiPropertyOptional({ default: 'operator', description: 'Recorded as the run’s outcome reason' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reason?: string;
}

/** `POST /v1/runs/{id}/restart`: which version the new run follows. */
@InputType('RestartRunInput')
export class RestartRunDto {
  @ApiPropertyOptional({ enum: ['same', 'current'], default: 'same', description: 'same: the version the ended run was pinned to; current: the automation’s current version' })
  @Field({ nullable: true })
  @IsOptional()
  @IsIn(['same', 'current'])
  version?: 'same' | 'current';
}
