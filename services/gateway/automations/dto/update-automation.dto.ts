import { InputType } from '@nestjs/graphql';
import { DescriptionField, NameField } from '../../admin/resource.fields';
import { FiltersField, PriorityField, StepsField, TriggerField } from './automation-definition.fields';

/**
 * `PATCH /v1/automations/{id}`: a change to name, trigger, filters or steps creates a new version (runs
 * already going stay on theirs); description and priority are not part of a version.
 */
@InputType('UpdateAutomationInput')
export class UpdateAutomationDto {
  @NameField({ optional: true })
  name?: string;

  @DescriptionField()
  description?: string;

  @PriorityField()
  priority?: number;

  @TriggerField(true)
  trigger?: Record<string, unknown>;

  @FiltersField()
  filters?: Record<string, unknown> | null;

  @StepsField(true)
  steps?: unknown[];
}
