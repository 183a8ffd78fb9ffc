import { z } from 'zod';
import { COLLECTION_METHODS, INVOICE_STATUSES, RECURRING_INTERVALS, SUBSCRIPTION_STATUSES } from './billing-enums';

/*
 * Only the Stripe fields the mapping reads, typed strictly enough to reject wrong types. One set of schemas
 * serves webhook payloads (the normalizer) and objects read from the API (the Stripe billing provider).
 * `z.object` strips the rest: Stripe adds fields in every API version and an unknown field must never
 * reject an event. Fields that differ between API versions are all optional here; which ones are present
 * decides the shape.
 */

const id = z.string().min(1);
/** Stripe timestamps: whole epoch seconds. */
const time = z.number().int().nonnegative();
const count = z.number().int().nonnegative();
const text = z.string().nullish();
const metadata = z.record(z.string(), z.string()).nullish();
/** An expandable field: an id, or the object itself when the request expanded it. */
const ref = z.union([id, z.object({ id })]);
const expandable = <T extends z.ZodType>(schema: T) => z.union([id, schema]);

const recurring = z.object({ interval: z.enum(RECURRING_INTERVALS), interval_count: z.number().int().positive() });

/** A Price (`lines.data[].price`, `items.data[].price`, expanded `pricing.price_details.price`). */
// The product expanded (`items.data.price.product`) carries the name customer emails show.
export const stripePriceSchema = z.object({ id, product: z.union([id, z.object({ id, name: z.string().nullish() })]), recurring: recurring.nullish() });

/** A legacy Plan; its id equals the id of the Price it mirrors. */
export const stripePlanSchema = recurring.extend({ id, product: ref.nullish() });

const card = z.object({ brand: text, fingerprint: text, last4: text });
const expiry = { exp_month: z.number().int().nullish(), exp_year: z.number().int().nullish() };

/** A PaymentMethod (the object of `payment_method.*` events, or expanded elsewhere). */
export const stripePaymentMethodSchema = z.object({
  id,
  object: z.literal('payment_method').optional(),
  customer: ref.nullish(),
  card: card.extend(expiry).nullish(),
  created: z.number().int().nullish(),
});

/** A legacy Card source (the object of `customer.source.*` events): its facts sit on the object itself. */
export const stripeCardSourceSchema = z.object({
  id,
  object: z.string(),
  customer: ref.nullish(),
  brand: text,
  fingerprint: text,
  last4: text,
  ...expiry,
});

/** A Charge, only ever present when expanded. */
export const stripeChargeSchema = z.object({
  id,
  failure_code: text,
  outcome: z.object({ reason: text, network_decline_code: text, network_advice_code: text }).nullish(),
  payment_method: text,
  payment_method_details: z.object({ card: card.nullish() }).nullish(),
});

/** A PaymentIntent, only ever present when expanded. */
export const stripePaymentIntentSchema = z.object({
  id,
  payment_method: expandable(stripePaymentMethodSchema).nullish(),
  last_payment_error: z
    .object({ code: text, decline_code: text, network_decline_code: text, network_advice_code: text, charge: text, payment_method: stripePaymentMethodSchema.nullish() })
    .nullish(),
  latest_charge: expandable(stripeChargeSchema).nullish(),
});

/** A Customer (the object of `customer.*` events, or expanded on invoices and subscriptions). */
export const stripeCustomerSchema = z.object({
  id,
  object: z.literal('customer').optional(),
  email: text,
  name: text,
  metadata,
  preferred_locales: z.array(z.string()).nullish(),
  invoice_settings: z.object({ default_payment_method: expandable(stripePaymentMethodSchema).nullish() }).nullish(),
  default_source: ref.nullish(), // a legacy card or source: what Stripe charges without a default payment method
});

const itemSchema = z.object({
  price: stripePriceSchema.nullish(),
  plan: stripePlanSchema.nullish(),
  current_period_end: time.nullish(), // 2025-03-31+: periods moved onto the items
});

/** A Subscription in either shape (`current_period_end` on the subscription before 2025-03-31). */
export const stripeSubscriptionSchema = z.object({
  id,
  object: z.literal('subscription').optional(),
  customer: expandable(stripeCustomerSchema),
  status: z.enum(SUBSCRIPTION_STATUSES),
  items: z.object({ data: z.array(itemSchema) }),
  current_period_end: time.nullish(),
  canceled_at: time.nullish(),
  cancellation_details: z.object({ reason: text }).nullish(),
  pause_collection: z.object({ behavior: text }).nullish(),
  default_payment_method: ref.nullish(),
  default_source: ref.nullish(),
  metadata,
});

const lineSchema = z.object({
  period: z.object({ start: z.number(), end: z.number() }).nullish(),
  price: stripePriceSchema.nullish(), // before 2025-03-31
  plan: stripePlanSchema.nullish(), // before 2025-03-31
  pricing: z // 2025-03-31+
    .object({ price_details: z.object({ price: expandable(stripePriceSchema), product: id }).nullish() })
    .nullish(),
  parent: z.object({ subscription_item_details: z.object({ subscription: text }).nullish() }).nullish(),
  subscription: ref.nullish(),
});

const paymentRefs = { charge: expandable(stripeChargeSchema).nullish(), payment_intent: expandable(stripePaymentIntentSchema).nullish() };

/** An InvoicePayment; the default one is created at finalization and is what collection attempts charge. */
const payment = z.object({ created: time.nullish(), is_default: z.boolean().nullish(), payment: z.object(paymentRefs) });

/** An Invoice in either shape: pre-2025-03-31 (`subscription`, `charge`) or later (`parent`, `payments`). */
export const stripeInvoiceSchema = z.object({
  id,
  object: z.literal('invoice').optional(),
  number: text,
  customer: expandable(stripeCustomerSchema),
  customer_email: text,
  customer_name: text,
  status: z.enum(INVOICE_STATUSES),
  collection_method: z.enum(COLLECTION_METHODS),
  amount_due: count,
  amount_remaining: count,
  currency: z.string().regex(/^[a-zA-Z]{3}$/, 'expected a three-letter ISO currency code'),
  due_date: time.nullish(),
  attempt_count: count,
  hosted_invoice_url: text,
  auto_advance: z.boolean().nullish(),
  metadata,
  lines: z.object({ data: z.array(lineSchema) }),
  default_payment_method: expandable(stripePaymentMethodSchema).nullish(),
  // Expanded by API reads (its items give the lines' intervals); webhooks send the id.
  subscription: expandable(stripeSubscriptionSchema).nullish(), // before 2025-03-31
  ...paymentRefs, // before 2025-03-31
  parent: z // 2025-03-31+
    .object({ subscription_details: z.object({ subscription: expandable(stripeSubscriptionSchema) }).nullish() })
    .nullish(),
  payments: z // 2025-03-31+, only when expanded
    .object({ data: z.array(payment) })
    .nullish(),
});

/** The Event envelope; `data.object` is parsed by the schema of the event's type. */
/**
 * A JSON object taken as it is: its fields are parsed afterwards by the schema of the object's type. (A
 * `z.record` would copy it key by key on every webhook only to hand the same values on.)
 */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'Invalid input: expected an object' },
);

export const stripeEventEnvelopeSchema = z.object({
  id,
  object: z.literal('event').optional(),
  type: z.string(),
  created: time,
  livemode: z.boolean().optional(),
  api_version: z.string().nullish(),
  pending_webhooks: z.number().int().nonnegative().optional(),
  // An object since API 2017-05-25, a request id before.
  request: z.union([z.string(), z.object({ id: z.string().nullish(), idempotency_key: z.string().nullish() })]).nullish(),
  data: z.object({
    object: jsonObject,
    previous_attributes: jsonObject.nullish(),
  }),
});

/** Parsed Stripe objects: only the fields above, in either API shape. */
export type StripeInvoice = z.infer<typeof stripeInvoiceSchema>;
export type StripeSubscription = z.infer<typeof stripeSubscriptionSchema>;
export type StripeCustomer = z.infer<typeof stripeCustomerSchema>;
export type StripePaymentMethod = z.infer<typeof stripePaymentMethodSchema>;
export type StripePrice = z.infer<typeof stripePriceSchema>;
export type StripePlan = z.infer<typeof stripePlanSchema>;
export type StripeCharge = z.infer<typeof stripeChargeSchema>;
export type StripePaymentIntent = z.infer<typeof stripePaymentIntentSchema>;
export type StripeEventEnvelope = z.infer<typeof stripeEventEnvelopeSchema>;
