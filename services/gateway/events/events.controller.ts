import { Body, Controller, Get, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { schemaRef } from '../admin/openapi-schemas';
import { ApiProblems } from '../admin/problems';
import { EventList, EventReceiptResource, EventResource } from './dto/event.resource';
import { ListEventsQuery } from './dto/list-events.query';
import { EventsService } from './events.service';

/** `POST /v1/events` (generic billing events) and the event log. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a generic billing event (docs/generic-events.md); 202 when new, 200 when a repeat' })
  @ApiBody({ schema: schemaRef('GenericEvent') })
  @ApiAcceptedResponse({ type: EventReceiptResource, description: 'A new event, stored for dispatch' })
  @ApiOkResponse({ type: EventReceiptResource, description: 'A repeat of a stored event id: nothing new happened' })
  @ApiProblems(409, 415, 422)
  async create(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { eventId, duplicate } = await this.events.accept(body);
    res.status(duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return { id: eventId, received: true, duplicate } satisfies EventReceiptResource;
  }

  @Get()
  @ApiOperation({ summary: 'List events, newest first; filter by type and status' })
  @ApiOkResponse({ type: EventList })
  @ApiProblems(422)
  list(@Query() query: ListEventsQuery) {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with its payload, match explanation and dispatch outcome' })
  @ApiOkResponse({ type: EventResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.events.get(id);
  }
}
