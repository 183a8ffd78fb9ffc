import { Field, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { GraphQLJSON } from '../../graphql/json.scalar';

const json = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;

/** What a run would do for an event: the match explanation and the dated timeline, computed by the domain code. */
@ObjectType('AutomationPreview')
export class AutomationPreviewResource {
  @ApiProperty({ format: 'uuid' }) @Field() automationId: string;
  @ApiProperty() @Field() version: number;
  @ApiProperty(json('The normalized event: id, kind, occurredAt')) @Field(() => GraphQLJSON) event: Record<string, unknown>;
  @ApiProperty(json('expected (the automation’s trigger), derived (from the event, null if none), matches'))
  @Field(() => GraphQLJSON)
  trigger: { expected: unknown; derived: unknown; matches: boolean };
  @ApiProperty(json('The filter explanation: every condition, passed or not, with the value seen'))
  @Field(() => GraphQLJSON)
  explanation: Record<string, unknown>;
  @ApiProperty({ type: [String], description: 'The explanation as lines (✓/✗ condition (seen value))' })
  @Field(() => [String])
  explanationLines: string[];
  @ApiProperty(json('Priority matching among enabled automations of the trigger: handledBy and evaluations'))
  @Field(() => GraphQLJSON)
  matching: Record<string, unknown>;
  @ApiProperty({ description: 'The event would start a run of this automation (trigger, enabled, first match by priority)' })
  @Field()
  wouldStartRun: boolean;
  @ApiProperty(json('startsAt, entries [{at, until?, stepIndex, step, action, description, attempt?, reason?}], end, endsEarlyOn; times ISO-8601; reason: why a retry is planned then (kind scheduled: slot of N in windowDays, declineClass, rule, adviceCode, adviceWaitHours, paydayAligned; card_update; cap_deferral with its rule; awaiting_new_card_details)'))
  @Field(() => GraphQLJSON)
  timeline: Record<string, unknown>;
}
