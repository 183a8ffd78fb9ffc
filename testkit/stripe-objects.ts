import type { RecurringInterval } from '../domain/billing';
import { addInterval, applyOverrides, drop, stripeFixture, type StripeIds, type StripeObject, type StripeShape } from './stripe-fixtures';

/** Field overrides for one Stripe object, applied last (`undefined` deletes the field). */
export type Overrides = Record<string, unknown>;

/** Every choice a builder needs, defaults resolved (see `StripeEventOptions` for what each means). */
export interface Scenario {
  shape: StripeShape;
  ids: StripeIds;
  created: number;
  livemode: boolean;
  currency: string;
  interval: RecurringInterval;
  intervalCount: number;
  /** false: a one-off invoice, no subscription anywhere. */
  subscribed: boolean;
  amount: number;
  declineCode?: string;
  card: { brand: string; fingerprint: string; last4: string };
  overrides: { invoice?: Overrides; subscription?: Overrides; customer?: Overrides; paymentMethod?: Overrides };
}

/** A Price: recurring at the scenario's interval, or one-time for a one-off invoice. */
export function buildPrice(s: Scenario): StripeObject {
  const price = stripeFixture(s.shape, 'price');
  const recurring = { ...price.recurring, interval: s.interval, interval_count: s.intervalCount };
  return Object.assign(price, {
    id: s.ids.price, product: s.ids.product, currency: s.currency, livemode: s.livemode, created: s.created - 86_400 * 400,
    unit_amount: s.amount, unit_amount_decimal: String(s.amount), custom_unit_amount: null, transform_quantity: null,
    recurring: s.subscribed ? recurring : null, type: s.subscribed ? 'recurring' : 'one_time',
  });
}

/** The legacy Plan mirroring the recurring price (same id), as subscription items and old lines carry it. */
export function buildPlan(s: Scenario): StripeObject {
  const plan = stripeFixture(s.shape, 'plan');
  return Object.assign(plan, {
    id: s.ids.price, product: s.ids.product, currency: s.currency, livemode: s.livemode, amount: s.amount,
    amount_decimal: String(s.amount), interval: s.interval, interval_count: s.intervalCount, transform_usage: null,
  });
}

/** A Customer; its default payment method is the scenario's unless overridden. */
export function buildCustomer(s: Scenario, defaultPaymentMethod: string | null = s.ids.paymentMethod): StripeObject {
  const customer = stripeFixture(s.shape, 'customer');
  Object.assign(customer, {
    id: s.ids.customer, email: 'jenny.rosen@example.com', name: 'Jenny Rosen', created: s.created - 86_400 * 400,
    livemode: s.livemode, currency: s.currency, address: null, discount: null, shipping: null,
    invoice_settings: { ...customer.invoice_settings, default_payment_method: defaultPaymentMethod, rendering_options: null },
  });
  return applyOverrides(customer, s.overrides.customer);
}

/** A card PaymentMethod attached to the scenario's customer. */
export function buildPaymentMethod(s: Scenario): StripeObject {
  const pm = stripeFixture(s.shape, 'payment_method');
  Object.assign(pm, { id: s.ids.paymentMethod, customer: s.ids.customer, livemode: s.livemode, created: s.created - 86_400 });
  Object.assign(pm.card, { ...s.card, display_brand: s.card.brand, exp_year: 2030, generated_from: null, wallet: null });
  return applyOverrides(pm, s.overrides.paymentMethod);
}

/** The invoice's PaymentIntent after a declined charge (only embedded when a decline code is asked for). */
export function buildDeclinedPaymentIntent(s: Scenario): StripeObject {
  const pi = stripeFixture(s.shape, 'payment_intent');
  Object.assign(pi, {
    id: s.ids.paymentIntent, amount: s.amount, currency: s.currency, customer: s.ids.customer, livemode: s.livemode,
    created: s.created - 60, canceled_at: null, status: 'requires_payment_method', latest_charge: s.ids.charge,
    client_secret: `${s.ids.paymentIntent}_secret_test`, next_action: null, processing: null, shipping: null,
    transfer_data: null, payment_method: null, payment_method_configuration_details: null,
    last_payment_error: {
      type: 'card_error', code: 'card_declined', decline_code: s.declineCode, charge: s.ids.charge,
      message: 'Your card was declined.', doc_url: 'https://stripe.com/docs/error-codes/card-declined',
      payment_method: buildPaymentMethod(s),
    },
  });
  return s.shape === 'legacy' ? Object.assign(pi, { invoice: s.ids.invoice }) : pi;
}

/** A Subscription; `current_period_*` on it (legacy) or on its items (current). */
export function buildSubscription(s: Scenario, status: string): StripeObject {
  const sub = stripeFixture(s.shape, 'subscription');
  const start = s.created - 3600;
  const end = addInterval(start, s.interval, s.intervalCount);
  const ended = status === 'canceled' ? s.created : null;
  const item = Object.assign(sub.items.data[0], {
    id: s.ids.subscriptionItem, created: start, price: buildPrice(s), plan: buildPlan(s), subscription: s.ids.subscription,
    billing_thresholds: null, ...(s.shape === 'current' ? { current_period_start: start, current_period_end: end } : {}),
  });
  Object.assign(sub, {
    id: s.ids.subscription, customer: s.ids.customer, status, currency: s.currency, livemode: s.livemode,
    created: start, start_date: start, billing_cycle_anchor: start, billing_cycle_anchor_config: null,
    cancel_at: null, cancel_at_period_end: false, canceled_at: ended, ended_at: ended,
    cancellation_details: { comment: null, feedback: null, reason: ended ? 'cancellation_requested' : null },
    trial_start: null, trial_end: null, latest_invoice: s.ids.invoice, default_payment_method: s.ids.paymentMethod,
    next_pending_invoice_item_invoice: null, pause_collection: null, pending_invoice_item_interval: null,
    pending_update: null, transfer_data: null, billing_thresholds: null, metadata: {},
    items: { ...sub.items, data: [item], url: `/v1/subscription_items?subscription=${s.ids.subscription}` },
  });
  if (s.shape === 'legacy') Object.assign(sub, { current_period_start: start, current_period_end: end });
  else drop(sub, 'current_period_start', 'current_period_end', 'billing_schedules');
  if (sub.billing_mode) sub.billing_mode = { type: 'classic' };
  return applyOverrides(sub, s.overrides.subscription);
}
