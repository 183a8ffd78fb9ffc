import { Field, Int, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';

const nullableText = { type: String, nullable: true } as const;

/** One attempt on the card, whoever made it. */
@ObjectType('CardAttempt')
export class CardAttemptResource {
  @ApiProperty({ format: 'date-time', description: 'When it was attempted (the run clock for a run\'s attempt)' }) @Field() at: string;
  @ApiProperty({ enum: ['run', 'provider'], description: 'run: a run charged it; provider: seen in a provider event (its own retries, sandbox charges)' })
  @Field()
  source: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) @Field() outcome: string;
  @ApiProperty({ ...nullableText, description: 'The run (workflow id) that made it' }) @Field(() => String, { nullable: true }) runId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) invoiceId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) paymentMethodId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) chargeId: string | null;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) declineCode: string | null;
  @ApiProperty({ ...nullableText, description: "The network's response code (Visa 51, R1, …)" }) @Field(() => String, { nullable: true }) networkDeclineCode: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The Visa decline category (1–4) of the network code' }) @Field(() => Int, { nullable: true }) visaCategory: number | null;
  @ApiProperty({ ...nullableText, description: "The network's advice code (Mastercard 03, 24, …)" }) @Field(() => String, { nullable: true }) networkAdviceCode: string | null;
  @ApiProperty({ ...nullableText, description: 'never_on_this_card, wait_for_new_card_details, retry_after or soft' }) @Field(() => String, { nullable: true }) declineClass: string | null;
  @ApiProperty({ ...nullableText, description: 'The rule that decided the class, e.g. mastercard-mac-03' }) @Field(() => String, { nullable: true }) declineRule: string | null;
}

/** Where one budget rule stands now. */
@ObjectType('CardBudget')
export class CardBudgetResource {
  @ApiProperty({ example: 'visa-20-per-30d' }) @Field() rule: string;
  @ApiProperty() @Field(() => Int) maxAttempts: number;
  @ApiProperty({ description: 'The rule\'s window in real hours (scaled by DAY_DURATION when applied)' }) @Field(() => Int) windowHours: number;
  @ApiProperty() @Field(() => Int) used: number;
  @ApiProperty() @Field(() => Int) remaining: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the next slot frees up, if none is left' })
  @Field(() => String, { nullable: true })
  nextSlotAt: string | null;
}

/** Every attempt on one physical card and the budgets left under each rule now. */
@ObjectType('CardAttempts')
export class CardAttemptsResource {
  @ApiProperty() @Field() fingerprint: string;
  @ApiProperty(nullableText) @Field(() => String, { nullable: true }) brand: string | null;
  @ApiProperty({ ...nullableText, description: 'The never-retry rule that blocks this card until another payment method is charged' })
  @Field(() => String, { nullable: true })
  blockedBy: string | null;
  @ApiProperty({ type: [CardAttemptResource], description: 'Oldest first' }) @Field(() => [CardAttemptResource]) attempts: CardAttemptResource[];
  @ApiProperty({ type: [CardBudgetResource] }) @Field(() => [CardBudgetResource]) budgets: CardBudgetResource[];
}
