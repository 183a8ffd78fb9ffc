import { Public } from '../../common/http/api-key.guard';
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '../../common/temporal/temporal.module';

/** Liveness (the process answers) and readiness (PostgreSQL and Temporal answer). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process answers', schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('postgres').withTimeout(2_000),
      () =>
        this.indicators
          .check('temporal')
          .attempt(async () => {
            await this.temporal.ensureConnected();
            const info = await this.temporal.workflowService.getSystemInfo({});
            return { serverVersion: info.serverVersion };
          })
          .withTimeout(3_000),
    ]);
  }
}
