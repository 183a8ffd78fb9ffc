import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { WebhookDeliveryEntity } from '../../../common/database/entities/webhook-delivery.entity';
import { PageOf } from '../../admin/pagination';
import { GraphQLJSON } from '../../graphql/json.scalar';
import { DELIVERY_STATUSES } from './webhook-endpoint.dto';

const when = () => ApiProperty({ type: String, format: 'date-time', nullable: true });

/** One event for one endpoint, and how its delivery went. */
@ObjectType('WebhookDelivery')
export class WebhookDeliveryResource {
  @ApiProperty() @Field(() => ID) id: string;
  @ApiProperty({ description: 'webhook-id: the same on every attempt' }) @Field() messageId: string;
  @ApiProperty() @Field() eventType: string;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) runId: string | null;
  @ApiProperty({ enum: DELIVERY_STATUSES }) @Field() status: string;
  @ApiProperty() @Field(() => Int) attempts: number;
  @when() @Field(() => String, { nullable: true }) nextAttemptAt: string | null;
  @when() @Field(() => String, { nullable: true }) lastAttemptAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Int, { nullable: true }) lastStatus: number | null;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) lastError: string | null;
  @when() @Field(() => String, { nullable: true }) deliveredAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The body sent: {type, timestamp, data}' }) @Field(() => GraphQLJSON) body: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
}

export const WebhookDeliveryList = PageOf(WebhookDeliveryResource, 'WebhookDelivery');

/** Row → resource. */
export function toWebhookDeliveryResource(row: WebhookDeliveryEntity): WebhookDeliveryResource {
  return {
    id: row.id, messageId: row.messageId, eventType: row.eventType, runId: row.runId, status: row.status, attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null, lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    lastStatus: row.lastStatus, lastError: row.lastError, deliveredAt: row.deliveredAt?.toISOString() ?? null, body: row.body, createdAt: row.createdAt.toISOString(),
  };
}
