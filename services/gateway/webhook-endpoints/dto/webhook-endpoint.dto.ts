import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type as TransformType } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RUN_EVENT_TYPES } from '../../../../domain/webhooks/run-events';
import type { WebhookEndpointEntity } from '../../../common/database/entities/webhook-endpoint.entity';
import { PageOf, PageQuery } from '../../admin/pagination';
import { DescriptionField, stacked, UnlessAbsent } from '../../admin/resource.fields';

/** What `eventTypes` may hold: the run event types, or `*` for all of them. */
export const SUBSCRIBABLE = ['*', ...RUN_EVENT_TYPES] as const;

const urlDoc = { description: 'Where events are POSTed (http or https; internal addresses only if listed in OUTBOUND_ALLOWED_HOSTS)', example: 'https://hooks.example.com/dunning' };
const typesDoc = { description: `Event types to receive: ${SUBSCRIBABLE.join(', ')}`, example: ['run.started', 'run.ended'], enum: SUBSCRIBABLE, isArray: true };

const UrlField = (optional: boolean) => stacked(
  optional ? ApiPropertyOptional(urlDoc) : ApiProperty(urlDoc), Field({ nullable: optional }), ...(optional ? [UnlessAbsent()] : []), IsString(), MaxLength(2000));
const EventTypesField = (optional: boolean) => stacked(
  optional ? ApiPropertyOptional(typesDoc) : ApiProperty(typesDoc), Field(() => [String], { nullable: optional }), ...(optional ? [UnlessAbsent()] : []),
  IsArray(), ArrayMinSize(1), ArrayMaxSize(SUBSCRIBABLE.length), ArrayUnique(), IsIn(SUBSCRIBABLE, { each: true, message: `each value in eventTypes must be one of ${SUBSCRIBABLE.join(', ')}` }));
const EnabledField = () => stacked(ApiPropertyOptional({ description: 'Off: no events are queued for it', default: true }), Field({ nullable: true }), UnlessAbsent(), IsBoolean());

/** `POST /v1/webhook-endpoints`. */
@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointDto {
  @UrlField(false) url: string;
  @EventTypesField(false) eventTypes: string[];
  @DescriptionField() description?: string;
  @EnabledField() enabled?: boolean;
}

/** `PATCH /v1/webhook-endpoints/{id}`. */
@InputType('UpdateWebhookEndpointInput')
export class UpdateWebhookEndpointDto {
  @UrlField(true) url?: string;
  @EventTypesField(true) eventTypes?: string[];
  @DescriptionField() description?: string;
  @EnabledField() enabled?: boolean;
}

/** `POST /v1/webhook-endpoints/{id}/rotate-secret`. */
@InputType('RotateWebhookSecretInput')
export class RotateWebhookSecretDto {
  @ApiPropertyOptional({ description: 'Seconds the old secret keeps signing beside the new one (0: stop at once)', default: 86_400, minimum: 0, maximum: 604_800 })
  @Field(() => Int, { nullable: true })
  @IsOptional() @TransformType(() => Number) @IsInt() @Min(0) @Max(604_800)
  graceSeconds?: number;
}

/** A registered endpoint. `secret` is shown only when it is made (create, rotate). */
@ObjectType('WebhookEndpoint')
export class WebhookEndpointResource {
  @ApiProperty({ format: 'uuid' }) @Field(() => ID) id: string;
  @ApiProperty() @Field() url: string;
  @ApiProperty() @Field() description: string;
  @ApiProperty({ enum: SUBSCRIBABLE, isArray: true }) @Field(() => [String]) eventTypes: string[];
  @ApiProperty() @Field() enabled: boolean;
  @ApiProperty({ enum: ['active', 'failing'], description: 'failing: a delivery ran out of its 3-day retry window; new events are held until it is re-enabled' })
  @Field() status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) failingSince: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until when the previous secret still signs' })
  @Field(() => String, { nullable: true }) previousSecretExpiresAt: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'whsec_… signing secret (Standard Webhooks): only in the answer that made it' })
  @Field(() => String, { nullable: true }) secret?: string | null;
  @ApiProperty({ format: 'date-time' }) @Field() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @Field() updatedAt: string;
}

export const WebhookEndpointList = PageOf(WebhookEndpointResource, 'WebhookEndpoint');

/** Row → resource (`secret` only when given). */
export function toWebhookEndpointResource(row: WebhookEndpointEntity, secret?: string): WebhookEndpointResource {
  return {
    id: row.id, url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled, status: row.status,
    failingSince: row.failingSince?.toISOString() ?? null, previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
    ...(secret !== undefined && { secret }), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'held'] as const;

/** `GET /v1/webhook-endpoints/{id}/deliveries`. */
@ArgsType()
export class ListDeliveriesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @Field({ nullable: true }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: string;
}

/** GraphQL `webhookDeliveries`: the endpoint and the list query in one set of arguments. */
@ArgsType()
export class EndpointDeliveriesArgs extends ListDeliveriesQuery {
  @Field(() => ID) @IsString() @MaxLength(100) endpointId: string;
}
