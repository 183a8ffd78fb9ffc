import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { CancelRunDto, ListRunsQuery, RestartRunDto } from './dto/run-queries.dto';
import { RunDetailResource, RunList, RunResource, RunSignalResource } from './dto/run.resource';
import { RunsService } from './runs.service';

/** `/v1/runs`: the runs of automations, their live state, and the operator's signals. */
@ApiTags('runs')
@ApiBearerAuth()
@Controller('v1/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get()
  @ApiOperation({ summary: 'List runs, newest first' })
  @ApiOkResponse({ type: RunList })
  @ApiProblems(422)
  list(@Query() query: ListRunsQuery) {
    return this.runs.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One run: live state from the workflow while running, the projection otherwise, and its pinned version' })
  @ApiOkResponse({ type: RunDetailResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.runs.get(id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a running run: a Temporal cancellation interrupts its wait or retrying notification (a charge in flight is recorded first)' })
  @ApiAcceptedResponse({ type: RunSignalResource })
  @ApiProblems(404, 409, 422)
  cancel(@Param('id') id: string, @Body() dto: CancelRunDto) {
    return this.runs.cancel(id, dto.reason);
  }

  @Post(':id/restart')
  @HttpCode(201)
  @ApiOperation({ summary: 'Start a new run after a failed or canceled one, for the same subject, linked to it' })
  @ApiCreatedResponse({ type: RunResource })
  @ApiProblems(404, 409, 422)
  restart(@Param('id') id: string, @Body() dto: RestartRunDto) {
    return this.runs.restart(id, dto.version);
  }

  @Post(':id/skip-wait')
  @HttpCode(202)
  @ApiOperation({ summary: 'End the current wait of a running run now (signal `skipWait`)' })
  @ApiAcceptedResponse({ type: RunSignalResource })
  @ApiProblems(404, 409)
  skipWait(@Param('id') id: string) {
    return this.runs.skipWait(id);
  }
}
