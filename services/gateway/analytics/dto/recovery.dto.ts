import { ArgsType, Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';

export const PERIODS = ['day', 'week', 'month'] as const;
export type Period = (typeof PERIODS)[number];

/** `GET /v1/analytics/recovery`: runs started in [from, to), per automation and period. */
@ArgsType()
export class RecoveryQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Field({ nullable: true }) @IsOptional() @IsUUID() automationId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: 30 days before `to`' })
  @Field({ nullable: true }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive; default: now' })
  @Field({ nullable: true }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional({ enum: PERIODS, default: 'month', description: 'Period length (UTC)' })
  @Field(() => String, { nullable: true }) @IsOptional() @IsIn(PERIODS) period?: Period;
}

/** An amount per currency, in minor units. */
@ObjectType('Money')
export class MoneyResource {
  @ApiProperty() @Field() currency: string;
  @ApiProperty({ description: 'Minor units' }) @Field(() => Float) amount: number;
}

/** Recovery figures of a set of runs. */
@ObjectType('RecoveryStats')
export class RecoveryStats {
  @ApiProperty() @Field(() => Int) runs: number;
  @ApiProperty({ description: 'Still running' }) @Field(() => Int) running: number;
  @ApiProperty({ description: 'Ended with the invoice paid, among runs of automations with a retry_payment step' }) @Field(() => Int) recovered: number;
  @ApiProperty({ description: 'Ended technically failed: left out of every rate (see failedRuns)' }) @Field(() => Int) failed: number;
  @ApiProperty({ description: 'Ended runs of payment automations that made at least one retry: the attempted rate\'s denominator' }) @Field(() => Int) retried: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recovered / ended runs of payment automations, technically failed ones excluded (running ones are not decided yet); null when none ended' })
  @Field(() => Float, { nullable: true })
  recoveryRate: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'recovered / ended runs that made at least one retry (attemptedRecoveryRule); null when none' })
  @Field(() => Float, { nullable: true })
  attemptedRecoveryRate: number | null;
  @ApiProperty({ type: [MoneyResource], description: 'Amount at stake, per currency' }) @Field(() => [MoneyResource]) amountDue: MoneyResource[];
  @ApiProperty({ type: [MoneyResource], description: 'Amount recovered, per currency' }) @Field(() => [MoneyResource]) recoveredAmount: MoneyResource[];
}

/** Figures of one automation, one period, or both. */
@ObjectType('RecoveryGroup')
export class RecoveryGroup extends RecoveryStats {
  @ApiPropertyOptional({ format: 'uuid' }) @Field({ nullable: true }) automationId?: string;
  @ApiPropertyOptional({ description: 'Start of the period (UTC), YYYY-MM-DD' }) @Field({ nullable: true }) period?: string;
}

/** Recoveries by what recovered the payment. */
@ObjectType('RecoveryByAttribution')
export class AttributionGroup {
  @ApiProperty({ description: 'scheduled_retry, card_update_retry, backup_payment_method or paid_out_of_band' }) @Field() attribution: string;
  @ApiProperty() @Field(() => Int) recovered: number;
}

/** Figures by the class of the decline that started the runs. */
@ObjectType('RecoveryByDeclineClass')
export class DeclineClassGroup {
  @ApiProperty({ description: 'never_on_this_card, wait_for_new_card_details, retry_after, soft (unknown: no classified decline)' }) @Field() declineClass: string;
  @ApiProperty() @Field(() => Int) runs: number;
  @ApiProperty() @Field(() => Int) running: number;
  @ApiProperty() @Field(() => Int) recovered: number;
  @ApiProperty() @Field(() => Int) failed: number;
  @ApiProperty() @Field(() => Int) retried: number;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Float, { nullable: true }) recoveryRate: number | null;
  @ApiProperty({ type: Number, nullable: true }) @Field(() => Float, { nullable: true }) attemptedRecoveryRate: number | null;
}

/** A run that failed for technical reasons, listed apart from the rates. */
@ObjectType('FailedRun')
export class FailedRunResource {
  @ApiProperty() @Field() id: string;
  @ApiProperty({ format: 'uuid' }) @Field() automationId: string;
  @ApiProperty({ type: String, nullable: true }) @Field(() => String, { nullable: true }) outcome: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) @Field(() => String, { nullable: true }) endedAt: string | null;
}

/** Recovery analytics over a time range. */
@ObjectType('RecoveryAnalytics')
export class RecoveryAnalyticsResource {
  @ApiProperty({ format: 'date-time' }) @Field() from: string;
  @ApiProperty({ format: 'date-time' }) @Field() to: string;
  @ApiProperty({ enum: PERIODS }) @Field() period: string;
  @ApiProperty({ description: 'How the attempted recovery rate is counted (its denominator rule)' }) @Field() attemptedRecoveryRule: string;
  @ApiProperty({ type: RecoveryStats }) @Field(() => RecoveryStats) totals: RecoveryStats;
  @ApiProperty({ type: [RecoveryGroup] }) @Field(() => [RecoveryGroup]) byAutomation: RecoveryGroup[];
  @ApiProperty({ type: [RecoveryGroup] }) @Field(() => [RecoveryGroup]) byPeriod: RecoveryGroup[];
  @ApiProperty({ type: [RecoveryGroup], description: 'Per automation and period' }) @Field(() => [RecoveryGroup]) byAutomationAndPeriod: RecoveryGroup[];
  @ApiProperty({ type: [AttributionGroup], description: 'Recoveries by what recovered them' }) @Field(() => [AttributionGroup]) byAttribution: AttributionGroup[];
  @ApiProperty({ type: [DeclineClassGroup], description: 'By the class of the decline that started the run' }) @Field(() => [DeclineClassGroup]) byDeclineClass: DeclineClassGroup[];
  @ApiProperty({ type: [FailedRunResource], description: 'Runs that failed for technical reasons (latest 100), not counted in any rate' }) @Field(() => [FailedRunResource]) failedRuns: FailedRunResource[];
}
