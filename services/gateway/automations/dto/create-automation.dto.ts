import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import type { AutomationStatus } from '../../../common/database/entities/automation.entity';
import { FiltersField, StepsField, TriggerField } from './automation-definition.fields';

export const AUTOMATION_STATUSES: readonly AutomationStatus[] = ['enabled', 'disabled'];

/** `POST /v1/automations`: creates the automation at version 1. */
@InputType('CreateAutomationInput')
export class CreateAutomationDto {
  @ApiProperty({ example: 'Annual plans: retry, grace, cancel' })
  @Field()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ default: '' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ default: 100, description: 'Lower runs first among automations of the same trigger' })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  priority?: number;

  @ApiPropertyOptional({ enum: AUTOMATION_STATUSES, default: 'enabled' })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(AUTOMATION_STATUSES)
  status?: AutomationStatus;

  @TriggerField()
  trigger: Record<string, unknown>;

  @FiltersField()
  filters?: Record<string, unknown> | null;

  @StepsField()
  steps: unknown[];
}
