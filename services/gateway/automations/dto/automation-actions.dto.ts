import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { GraphQLJSON } from '../../graphql/json.scalar';
import { ApiSchemaProperty } from '../../admin/openapi-schemas';

export const DISABLE_MODES = ['finish', 'cancel'] as const;
export type DisableMode = (typeof DISABLE_MODES)[number];

/** `POST /v1/automations/{id}/disable`: `finish` lets running runs finish, `cancel` cancels them. */
@InputType('DisableAutomationInput')
export class DisableAutomationDto {
  @ApiProperty({ enum: DISABLE_MODES })
  @Field(() => String)
  @IsIn(DISABLE_MODES)
  mode: DisableMode;
}

/** `POST /v1/automations/reorder`: these automations first, in this order, within their trigger. */
@InputType('ReorderAutomationsInput')
export class ReorderAutomationsDto {
  @ApiProperty({ type: [String], description: 'Automation ids of one trigger, highest priority first' })
  @Field(() => [String])
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

/** `POST /v1/automations/{id}/preview`: what a run would do for this event, without doing anything. */
@InputType('PreviewAutomationInput')
export class PreviewAutomationDto {
  @ApiSchemaProperty('GenericEvent', { description: 'A billing event in the generic event format of POST /v1/events (docs/generic-events.md)' })
  @Field(() => GraphQLJSON)
  @IsObject()
  event: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Version to preview (default: the current one)', minimum: 1 })
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: 'Decline code retries are assumed to fail with (default: the event’s)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  declineCode?: string;
}
