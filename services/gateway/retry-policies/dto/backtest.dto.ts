import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';

/** `POST /v1/retry-policies/{id}/backtest`: the period whose stored failures the policy is run over. */
@InputType('BacktestInput')
export class BacktestDto {
  @ApiProperty({ format: 'date-time', description: 'First failures at or after this time', example: '2026-01-01T00:00:00Z' })
  @Field() @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ format: 'date-time', description: 'First failures before this time (at most 366 days after `from`)', example: '2026-04-01T00:00:00Z' })
  @Field() @IsISO8601({ strict: true }) to: string;
}

@ObjectType('BacktestRetry')
export class BacktestRetry {
  @ApiProperty() @Field(() => Int) attempt: number;
  @ApiProperty({ format: 'date-time' }) @Field() at: string;
  @ApiPropertyOptional({ description: 'Why then: `scheduled`, `card_update`, …' }) @Field({ nullable: true }) reason?: string;
}

@ObjectType('BacktestDeferral')
export class BacktestDeferral {
  @ApiProperty({ format: 'date-time' }) @Field() at: string;
  @ApiProperty({ format: 'date-time', description: 'When the card budget had room again' }) @Field() until: string;
  @ApiPropertyOptional({ description: 'The card-network budget that refused the retry' }) @Field({ nullable: true }) rule?: string;
}

/** One invoice's simulated course. */
@ObjectType('BacktestInvoice')
export class BacktestInvoiceResource {
  @ApiProperty() @Field() invoiceId: string;
  @ApiProperty({ format: 'date-time', description: 'Its first failed attempt in the period' }) @Field() failedAt: string;
  @ApiProperty({ type: [BacktestRetry] }) @Field(() => [BacktestRetry]) retries: BacktestRetry[];
  @ApiProperty({ type: [BacktestDeferral] }) @Field(() => [BacktestDeferral]) deferrals: BacktestDeferral[];
  @ApiProperty({ enum: ['paid', 'exhausted', 'blocked'] }) @Field() end: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'The recorded payment after the failure' }) @Field({ nullable: true }) paidAt?: string;
  @ApiPropertyOptional({ description: 'Paid invoices: whether the first simulated retry came before the payment' }) @Field({ nullable: true }) retryBeforePayment?: boolean;
}

@ObjectType('BacktestRules')
export class BacktestRules {
  @ApiProperty() @Field() retries: string;
  @ApiProperty() @Field() deferrals: string;
  @ApiProperty() @Field() paidLater: string;
  @ApiProperty() @Field() retryBeforePayment: string;
}

@ObjectType('BacktestTotals')
export class BacktestTotals {
  @ApiProperty() @Field(() => Int) invoices: number;
  @ApiProperty() @Field(() => Int) retries: number;
  @ApiProperty() @Field(() => Int) deferrals: number;
  @ApiProperty() @Field(() => Int) paidLater: number;
  @ApiProperty() @Field(() => Int) retryBeforePayment: number;
  @ApiProperty({ type: BacktestRules, description: 'How each total is estimated' }) @Field(() => BacktestRules) rules: BacktestRules;
}

/** What the policy would have done over the period's stored failures; nothing was charged, sent or stored. */
@ObjectType('Backtest')
export class BacktestResource {
  @ApiProperty({ format: 'uuid' }) @Field() policyId: string;
  @ApiProperty({ format: 'date-time' }) @Field() from: string;
  @ApiProperty({ format: 'date-time' }) @Field() to: string;
  @ApiProperty({ type: BacktestTotals }) @Field(() => BacktestTotals) totals: BacktestTotals;
  @ApiProperty({ type: [BacktestInvoiceResource], description: 'Per invoice, in the order of their first failure' }) @Field(() => [BacktestInvoiceResource]) invoices: BacktestInvoiceResource[];
}
