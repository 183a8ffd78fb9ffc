import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res, UsePipes, ValidationPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { ListEventsQuery } from './dto/list-events.query';
import { EventsService } from './events.service';

/** Query validation with field paths in the problem document (the global pipe may run as well: harmless). */
const queryPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) =>
    new ProblemException(problem(400, 'The query has invalid parameters', {
      errors: errors.map((e) => ({ path: e.property, message: Object.values(e.constraints ?? {}).join('; ') || 'invalid' })),
    })),
});

/** `POST /v1/events` (generic billing events) and the event log. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @ApiOperation({ summary: 'Submit a generic billing event (docs/generic-events.md); 202 when new, 200 when a repeat' })
  @ApiBody({ schema: { type: 'object', description: 'A generic event: id, type, occurred_at and the objects its type needs' } })
  async create(@Body() body: unknown, @Res({ passthrough: true }) res: Response) {
    const { eventId, duplicate } = await this.events.accept(body);
    res.status(duplicate ? HttpStatus.OK : HttpStatus.ACCEPTED);
    return { id: eventId, received: true, duplicate };
  }

  @Get()
  @UsePipes(queryPipe)
  @ApiOperation({ summary: 'List events, newest first (cursor: starting_after)' })
  list(@Query() query: ListEventsQuery) {
    return this.events.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One event with its payload, match explanation and dispatch outcome' })
  get(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new ProblemException(problem(404, 'No such event')) })) id: string) {
    return this.events.get(id);
  }
}
