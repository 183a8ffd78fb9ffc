import { Public } from '../../common/http/api-key.guard';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { HealthCheck, HealthCheckService, HealthIndicatorService, type HealthCheckResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { problem } from '../../common/http/problem-details';
import { ProblemException } from '../../common/http/problem-details.filter';
import { TEMPORAL_CONNECTION } from '../../common/temporal/temporal.module';
import { BillingHealthService } from './billing-health.service';
import { ProviderRetriesHealthService } from './provider-retries-health.service';

/** The 503 problem naming each dependency and, for those down, why: `postgres: up; temporal: down (…)`. */
function notReady(result: HealthCheckResult): ProblemException {
  const checks = result.details;
  const summary = Object.entries(checks).map(([name, check]) => {
    const reason = typeof check.message === 'string' ? ` (${check.message})` : '';
    return check.status === 'up' ? `${name}: up` : `${name}: ${check.status}${reason}`;
  });
  return new ProblemException({ ...problem(503, `Not ready: ${summary.join('; ')}`), checks } as ReturnType<typeof problem>);
}

const CHECKS = { type: 'object', additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } } };
const READY_SCHEMA = {
  type: 'object', required: ['status', 'details'],
  properties: { status: { type: 'string', enum: ['ok', 'degraded'] }, info: CHECKS, error: CHECKS, details: CHECKS },
};

/** Liveness (the process answers) and readiness (PostgreSQL and Temporal answer, the billing provider accepts our key). */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly temporal: Connection,
    private readonly billing: BillingHealthService,
    private readonly providerRetries: ProviderRetriesHealthService,
  ) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process answers', schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  @ApiProblems.public()
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  // terminus would document its own 503 body; the 503 sent is the problem document of notReady.
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOkResponse({ description: 'PostgreSQL and Temporal answer, and the billing provider accepts the key', schema: READY_SCHEMA })
  @ApiProblems.public(503)
  async ready(): Promise<HealthCheckResult> {
    try {
      return await this.check();
    } catch (error) {
      if (error instanceof ServiceUnavailableException) throw notReady(error.getResponse() as HealthCheckResult);
      throw error;
    }
  }

  private check(): Promise<HealthCheckResult> {
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
      () => this.billing.check(),
      // Only with Stripe: the other providers have no retries of their own to warn about.
      ...(this.providerRetries.enabled ? [() => this.providerRetries.check()] : []),
    ]);
  }
}
