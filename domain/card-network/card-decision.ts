import { budgetsFor, checkCardBudgets, type BudgetDecision, type BudgetRule, type CardAttemptFact } from './card-budgets';

/**
 * Whether a card may be charged now: never after a `never_on_this_card` decline until its details change,
 * otherwise within every budget in force. Pure; the card ledger applies it atomically per card.
 */

/** An earlier decline that forbids the card, as the ledger recorded it. */
export interface CardBlock {
  rule: string;
  declineCode?: string;
  paymentMethodId?: string;
}

/**
 * The payment method about to be charged. Another payment method than the blocked one (new details entered,
 * even for the same card number) lifts the block; Stripe reports no change time on a payment method, so an
 * edit in place is not taken as new details.
 */
export interface ChargedCard {
  cardBrand?: string;
  paymentMethodId?: string;
}

export type CardDecision = BudgetDecision | { allowed: false; blocked: true; rule: string; declineCode?: string };

/** True when the card's details changed after the block: another payment method is being charged. */
export function blockLifted(block: CardBlock, card: ChargedCard): boolean {
  return card.paymentMethodId !== undefined && block.paymentMethodId !== undefined && card.paymentMethodId !== block.paymentMethodId;
}

/** The decision for one more attempt at `at` (run clock) given the card's latest block and attempts. */
export function decideCardAttempt(
  card: ChargedCard, block: CardBlock | undefined, attempts: readonly CardAttemptFact[], at: number, dayMs: number, otherBrands?: readonly BudgetRule[],
): CardDecision {
  if (block && !blockLifted(block, card)) return { allowed: false, blocked: true, rule: block.rule, ...(block.declineCode && { declineCode: block.declineCode }) };
  return checkCardBudgets(budgetsFor(card.cardBrand, at, otherBrands), attempts, at, dayMs);
}
