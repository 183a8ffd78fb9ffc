import type { RecurringInterval } from '../domain/billing';
import type { HandledStripeEventType } from '../domain/normalize';
import {
  API_VERSIONS, apiRequest, FIXTURE_IDS, newEventId, stripeFixture, type StripeIds, type StripeObject, type StripeShape,
} from './stripe-fixtures';
import { buildInvoice } from './stripe-invoice';
import { buildCustomer, buildPaymentMethod, buildSubscription, type Overrides, type Scenario } from './stripe-objects';

export { newStripeIds, stripeFixture, FIXTURE_IDS, API_VERSIONS, type StripeIds, type StripeShape, type StripeObject } from './stripe-fixtures';

/** 2026-01-01T00:00:00Z: the default event time, so default payloads are deterministic. */
export const DEFAULT_CREATED = 1_767_225_600;

/** How to build a Stripe webhook event; every field is optional. */
export interface StripeEventOptions {
  /** `current` (2025-03-31+, default) or `legacy` (before): decides which fields the objects carry. */
  shape?: StripeShape;
  /** Event id; default a fresh random `evt_…` (build once and resend it to test redelivery). */
  id?: string;
  /** Event time in epoch seconds (default `DEFAULT_CREATED`); object times are derived from it. */
  created?: number;
  livemode?: boolean;
  /** `api_version` on the envelope; default the shape's fixture version. */
  apiVersion?: string | null;
  /** Object ids shared by the scenario (default `FIXTURE_IDS`; `newStripeIds()` for isolation). */
  ids?: Partial<StripeIds>;
  /** Billing interval of the price (default `month`), and its count (default 1). */
  interval?: RecurringInterval;
  intervalCount?: number;
  /** Lower-case currency (default `usd`). */
  currency?: string;
  /** Invoice and price amount in minor units (default 2000); `invoice.amount_due` wins. */
  amount?: number;
  /** Issuer decline code of the failed attempt; embeds the (expanded) PaymentIntent with `last_payment_error`. */
  declineCode?: string;
  card?: Partial<Scenario['card']>;
  /** Invoice fields (snake_case, as Stripe names them) applied last; `undefined` deletes a field. */
  invoice?: Overrides;
  /** Subscription fields applied last; `false` makes the invoice a one-off with no subscription. */
  subscription?: Overrides | false;
  customer?: Overrides;
  paymentMethod?: Overrides;
  /** `data.previous_attributes`; sensible defaults for `*.updated` types. */
  previousAttributes?: Record<string, unknown> | null;
  /** Replaces `data.object` entirely (any event type, e.g. ones the normalizer ignores). */
  object?: StripeObject;
}

/** A Stripe webhook Event as POSTed to the endpoint (sign `JSON.stringify(event)` with the SDK's test helper). */
export interface StripeWebhookEvent {
  id: string;
  object: 'event';
  api_version: string | null;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

function scenario(o: StripeEventOptions): Scenario {
  const idOverrides = {
    ...(o.invoice?.id ? { invoice: o.invoice.id as string } : {}),
    ...(o.customer?.id ? { customer: o.customer.id as string } : {}),
    ...(o.subscription && o.subscription.id ? { subscription: o.subscription.id as string } : {}),
    ...(o.paymentMethod?.id ? { paymentMethod: o.paymentMethod.id as string } : {}),
  };
  return {
    shape: o.shape ?? 'current', ids: { ...FIXTURE_IDS, ...o.ids, ...idOverrides }, created: o.created ?? DEFAULT_CREATED,
    livemode: o.livemode ?? false, currency: (o.invoice?.currency as string) ?? o.currency ?? 'usd',
    interval: o.interval ?? 'month', intervalCount: o.intervalCount ?? 1, subscribed: o.subscription !== false,
    amount: (o.invoice?.amount_due as number) ?? o.amount ?? 2000, declineCode: o.declineCode,
    card: { brand: 'visa', fingerprint: 'AOB934RVNwzk6xtn', last4: '4242', ...o.card },
    overrides: { invoice: o.invoice, subscription: o.subscription || undefined, customer: o.customer, paymentMethod: o.paymentMethod },
  };
}

/** The object an event of `type` carries, chosen by its prefix, plus default `previous_attributes`. */
function dataFor(type: string, s: Scenario): { object: StripeObject; previous?: Record<string, unknown> } {
  if (type.startsWith('invoice.')) return { object: buildInvoice(s, type) };
  if (type.startsWith('customer.subscription.')) {
    const status = type === 'customer.subscription.deleted' ? 'canceled' : 'active';
    const object = buildSubscription(s, status);
    return { object, previous: type.endsWith('.updated') ? { status: object.status === 'past_due' ? 'active' : 'past_due' } : undefined };
  }
  if (type === 'customer.updated') {
    return { object: buildCustomer(s), previous: { invoice_settings: { default_payment_method: null } } };
  }
  if (type.startsWith('customer.')) return { object: buildCustomer(s, null) };
  if (type.startsWith('payment_method.')) {
    const previous = type.endsWith('automatically_updated') ? { card: { exp_year: 2027, last4: '0341' } }
      : type.endsWith('.updated') ? { billing_details: { phone: null } } : undefined;
    return { object: buildPaymentMethod(s), previous };
  }
  if (type.startsWith('charge.')) return { object: stripeFixture(s.shape, 'charge') };
  if (type.startsWith('payment_intent.')) return { object: stripeFixture(s.shape, 'payment_intent') };
  throw new Error(`stripeEvent: no default object for "${type}"; pass options.object`);
}

/**
 * A complete, realistic Stripe webhook Event built from the stripe/openapi fixtures, e.g.
 * `stripeEvent('invoice.payment_failed', { shape: 'legacy', invoice: { amount_due: 120000 }, interval: 'year' })`.
 */
export function stripeEvent(type: HandledStripeEventType | (string & {}), options: StripeEventOptions = {}): StripeWebhookEvent {
  const s = scenario(options);
  const built = options.object ? { object: options.object } : dataFor(type, s);
  const previous = options.previousAttributes === undefined ? built.previous : options.previousAttributes ?? undefined;
  // Invoice and subscription lifecycle events come from Stripe's own billing runs, not an API request.
  const automatic = type.startsWith('invoice.') || type === 'customer.subscription.deleted';
  return {
    id: options.id ?? newEventId(),
    object: 'event',
    api_version: options.apiVersion === undefined ? API_VERSIONS[s.shape] : options.apiVersion,
    created: s.created,
    data: previous ? { object: built.object, previous_attributes: previous } : { object: built.object },
    livemode: s.livemode,
    pending_webhooks: 1,
    request: automatic ? { id: null, idempotency_key: null } : apiRequest(),
    type,
  };
}
