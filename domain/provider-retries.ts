/**
 * Whether the billing provider still retries an invoice the engine dunning it: with Stripe, Smart Retries (or a
 * retry schedule) left on in the Dashboard sets `next_payment_attempt` on the failed invoice and charges the card
 * between the run's own retries. Both parties then charge the customer, and each attempt uses up the card's
 * network budget (the card ledger counts the provider's attempts, so the run's retries are deferred, not doubled).
 */

/** Where the operator turns the provider's own retries off. */
export const SMART_RETRIES_SETTING = 'Stripe Dashboard → Settings → Billing → Subscriptions and emails → Manage failed payments → Smart Retries: off';

/** What is known about one invoice in a run. */
export interface ProviderRetryFacts {
  /** A failed-payment event of the invoice carried `next_payment_attempt`: the provider plans another attempt. */
  nextPaymentAttemptSet: boolean;
  /** Attempts the provider made on the invoice after the run started (not the run's own charges). */
  providerAttempts: number;
}

/** "Provider retries on" for one invoice, with why, and the setting to change. */
export interface ProviderRetries {
  on: boolean;
  reasons: ('next_payment_attempt' | 'provider_attempts')[];
  providerAttempts: number;
  setting?: string;
}

/** The verdict for one invoice's facts. */
export function providerRetries(f: ProviderRetryFacts): ProviderRetries {
  const reasons: ProviderRetries['reasons'] = [];
  if (f.nextPaymentAttemptSet) reasons.push('next_payment_attempt');
  if (f.providerAttempts > 0) reasons.push('provider_attempts');
  return { on: reasons.length > 0, reasons, providerAttempts: f.providerAttempts, ...(reasons.length > 0 && { setting: SMART_RETRIES_SETTING }) };
}

/** The readiness warning for the invoices of running runs the provider still retries (undefined when none). */
export function providerRetriesWarning(invoiceIds: readonly string[]): string | undefined {
  if (invoiceIds.length === 0) return undefined;
  const shown = invoiceIds.slice(0, 5).join(', ') + (invoiceIds.length > 5 ? ` and ${invoiceIds.length - 5} more` : '');
  return `Stripe still retries ${invoiceIds.length} invoice(s) in dunning runs (${shown}): customers may be charged by both and card budgets are shared; turn it off: ${SMART_RETRIES_SETTING}`;
}
