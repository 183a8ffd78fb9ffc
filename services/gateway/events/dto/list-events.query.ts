import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { EventStatus } from '../../../common/database/entities/billing-event.entity';
import { PageLimit } from '../../admin/pagination';

export const EVENT_STATUSES: readonly EventStatus[] = ['received', 'dispatched', 'ignored', 'failed'];

/** `GET /v1/events` filters and cursor (newest first; `starting_after` = the last id of the previous page). */
export class ListEventsQuery {
  @ApiPropertyOptional({ description: 'Provider event type, e.g. invoice.payment_failed (generic events: the domain kind)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @PageLimit()
  limit?: number;

  @ApiPropertyOptional({ description: 'Event id (uuid) after which the page starts' })
  @IsOptional()
  @IsUUID()
  starting_after?: string;
}
