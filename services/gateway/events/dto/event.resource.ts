import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BillingEventEntity } from '../../../common/database/entities/billing-event.entity';
import { PageOf } from '../../admin/pagination';
import { GraphQLJSON } from '../../graphql/json.scalar';
import { EVENT_STATUSES } from './list-events.query';

const nullableText = { type: String, nullable: true } as const;
const json = (description: string) => ({ type: 'object', additionalProperties: true, nullable: true, description }) as const;

/** What an event is about (invoice, subscription or customer). */
@ObjectType('EventSubject')
export class EventSubjectResource {
  @ApiProperty({ enum: ['invoice', 'subscription', 'customer'] }) @Field() type: string;
  @ApiProperty() @Field() id: string;
}

/** The automation whose run the event started or signalled. */
@ObjectType('MatchedAutomation')
export class MatchedAutomationResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) version: number | null;
}

/** An event as the admin API shows it: what arrived, what dispatching decided, and why. */
@ObjectType('Event')
export class EventResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty({ enum: ['stripe', 'generic', 'sandbox'] }) @Field() provider: string;
  @ApiProperty({ description: 'The sender’s event id (deduplicated per provider)' }) @Field() providerEventId: string;
  @ApiProperty({ description: 'Provider event type (generic events: their `type`)' }) @Field() type: string;
  @ApiProperty({ enum: EVENT_STATUSES }) @Field() status: string;
  @ApiProperty({ ...nullableText, description: 'The domain kind once normalized' }) @Field(() => String, { nullable: true }) kind: string | null;
  @ApiProperty({ type: EventSubjectResource, nullable: true }) @Field(() => EventSubjectResource, { nullable: true })
  subject: EventSubjectResource | null;
  @ApiProperty({ type: MatchedAutomationResource, nullable: true }) @Field(() => MatchedAutomationResource, { nullable: true })
  matchedAutomation: MatchedAutomationResource | null;
  @ApiProperty(json('Why it matched (or not): every automation and condition'))
  @Field(() => GraphQLJSON, { nullable: true })
  explanation: Record<string, unknown> | null;
  @ApiProperty(json('What dispatching did: runs started or signalled, or why nothing')) @Field(() => GraphQLJSON, { nullable: true })
  outcome: Record<string, unknown> | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) @Field() receivedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) dispatchedAt: string | null;
  @ApiPropertyOptional({ ...json('The payload as received (single-event reads only)') })
  @Field(() => GraphQLJSON, { nullable: true, description: 'The payload as received (single-event reads only)' })
  payload?: Record<string, unknown>;
}

/** What `POST /v1/events` answers: the stored event's id, and whether it was a repeat of a known one. */
@ObjectType('EventReceipt')
export class EventReceiptResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty({ enum: [true] }) @Field() received: boolean;
  @ApiProperty({ description: 'true: this event id was already stored (nothing new happened)' }) @Field() duplicate: boolean;
}

export const EventList = PageOf(EventResource, 'Event');

/** Maps a row to its resource; the raw payload only on the single-event route (lists stay small). */
export function toEventResource(row: BillingEventEntity, withPayload = false): EventResource {
  return {
    id: row.id,
    provider: row.provider,
    providerEventId: row.providerEventId,
    type: row.type,
    status: row.status,
    kind: row.kind,
    subject: row.subjectType && row.subjectId ? { type: row.subjectType, id: row.subjectId } : null,
    matchedAutomation: row.matchedAutomationId ? { id: row.matchedAutomationId, version: row.matchedVersion } : null,
    explanation: row.explanation,
    outcome: row.outcome,
    error: row.error,
    receivedAt: row.receivedAt.toISOString(),
    dispatchedAt: row.dispatchedAt?.toISOString() ?? null,
    ...(withPayload && { payload: row.payload }),
  };
}
