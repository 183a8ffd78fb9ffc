import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { EventStatus } from '../../../common/database/entities/billing-event.entity';
import { PageQuery } from '../../admin/pagination';

export const EVENT_STATUSES: readonly EventStatus[] = ['received', 'dispatched', 'ignored', 'failed'];

/** `GET /v1/events` (and GraphQL `events`): newest first, filtered by type and status. */
@ArgsType()
export class ListEventsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Provider event type, e.g. invoice.payment_failed (generic events: their `type`)' })
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;
}
