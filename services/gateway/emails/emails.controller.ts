import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { EmailList, EmailResource } from './dto/email.resource';
import { ListEmailsQuery } from './dto/list-emails.query';
import { EmailsService } from './emails.service';

/** `GET /v1/emails`: the outbox, with each email's rendered content; `POST …/resend` for ambiguous sends. */
@ApiTags('emails')
@ApiBearerAuth()
@Controller('v1/emails')
export class EmailsController {
  constructor(private readonly emails: EmailsService) {}

  @Get()
  @ApiOperation({ summary: 'List emails, newest first; filter by run, template, recipient or status' })
  @ApiOkResponse({ type: EmailList })
  @ApiProblems(422)
  list(@Query() query: ListEmailsQuery) {
    return this.emails.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One email' })
  @ApiOkResponse({ type: EmailResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.emails.get(id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an email whose outcome is unknown (or whose send failed) again, explicitly',
    description: 'Nothing resends an `unknown` email automatically: it may have been delivered. The answer is the email afterwards; the acting key is recorded in `resentBy`.',
  })
  @ApiOkResponse({ type: EmailResource })
  @ApiProblems(404, 409)
  resend(@Param('id') id: string) {
    return this.emails.resend(id);
  }
}
