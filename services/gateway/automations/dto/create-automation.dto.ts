import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { AUTOMATION_STATUSES, type AutomationStatus } from '../../../../domain/statuses';
import { DescriptionField, NameField } from '../../admin/resource.fields';
import { FiltersField, PriorityField, StepsField, TriggerField } from './automation-definition.fields';

/** `POST /v1/automations`: creates the automation at version 1. */
@InputType('CreateAutomationInput')
export class CreateAutomationDto {
  @NameField({ doc: { example: 'Annual plans: retry, grace, cancel' } })
  name: string;

  @DescriptionField({ default: '' })
  description?: string;

  @PriorityField({ default: 100, description: 'Lower runs first among automations of the same trigger' })
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
