/**
 * Decline codes that make retrying pointless until the customer changes the payment method
 * (after Stripe's Smart Retries). Retrying them burns the card network's retry budget and can
 * flag the merchant for excessive retries.
 */
export const HARD_DECLINE_CODES = [
  'incorrect_number',
  'lost_card',
  'pickup_card',
  'stolen_card',
  'revocation_of_authorization',
  'revocation_of_all_authorizations',
  'authentication_required',
  'highest_risk_level',
  'transaction_not_allowed',
] as const;

const HARD = new Set<string>(HARD_DECLINE_CODES);

/** True when a decline code must pause retries until the payment method changes. */
export function isHardDecline(declineCode: string | undefined): boolean {
  return declineCode !== undefined && HARD.has(declineCode);
}

/**
 * Soft declines where the money is missing rather than the card broken: an immediate retry almost never
 * succeeds, so the smart schedule keeps at least a day between attempts for them.
 */
export const FUNDS_DECLINE_CODES = ['insufficient_funds', 'card_velocity_exceeded', 'withdrawal_count_limit_exceeded'] as const;

const FUNDS = new Set<string>(FUNDS_DECLINE_CODES);

/** True when a decline says the account lacks funds or limit right now. */
export function isFundsDecline(declineCode: string | undefined): boolean {
  return declineCode !== undefined && FUNDS.has(declineCode);
}
