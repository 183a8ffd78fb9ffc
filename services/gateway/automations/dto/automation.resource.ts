import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AutomationDefinition } from '../../../../domain/automation';
import type { AutomationVersionEntity } from '../../../common/database/entities/automation-version.entity';
import type { AutomationEntity } from '../../../common/database/entities/automation.entity';
import { ApiSchemaProperty } from '../../admin/openapi-schemas';
import { PageOf } from '../../admin/pagination';
import { GraphQLJSON } from '../../graphql/json.scalar';
import { DISABLE_MODES } from './automation-actions.dto';
import { AUTOMATION_STATUSES } from '../../../../domain/statuses';

/** One immutable version: the definition runs started on it are pinned to. */
@ObjectType('AutomationVersion')
export class AutomationVersionResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) automationId: string;
  @ApiProperty() @Field(() => Int) version: number;
  @ApiSchemaProperty('AutomationDefinition', { description: 'name, trigger, filters, steps (retry policies resolved)' })
  @Field(() => GraphQLJSON)
  definition: AutomationDefinition;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
}

/** An automation with its current version's definition. */
@ObjectType('Automation')
export class AutomationResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty() @Field() name: string;
  @ApiProperty() @Field() description: string;
  @ApiSchemaProperty('Trigger', { description: 'The current version’s trigger' }) @Field(() => GraphQLJSON) trigger: AutomationDefinition['trigger'];
  @ApiProperty({ description: 'Lower runs first among automations of the same trigger' }) @Field(() => Int) priority: number;
  @ApiProperty({ enum: AUTOMATION_STATUSES }) @Field() status: string;
  @ApiProperty({ description: 'The current version number' }) @Field(() => Int) version: number;
  @ApiSchemaProperty('AutomationDefinition', { description: 'The current version’s definition' }) @Field(() => GraphQLJSON) definition: AutomationDefinition;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @Field() updatedAt: string;
}

/** What disabling did. */
@ObjectType('DisableAutomationResult')
export class DisableResultResource {
  @ApiProperty({ type: AutomationResource }) @Field(() => AutomationResource) automation: AutomationResource;
  @ApiProperty({ enum: DISABLE_MODES }) @Field() mode: string;
  @ApiProperty({ type: [String], description: 'Runs sent the `cancel` signal (mode cancel)' })
  @Field(() => [String])
  canceledRunIds: string[];
  @ApiPropertyOptional({ type: [String], description: 'Runs the signal could not reach (already closed)' })
  @Field(() => [String])
  unreachableRunIds: string[];
}

export const AutomationList = PageOf(AutomationResource, 'Automation');
export const AutomationVersionList = PageOf(AutomationVersionResource, 'AutomationVersion');

/** Row + version → resource. */
export function toAutomationResource(row: AutomationEntity, version: AutomationVersionEntity): AutomationResource {
  const definition = version.definition;
  return {
    id: row.id, name: row.name, description: row.description, trigger: definition.trigger, priority: row.priority,
    status: row.status, version: version.version, definition,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

/** Version row → resource. */
export function toVersionResource(version: AutomationVersionEntity): AutomationVersionResource {
  return {
    automationId: version.automationId, version: version.version,
    definition: version.definition, createdAt: version.createdAt.toISOString(),
  };
}
