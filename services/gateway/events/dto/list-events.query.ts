import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { EventStatus } from '../../../common/database/entities/billing-event.entity';

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

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'Event id (uuid) after which the page starts' })
  @IsOptional()
  @IsUUID()
  starting_after?: string;
}
