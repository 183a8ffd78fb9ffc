import type { AutomationDefinition, AutomationVersion } from '../../domain/automation';
import type { InvoiceSnapshot, SubscriptionSnapshot } from '../../domain/billing';
import type { BillingEvent } from '../../domain/billing-event';
import type { MatchCandidate } from '../../domain/matching';

/** Builders for the recipes of issue 4 and the events that trigger them. */

/** Recipe 1: annual subscriptions that fail → smart retries for 2 months → 7-day grace → cancel → uncollectible. */
export const recipe1: AutomationDefinition = {
  name: 'Annual plans: retry, grace, cancel',
  trigger: { type: 'subscription_payment_failed' },
  filters: { all: [{ type: 'subscription_interval', interval: 'year' }] },
  steps: [
    { type: 'retry_payment', policy: { type: 'smart', window: '2m', maxRetries: 8 } },
    { type: 'wait', days: 7 },
    { type: 'cancel_subscription' },
    { type: 'mark_invoice_uncollectible' },
  ],
};

/** Recipe 2: invoices over $500 overdue by 7 days → a memo to finance. */
export const recipe2: AutomationDefinition = {
  name: 'Large overdue invoices',
  trigger: { type: 'invoice_overdue', days: 7 },
  filters: { type: 'invoice_amount', currency: 'usd', min: 50_001 },
  steps: [{ type: 'send_team_email', to: ['finance@acme.test'], memo: 'Invoice over $500 overdue by {{days_overdue}} days' }],
};

/** Recipe 3: a Pro subscription is canceled → cancellation confirmation with a survey link. */
export const recipe3: AutomationDefinition = {
  name: 'Cancellation confirmation',
  trigger: { type: 'subscription_canceled' },
  filters: { type: 'product', in: ['prod_pro'] },
  steps: [{ type: 'send_customer_email', template: 'cancellation_confirmation', surveyUrl: 'https://acme.test/survey' }],
};

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
