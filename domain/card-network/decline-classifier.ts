import { isFundsDecline, isHardDecline } from '../decline-codes';
import { ruleAt } from './effective-rule';
import { MASTERCARD_ADVICE_CODES } from './mastercard-advice-codes';
import { VISA_DECLINE_CATEGORIES, VISA_FUNDS_CODES, type VisaCategory } from './visa-decline-categories';

/**
 * One classifier for every decline: Stripe's own `decline_code`, the network's decline code (Visa's
 * categories) and the network's advice code (Mastercard's MAC) each give a verdict, and the strictest wins,
 * so no signal can loosen another. Order, strictest first:
 *  never_on_this_card > wait_for_new_card_details > retry_after (longer wait first) > soft.
 * `never_on_this_card` blocks the card (fingerprint) for every run until its details change;
 * `wait_for_new_card_details` pauses this run until the payment method changes.
 *
 * `fraudulent` (Stripe: the issuer or Radar suspects fraud) is decided here as wait_for_new_card_details:
 * Visa puts "suspected fraud" (59) in category 2, which only makes a retry *allowed*; a fraud flag is not
 * lifted by time, repeated attempts on a flagged card raise the merchant's own risk, and Mastercard issuers
 * mark confirmed suspicion with MAC 03 (then never_on_this_card wins). A new payment method lifts it.
 */
export interface DeclineSignals {
  /** Stripe's (or the sandbox's) `decline_code`. */
  declineCode?: string;
  /** The network's response code (`network_decline_code`), e.g. Visa `05`, `51`, `R1`. */
  networkDeclineCode?: string;
  /** The network's advice code (`network_advice_code`), e.g. Mastercard `03`, `24`. */
  networkAdviceCode?: string;
  cardBrand?: string;
  /** Epoch ms (real calendar time) of the attempt: the rule in force then applies. */
  at: number;
}

/** What the decline allows, with the rule that decided it (`rule` is a stable id for reasons and the API). */
export type DeclineClass = (
  | { kind: 'never_on_this_card' }
  | { kind: 'wait_for_new_card_details' }
  | { kind: 'retry_after'; afterHours: number }
  | { kind: 'soft'; funds: boolean }
) & { rule: string; visaCategory?: VisaCategory; adviceCode?: string };

/** Stripe decline codes decided here beyond the nine hard declines (see the module comment). */
export const FRAUD_DECLINE_CODES: readonly string[] = ['fraudulent'];

const SEVERITY = { never_on_this_card: 3, wait_for_new_card_details: 2, retry_after: 1, soft: 0 } as const;

function stricter(a: DeclineClass, b: DeclineClass): DeclineClass {
  if (SEVERITY[a.kind] !== SEVERITY[b.kind]) return SEVERITY[a.kind] > SEVERITY[b.kind] ? a : b;
  if (a.kind === 'retry_after' && b.kind === 'retry_after') return b.afterHours > a.afterHours ? b : a;
  return a;
}

const norm = (code: string | undefined) => code?.trim().toUpperCase() || undefined;

/** The card network of a brand string as providers spell it (`visa`, `mastercard`, `MasterCard`, `mc`). */
export function networkOf(cardBrand: string | undefined): 'visa' | 'mastercard' | undefined {
  const brand = cardBrand?.toLowerCase().replace(/[^a-z]/g, '');
  if (brand === 'visa') return 'visa';
  if (brand === 'mastercard' || brand === 'mc') return 'mastercard';
  return undefined;
}

/** The Visa category of a response code at `at` (4, generic, for unlisted codes). */
export function visaCategoryOf(networkDeclineCode: string, at: number): VisaCategory {
  const code = norm(networkDeclineCode);
  return ruleAt(VISA_DECLINE_CATEGORIES, at, (row) => row.code === code)?.category ?? 4;
}

/** Classifies one decline from all its signals; the strictest verdict wins. */
export function classifyDecline(s: DeclineSignals): DeclineClass {
  const network = networkOf(s.cardBrand);
  const funds = isFundsDecline(s.declineCode);
  let verdict: DeclineClass = { kind: 'soft', funds, rule: funds ? 'stripe-funds-decline' : 'soft-decline' };
  if (isHardDecline(s.declineCode)) verdict = stricter(verdict, { kind: 'wait_for_new_card_details', rule: `stripe-hard-decline:${s.declineCode}` });
  if (s.declineCode && FRAUD_DECLINE_CODES.includes(s.declineCode)) verdict = stricter(verdict, { kind: 'wait_for_new_card_details', rule: 'stripe-fraudulent' });
  const networkCode = norm(s.networkDeclineCode);
  let visaCategory: VisaCategory | undefined;
  if (network === 'visa' && networkCode) {
    visaCategory = visaCategoryOf(networkCode, s.at);
    if (visaCategory === 1) verdict = stricter(verdict, { kind: 'never_on_this_card', rule: `visa-category-1:${networkCode}` });
    else if (verdict.kind === 'soft' && VISA_FUNDS_CODES.includes(networkCode)) verdict = { kind: 'soft', funds: true, rule: `visa-category-${visaCategory}:${networkCode}` };
    else if (verdict.kind === 'soft' && !funds) verdict = { kind: 'soft', funds: false, rule: `visa-category-${visaCategory}:${networkCode}` };
  }
  const adviceCode = norm(s.networkAdviceCode);
  if (network === 'mastercard' && adviceCode) {
    const row = ruleAt(MASTERCARD_ADVICE_CODES, s.at, (r) => r.code === adviceCode);
    if (row) verdict = stricter(verdict, { ...row.action, rule: `mastercard-mac-${row.code}` });
  }
  return { ...verdict, ...(visaCategory !== undefined && { visaCategory }), ...(adviceCode !== undefined && { adviceCode }) };
}

/** True when a class forbids any further attempt on the card by schedule (until its details change). */
export function forbidsRetry(c: DeclineClass): boolean {
  return c.kind === 'never_on_this_card' || c.kind === 'wait_for_new_card_details';
}
