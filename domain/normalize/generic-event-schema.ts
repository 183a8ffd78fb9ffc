import { z } from 'zod';
import { BILLING_EVENT_KINDS, type BillingEventKind } from '../billing-event';
import { COLLECTION_METHODS, INVOICE_STATUSES, RECURRING_INTERVALS, SUBSCRIPTION_STATUSES } from './billing-enums';

/*
 * The generic event format of `POST /v1/events` for billing systems other than Stripe (docs/generic-events.md).
 * snake_case JSON like Stripe's; amounts in the currency's minor unit; times ISO 8601 with an offset.
 * Every object is strict: a misspelt field is an error, not a silently missing fact.
 */

const id = z.string().min(1).max(255);
const time = z.iso.datetime({ offset: true });
const metadata = z.record(z.string(), z.string().max(500)).describe('string values only');
const amount = z.number().int().nonnegative().describe('minor units (cents)');

/** A priced line of an invoice or an item of a subscription. */
export const genericPriceSchema = z.strictObject({
  price_id: id,
  product_id: id,
  product_name: z.string().min(1).max(200).optional().describe("the product's name, shown in customer emails"),
  interval: z.enum(RECURRING_INTERVALS).optional(),
  interval_count: z.number().int().positive().optional(),
});

/** A customer as the event saw it. */
export const genericCustomerSchema = z.strictObject({
  id,
  email: z.email().optional(),
  name: z.string().optional(),
  metadata: metadata.optional(),
  preferred_locales: z.array(z.string().min(2).max(35)).max(10).optional().describe('languages of customer emails, best first (e.g. ["fr-FR"])'),
  default_payment_method_id: id.optional(),
});

/** An invoice as the event saw it. */
export const genericInvoiceSchema = z.strictObject({
  id,
  number: z.string().optional(),
  customer_id: id,
  subscription_id: id.optional(),
  status: z.enum(INVOICE_STATUSES),
  collection_method: z.enum(COLLECTION_METHODS).optional().describe('default charge_automatically'),
  amount_due: amount,
  amount_remaining: amount.optional().describe('default: 0 when paid, else amount_due'),
  currency: z.string().regex(/^[a-zA-Z]{3}$/, 'expected a three-letter ISO 4217 code'),
  due_date: time.optional(),
  attempt_count: z.number().int().nonnegative().optional().describe('default: attempt.number, else 0'),
  hosted_invoice_url: z.url().optional(),
  auto_advance: z.boolean().optional().describe('false: the provider stopped collecting it automatically (runs about it end)'),
  metadata: metadata.optional(),
  lines: z.array(genericPriceSchema).optional(),
});

/** A subscription as the event saw it; the interval defaults to its first item's. */
export const genericSubscriptionSchema = z.strictObject({
  id,
  customer_id: id,
  status: z.enum(SUBSCRIPTION_STATUSES),
  items: z.array(genericPriceSchema).optional(),
  interval: z.enum(RECURRING_INTERVALS).optional(),
  interval_count: z.number().int().positive().optional(),
  current_period_end: time.optional(),
  canceled_at: time.optional(),
  cancellation_reason: z.string().optional(),
  collection_paused: z.boolean().optional().describe('true: collection is paused (Stripe pause_collection); runs about it end'),
  metadata: metadata.optional(),
});

/** A payment method; card facts let the card-network retry caps apply. */
export const genericPaymentMethodSchema = z.strictObject({
  id,
  customer_id: id.optional(),
  card_brand: z.string().optional(),
  last4: z.string().regex(/^\d{4}$/).optional(),
  fingerprint: z.string().optional(),
  exp_month: z.number().int().min(1).max(12).optional().describe('card expiry month (1-12): the card works to the end of it'),
  exp_year: z.number().int().min(2000).max(2200).optional(),
  created_at: z.iso.datetime({ offset: true }).optional().describe('when it was attached: backups are tried newest first'),
});

/** One failed collection attempt. */
export const genericAttemptSchema = z.strictObject({
  number: z.number().int().positive().describe('1 for the first attempt of the invoice'),
  decline_code: z.string().optional(),
  network_decline_code: z.string().regex(/^[A-Za-z0-9]{1,4}$/).optional().describe("the card network's response code, e.g. Visa 51 or R1"),
  network_advice_code: z.string().regex(/^[0-9]{2}$/).optional().describe("the card network's advice code, e.g. Mastercard 03 or 24"),
  charge_id: z.string().min(1).max(255).optional().describe('the provider charge id: the same attempt reported twice is counted once on the card'),
  payment_method_id: id.optional(),
  card_brand: z.string().optional(),
  card_fingerprint: z.string().optional(),
});

type Part = 'invoice' | 'subscription' | 'customer' | 'payment_method' | 'attempt';

/** Which objects each event type must carry. */
export const GENERIC_EVENT_REQUIREMENTS: Record<BillingEventKind, readonly Part[]> = {
  invoice_payment_failed: ['invoice', 'attempt'],
  invoice_paid: ['invoice'],
  invoice_voided: ['invoice'],
  invoice_marked_uncollectible: ['invoice'],
  invoice_finalized: ['invoice'],
  invoice_updated: ['invoice'],
  invoice_overdue: ['invoice'],
  invoice_due_date_upcoming: ['invoice'],
  subscription_canceled: ['subscription'],
  subscription_updated: ['subscription'],
  customer_created: ['customer'],
  payment_method_updated: ['payment_method'],
  payment_method_expiring: ['payment_method'],
};

/** The body of `POST /v1/events`. */
export const genericEventSchema = z
  .strictObject({
    id: id.describe('your event id, unique per event: a repeat is acknowledged and ignored'),
    type: z.enum(BILLING_EVENT_KINDS),
    occurred_at: time,
    livemode: z.boolean().optional().describe('default false'),
    customer: genericCustomerSchema.optional(),
    invoice: genericInvoiceSchema.optional(),
    subscription: genericSubscriptionSchema.optional(),
    payment_method: genericPaymentMethodSchema.optional(),
    attempt: genericAttemptSchema.optional(),
    days: z.number().int().nonnegative().optional().describe('overdue / upcoming: default from due_date'),
  })
  .superRefine((event, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    for (const part of GENERIC_EVENT_REQUIREMENTS[event.type]) {
      if (event[part] === undefined) issue([part], `required for type ${event.type}`);
    }
    const needsDueDate = event.type === 'invoice_overdue' || event.type === 'invoice_due_date_upcoming';
    if (needsDueDate && event.invoice && !event.invoice.due_date) issue(['invoice', 'due_date'], `required for type ${event.type}`);
    if (event.payment_method && !event.payment_method.customer_id && !event.customer) {
      issue(['payment_method', 'customer_id'], 'required unless a customer is given');
    }
    // The objects of one event must be about one customer: a mismatch is a bug in the sender.
    const customerId = event.customer?.id;
    for (const [part, owner] of [['invoice', event.invoice?.customer_id], ['subscription', event.subscription?.customer_id],
      ['payment_method', event.payment_method?.customer_id]] as const) {
      if (customerId && owner && owner !== customerId) issue([part, 'customer_id'], `does not match customer.id ${customerId}`);
    }
    const subId = event.invoice?.subscription_id;
    if (subId && event.subscription && subId !== event.subscription.id) {
      issue(['invoice', 'subscription_id'], `does not match subscription.id ${event.subscription.id}`);
    }
  });

/** A valid generic event body, as sent. */
export type GenericEvent = z.infer<typeof genericEventSchema>;
