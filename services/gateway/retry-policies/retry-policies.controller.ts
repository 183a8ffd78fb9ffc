import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedResource } from '../admin/deleted.resource';
import { PageQuery } from '../admin/pagination';
import { ApiProblems } from '../admin/problems';
import { BacktestDto, BacktestResource } from './dto/backtest.dto';
import { CreateRetryPolicyDto, RetryPolicyList, RetryPolicyResource, UpdateRetryPolicyDto } from './dto/retry-policy.dto';
import { RetryPoliciesService } from './retry-policies.service';
import { RetryPolicyBacktestService } from './retry-policy-backtest.service';

/** `/v1/retry-policies`: named smart/custom policies that `retry_payment` steps reference by `policyId`. */
@ApiTags('retry-policies')
@ApiBearerAuth()
@Controller('v1/retry-policies')
export class RetryPoliciesController {
  constructor(private readonly policies: RetryPoliciesService, private readonly backtests: RetryPolicyBacktestService) {}

  @Post()
  @ApiOperation({ summary: 'Create a named retry policy' })
  @ApiCreatedResponse({ type: RetryPolicyResource })
  @ApiProblems(409, 422)
  create(@Body() dto: CreateRetryPolicyDto) {
    return this.policies.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List retry policies, newest first' })
  @ApiOkResponse({ type: RetryPolicyList })
  @ApiProblems(422)
  list(@Query() query: PageQuery) {
    return this.policies.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One retry policy' })
  @ApiOkResponse({ type: RetryPolicyResource })
  @ApiProblems(404)
  get(@Param('id') id: string) {
    return this.policies.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Update a retry policy (automation versions created later resolve the new one)' })
  @ApiOkResponse({ type: RetryPolicyResource })
  @ApiProblems(404, 409, 422)
  update(@Param('id') id: string, @Body() dto: UpdateRetryPolicyDto) {
    return this.policies.update(id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a retry policy no current automation version references' })
  @ApiOkResponse({ type: DeletedResource })
  @ApiProblems(404, 409)
  remove(@Param('id') id: string) {
    return this.policies.remove(id);
  }

  @Post(':id/backtest')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the policy over the stored failures of a period, with no side effects' })
  @ApiOkResponse({ type: BacktestResource })
  @ApiProblems(404, 422)
  backtest(@Param('id') id: string, @Body() dto: BacktestDto) {
    return this.backtests.backtest(id, dto);
  }
}
