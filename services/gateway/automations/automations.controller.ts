import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { ApiProblems, notFound } from '../admin/problems';
import { AutomationLifecycleService } from './automation-lifecycle.service';
import { AutomationPreviewService } from './automation-preview.service';
import { AutomationsService } from './automations.service';
import { DisableAutomationDto, PreviewAutomationDto, ReorderAutomationsDto } from './dto/automation-actions.dto';
import { AutomationPreviewResource } from './dto/automation-preview.resource';
import { AutomationList, AutomationResource, AutomationVersionList, AutomationVersionResource, DisableResultResource } from './dto/automation.resource';
import { CreateAutomationDto } from './dto/create-automation.dto';
import { ListAutomationsQuery } from './dto/list-automations.query';
import { UpdateAutomationDto } from './dto/update-automation.dto';

const versionPipe = new ParseIntPipe({ exceptionFactory: () => notFound('version', 'that is not a number') });

/** `/v1/automations`: versioned automations, their lifecycle and previews. */
@ApiTags('automations')
@ApiBearerAuth()
@Controller('v1/automations')
export class AutomationsController {
  constructor(
    private readonly automations: AutomationsService,
    private readonly lifecycle: AutomationLifecycleService,
    private readonly previews: AutomationPreviewService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create an automation (version 1)' })
  @ApiCreatedResponse({ type: AutomationResource })
  @ApiProblems(422)
  create(@Body() dto: CreateAutomationDto) {
    return this.automations.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List automations in matching order (trigger, priority)' })
  @ApiOkResponse({ type: AutomationList })
  @ApiProblems(422)
  list(@Query() query: ListAutomationsQuery) {
    return this.automations.list(query);
  }

  // Before `:id` routes: `reorder` is not an id.
  @Post('reorder')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set priorities: these automations first, in this order, within their trigger' })
  @ApiOkResponse({ type: [AutomationResource] })
  @ApiProblems(404, 422)
  reorder(@Body() dto: ReorderAutomationsDto) {
    return this.lifecycle.reorder(dto.ids);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One automation with its current definition' })
  @ApiOkResponse({ type: AutomationResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.automations.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit; a changed name, trigger, filters or steps makes a new version (running runs keep theirs)' })
  @ApiOkResponse({ type: AutomationResource })
  @ApiProblems(404, 422)
  update(@Param('id') id: string, @Body() dto: UpdateAutomationDto) {
    return this.automations.update(id, dto);
  }

  @Post(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Same as PATCH (Stripe-style update)' })
  @ApiOkResponse({ type: AutomationResource })
  @ApiProblems(404, 422)
  updateByPost(@Param('id') id: string, @Body() dto: UpdateAutomationDto) {
    return this.automations.update(id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an automation without running runs (its versions stay for past runs)' })
  @ApiOkResponse({ type: DeletedResource })
  @ApiProblems(404, 409)
  remove(@Param('id') id: string) {
    return this.lifecycle.remove(id);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Versions, newest first (cursor: a version number)' })
  @ApiOkResponse({ type: AutomationVersionList })
  @ApiProblems(404, 422)
  versions(@Param('id') id: string, @Query() query: PageQuery) {
    return this.automations.listVersions(id, query);
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One version' })
  @ApiOkResponse({ type: AutomationVersionResource })
  @ApiProblems(404)
  version(@Param('id') id: string, @Param('version', versionPipe) version: number) {
    return this.automations.getVersion(id, version);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable (idempotent): mode finish lets running runs finish, cancel cancels them' })
  @ApiOkResponse({ type: DisableResultResource })
  @ApiProblems(404, 422)
  disable(@Param('id') id: string, @Body() dto: DisableAutomationDto) {
    return this.lifecycle.disable(id, dto.mode);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable (idempotent)' })
  @ApiOkResponse({ type: AutomationResource })
  @ApiProblems(404)
  enable(@Param('id') id: string) {
    return this.lifecycle.enable(id);
  }

  @Post(':id/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What a run would do for an event: match explanation and dated timeline (no side effects)' })
  @ApiOkResponse({ type: AutomationPreviewResource })
  @ApiProblems(404, 422)
  preview(@Param('id') id: string, @Body() dto: PreviewAutomationDto) {
    return this.previews.preview(id, dto);
  }
}
