import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RetryPolicyEntity } from '../../common/database/entities/retry-policy.entity';
import { RetryPoliciesController } from './retry-policies.controller';
import { RetryPoliciesResolver } from './retry-policies.resolver';
import { RetryPoliciesService } from './retry-policies.service';
import { RetryPolicyBacktestService } from './retry-policy-backtest.service';

/** Named retry policies (REST + GraphQL). */
@Module({
  imports: [TypeOrmModule.forFeature([RetryPolicyEntity])],
  controllers: [RetryPoliciesController],
  providers: [RetryPoliciesService, RetryPoliciesResolver, RetryPolicyBacktestService],
  exports: [RetryPoliciesService],
})
export class RetryPoliciesModule {}
