import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { AnalyticsService } from './analytics.service';
import { RecoveryAnalyticsResource, RecoveryQuery } from './dto/recovery.dto';

/** `/v1/analytics`: what dunning recovered. */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('recovery')
  @ApiOperation({ summary: 'Runs, recovered count and amount per currency, recovery rate; per automation and period' })
  @ApiOkResponse({ type: RecoveryAnalyticsResource })
  @ApiProblems(422)
  recovery(@Query() query: RecoveryQuery) {
    return this.analytics.recovery(query);
  }
}
