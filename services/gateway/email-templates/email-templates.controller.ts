import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import * as dto from './dto/email-template.resource';
import { EmailTemplatesService } from './email-templates.service';

/** `/v1/email-templates`: the versioned templates of every email, edited and previewed before the next send uses them. */
@ApiTags('email-templates')
@ApiBearerAuth()
@Controller('v1/email-templates')
export class EmailTemplatesController {
  constructor(private readonly templates: EmailTemplatesService) {}

  @Get()
  @ApiOperation({ operationId: 'listEmailTemplates', summary: 'The current version of every email template in every language' })
  @ApiOkResponse({ type: dto.EmailTemplateVersionList })
  @ApiProblems()
  list() {
    return this.templates.list();
  }

  @Get(':name/versions')
  @ApiOperation({ operationId: 'listEmailTemplateVersions', summary: 'Every version of one template, newest first' })
  @ApiQuery({ name: 'language', required: false, enum: ['en', 'fr'] })
  @ApiOkResponse({ type: dto.EmailTemplateVersionList })
  @ApiProblems(404)
  versions(@Param('name') name: string, @Query('language') language?: string) {
    return this.templates.versions(name, language);
  }

  @Post(':name/versions')
  @ApiOperation({
    operationId: 'createEmailTemplateVersion',
    summary: 'Save the next version of a template in one language; the next email uses it',
    description: 'Refused (422, with the field of each problem) for Handlebars syntax errors, unknown variables or helpers, and invalid MJML.',
  })
  @ApiCreatedResponse({ type: dto.EmailTemplateVersionResource })
  @ApiProblems(404, 422)
  create(@Param('name') name: string, @Body() body: dto.CreateEmailTemplateVersionDto) {
    return this.templates.createVersion(name, body);
  }

  @Post(':name/preview')
  @HttpCode(200)
  @ApiOperation({ operationId: 'previewEmailTemplate', summary: 'Render a stored version or unsaved content against sample data or a real run' })
  @ApiOkResponse({ type: dto.EmailTemplatePreviewResource })
  @ApiProblems(404, 422)
  preview(@Param('name') name: string, @Body() body: dto.PreviewEmailTemplateDto) {
    return this.templates.preview(name, body);
  }
}
