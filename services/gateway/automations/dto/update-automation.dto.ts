import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { FiltersField, StepsField, TriggerField } from './automation-definition.fields';

/**
 * `PATCH /v1/automations/{id}`: a change to name, trigger, filters or steps creates a new version (runs
 * already going stay on theirs); description and priority are not part of a version.
 */
@InputType('UpdateAutomationInput')
export class UpdateAutomationDto {
  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional()
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional()
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priority?: number;

  @TriggerField(true)
  trigger?: Record<string, unknown>;

  @FiltersField()
  filters?: Record<string, unknown> | null;

  @StepsField(true)
  steps?: unknown[];
}
