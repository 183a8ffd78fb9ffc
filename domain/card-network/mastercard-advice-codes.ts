import type { Effective } from './effective-rule';

/**
 * Mastercard Merchant Advice Codes (MAC, Stripe's `network_advice_code` on Mastercard charges) and what a
 * retrying merchant must do. Source: Mastercard Merchant Advice Code documentation as published by
 * Braintree/PayPal ("Merchant Advice Codes") and Antom ("Merchant Advice Code"); in force with the Decline
 * Reason Code Service since 2021-11-02 (as published by PXP/Kalixa, "MasterCard Decline Reason Code
 * Service"). Retrying 03 or 21 within 30 days is charged by Mastercard. Codes not listed carry no retry
 * advice (04 token, 40–43 product information).
 */
export type AdviceAction =
  | { kind: 'never_on_this_card' }
  | { kind: 'wait_for_new_card_details' }
  | { kind: 'retry_after'; afterHours: number };

export interface AdviceRow extends Effective {
  code: string;
  meaning: string;
  action: AdviceAction;
}

const SERVICE = '2021-11-02';
const after = (afterHours: number): AdviceAction => ({ kind: 'retry_after', afterHours });

/** Every dated row; the row in force at the attempt's time applies. */
export const MASTERCARD_ADVICE_CODES: readonly AdviceRow[] = [
  { code: '01', meaning: 'new account information available', action: { kind: 'wait_for_new_card_details' }, from: SERVICE },
  { code: '02', meaning: 'cannot approve now, try again later', action: after(72), from: SERVICE },
  { code: '03', meaning: 'do not try again', action: { kind: 'never_on_this_card' }, from: SERVICE },
  { code: '21', meaning: 'stop recurring payment', action: { kind: 'never_on_this_card' }, from: SERVICE },
  { code: '24', meaning: 'retry after 1 hour', action: after(1), from: SERVICE },
  { code: '25', meaning: 'retry after 24 hours', action: after(24), from: SERVICE },
  { code: '26', meaning: 'retry after 2 days', action: after(48), from: SERVICE },
  { code: '27', meaning: 'retry after 4 days', action: after(96), from: SERVICE },
  { code: '28', meaning: 'retry after 6 days', action: after(144), from: SERVICE },
  { code: '29', meaning: 'retry after 8 days', action: after(192), from: SERVICE },
  { code: '30', meaning: 'retry after 10 days', action: after(240), from: SERVICE },
];
