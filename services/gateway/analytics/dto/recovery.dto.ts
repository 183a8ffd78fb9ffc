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
  @ApiProperty({ description: 'Ended with the invoice paid' }) @Field(() => Int) recovered: number;
  @ApiProperty({ type: Number, nullable: true, description: 'recovered / ended runs (running ones are not decided yet); null when none ended' })
  @Field(() => Float, { nullable: true })
  recoveryRate: number | null;
  @ApiProperty({ type: [MoneyResource], description: 'Amount at stake, per currency' }) @Field(() => [MoneyResource]) amountDue: MoneyResource[];
  @ApiProperty({ type: [MoneyResource], description: 'Amount recovered, per currency' }) @Field(() => [MoneyResource]) recoveredAmount: MoneyResource[];
}

/** Figures of one automation, one period, or both. */
@ObjectType('RecoveryGroup')
export class RecoveryGroup extends RecoveryStats {
  @ApiPropertyOptional({ format: 'uuid' }) @Field({ nullable: true }) automationId?: string;
  @ApiPropertyOptional({ description: 'Start of the period (UTC), YYYY-MM-DD' }) @Field({ nullable: true }) period?: string;
}

/** Recovery analytics over a time range. */
@ObjectType('RecoveryAnalytics')
export class RecoveryAnalyticsResource {
  @ApiProperty({ format: 'date-time' }) @Field() from: string;
  @ApiProperty({ format: 'date-time' }) @Field() to: string;
  @ApiProperty({ enum: PERIODS }) @Field() period: string;
  @ApiProperty({ type: RecoveryStats }) @Field(() => RecoveryStats) totals: RecoveryStats;
  @ApiProperty({ type: [RecoveryGroup] }) @Field(() => [RecoveryGroup]) byAutomation: RecoveryGroup[];
  @ApiProperty({ type: [RecoveryGroup] }) @Field(() => [RecoveryGroup]) byPeriod: RecoveryGroup[];
  @ApiProperty({ type: [RecoveryGroup], description: 'Per automation and period' }) @Field(() => [RecoveryGroup]) byAutomationAndPeriod: RecoveryGroup[];
}
