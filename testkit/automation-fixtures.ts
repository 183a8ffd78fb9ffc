import type { AutomationDefinition, AutomationVersion } from '../domain/automation';
import type { InvoiceSnapshot, SubscriptionSnapshot } from '../domain/billing';
import type { BillingEvent } from '../domain/billing-event';
import type { MatchCandidate } from '../domain/matching';
import { annualDunningRecipe, cancellationEmailRecipe, overdueTeamEmailRecipe, withoutCustomerNotices } from '../services/cli/demo-catalog';

/** Builders for the three demo recipes (services/cli/demo-catalog.ts) and the events that trigger them. */

/** The three recipes, as `up` seeds them (services/cli/demo-catalog.ts), for the acme.test company. */
export const recipe1WithNotices: AutomationDefinition = annualDunningRecipe();
/**
 * Recipe 1's retry machinery without its customer notices (seed version 1): the retry, signal and timeline tests
 * follow charges and end actions; recipe-1-customer-notices.test.ts covers the notices of the seeded recipe.
 */
export const recipe1: AutomationDefinition = withoutCustomerNotices(recipe1WithNotices);
export const recipe2: AutomationDefinition = overdueTeamEmailRecipe('acme.test');
export const recipe3: AutomationDefinition = cancellationEmailRecipe('prod_pro', 'https://acme.test/survey');

/** A pinned version of a definition. */
export function version(def: AutomationDefinition, automationId: string, v = 1): AutomationVersion {
  return { ...structuredClone(def), automationId, version: v };
}

/** An enabled candidate for matching. */
export function candidate(current: AutomationVersion, priority: number, enabled = true): MatchCandidate {
  return { current, priority, enabled };
}

export const customer = { id: 'cus_1', email: 'jane@customer.test', name: 'Jane Doe', metadata: { plan: 'pro' }, defaultPaymentMethodId: 'pm_1' };

/** A subscription on the Pro product with the given interval. */
export function subscription(interval: 'month' | 'year', overrides: Partial<SubscriptionSnapshot> = {}): SubscriptionSnapshot {
  const item = { priceId: `price_pro_${interval}`, productId: 'prod_pro', interval };
  return { id: 'sub_1', customerId: customer.id, status: 'past_due', items: [item], interval, metadata: {}, ...overrides };
}

/** An open invoice of the subscription. */
export function invoice(overrides: Partial<InvoiceSnapshot> = {}): InvoiceSnapshot {
  return {
    id: 'in_1', number: 'ACME-0001', customerId: customer.id, subscriptionId: 'sub_1', status: 'open',
    collectionMethod: 'charge_automatically', amountDue: 120_000, amountRemaining: 120_000, currency: 'usd',
    attemptCount: 1, metadata: {}, lines: [{ priceId: 'price_pro_year', productId: 'prod_pro', interval: 'year' }],
    ...overrides,
  };
}

/** Stripe's first `invoice.payment_failed` for a subscription invoice. */
export function paymentFailed(at: number, interval: 'month' | 'year' = 'year', declineCode = 'insufficient_funds', inv: Partial<InvoiceSnapshot> = {}): BillingEvent {
  return {
    id: `evt_pf_${inv.id ?? 'in_1'}`, provider: 'stripe', kind: 'invoice_payment_failed', occurredAt: at, customer,
    invoice: invoice(inv), subscription: subscription(interval, inv.subscriptionId ? { id: inv.subscriptionId } : {}),
    attempt: { number: 1, declineCode, cardBrand: 'visa', cardFingerprint: 'fp_1' },
  };
}

/** A `send_invoice` invoice due at `dueDate`. */
export function sendInvoice(dueDate: number, amountDue: number): InvoiceSnapshot {
  return invoice({ id: 'in_2', number: 'ACME-0002', collectionMethod: 'send_invoice', dueDate, amountDue, amountRemaining: amountDue, subscriptionId: undefined, attemptCount: 0 });
}

/** The derived `invoice_overdue` event the deadline timer raises. */
export function overdue(inv: InvoiceSnapshot, days: number, at: number): BillingEvent {
  return { id: `derived:invoice_overdue:${inv.id}:${days}`, provider: 'system', kind: 'invoice_overdue', occurredAt: at, customer, invoice: inv, days };
}

/** A `customer.subscription.deleted`. */
export function subscriptionCanceled(at: number, productId = 'prod_pro'): BillingEvent {
  const sub = subscription('month', {
    status: 'canceled', canceledAt: at, cancellationReason: 'cancellation_requested',
    items: [{ priceId: 'price_x', productId, interval: 'month' }],
  });
  return { id: 'evt_sc_1', provider: 'stripe', kind: 'subscription_canceled', occurredAt: at, customer, subscription: sub };
}
