import { z } from 'zod';

/*
 * What the sandbox routes answer, as zod schemas: the OpenAPI document is generated from them (the ledger's
 * rows as stored, dates as ISO strings; the provider snapshots of domain/billing.ts, dates as epoch ms).
 */

const time = z.iso.datetime({ offset: true });
const nullableText = z.string().nullable();
const metadata = z.record(z.string(), z.string());
const invoiceStatus = z.enum(['draft', 'open', 'paid', 'void', 'uncollectible']);
const subscriptionStatus = z.enum(['incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused']);
const outcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('succeed') }),
  z.object({ outcome: z.literal('decline'), declineCode: z.string() }),
]);

export const sandboxPaymentMethodSchema = z.object({
  id: z.string(), customerId: z.string(), brand: z.string(), last4: z.string(), fingerprint: z.string(),
  outcome: z.enum(['succeed', 'decline']), declineCode: nullableText, nextOutcomes: z.array(outcome),
  expMonth: z.number().int().nullable(), expYear: z.number().int().nullable(), createdAt: time,
});

export const sandboxCustomerSchema = z.object({
  id: z.string(), email: nullableText, name: nullableText, metadata, defaultPaymentMethodId: nullableText, createdAt: time, updatedAt: time,
});

export const sandboxCustomerDetailSchema = sandboxCustomerSchema.extend({ paymentMethods: z.array(sandboxPaymentMethodSchema) });

export const sandboxPriceSchema = z.object({
  id: z.string(), productId: z.string(), unitAmount: z.number().int(), currency: z.string(), interval: z.enum(['month', 'year']), createdAt: time,
});

export const sandboxProductSchema = z.object({ id: z.string(), name: z.string(), createdAt: time });
export const sandboxProductDetailSchema = sandboxProductSchema.extend({ prices: z.array(sandboxPriceSchema) });

export const sandboxSubscriptionSchema = z.object({
  id: z.string(), customerId: z.string(), priceId: z.string(), status: subscriptionStatus, currentPeriodEnd: time,
  canceledAt: time.nullable(), cancellationReason: nullableText, metadata, createdAt: time, updatedAt: time,
});

export const sandboxInvoiceSchema = z.object({
  id: z.string(), number: z.string(), customerId: z.string(), subscriptionId: nullableText, priceId: nullableText, status: invoiceStatus,
  amountDue: z.number().int(), amountPaid: z.number().int(), currency: z.string(),
  collectionMethod: z.enum(['charge_automatically', 'send_invoice']), dueDate: time.nullable(), attemptCount: z.number().int(),
  metadata, paidOutOfBand: z.boolean(), createdAt: time, updatedAt: time,
});

export const sandboxChargeSchema = z.object({
  id: z.string(), idempotencyKey: z.string(), invoiceId: z.string(), paymentMethodId: nullableText, cardBrand: nullableText,
  cardFingerprint: nullableText, amount: z.number().int(), currency: z.string(), status: z.enum(['succeeded', 'failed']),
  declineCode: nullableText, failureMessage: nullableText, invoiceStatus, attemptNumber: z.number().int(), createdAt: time,
});

export const sandboxInvoiceDetailSchema = sandboxInvoiceSchema.extend({ charges: z.array(sandboxChargeSchema) });

const priceRef = z.object({
  priceId: z.string(), productId: z.string(), interval: z.enum(['day', 'week', 'month', 'year']).optional(), intervalCount: z.number().int().optional(),
});

/** The provider-neutral invoice (domain/billing.ts `InvoiceSnapshot`) a billing action answers. */
export const invoiceSnapshotSchema = z.object({
  id: z.string(), number: z.string().optional(), customerId: z.string(), subscriptionId: z.string().optional(), status: invoiceStatus,
  collectionMethod: z.enum(['charge_automatically', 'send_invoice']), amountDue: z.number().int(), amountRemaining: z.number().int(),
  currency: z.string(), dueDate: z.number().optional(), attemptCount: z.number().int(), hostedInvoiceUrl: z.string().optional(),
  metadata, lines: z.array(priceRef), updatedAt: z.number().optional(),
});

/** The provider-neutral subscription (`SubscriptionSnapshot`). */
export const subscriptionSnapshotSchema = z.object({
  id: z.string(), customerId: z.string(), status: subscriptionStatus, items: z.array(priceRef),
  interval: z.enum(['day', 'week', 'month', 'year']).optional(), intervalCount: z.number().int().optional(),
  currentPeriodEnd: z.number().optional(), canceledAt: z.number().optional(), cancellationReason: z.string().optional(),
  metadata, updatedAt: z.number().optional(),
});

/** One charge attempt's outcome (`PaymentAttempt`): a decline is data. */
export const paymentAttemptSchema = z.object({
  status: z.enum(['succeeded', 'failed']), declineCode: z.string().optional(), failureMessage: z.string().optional(),
  paymentMethodId: z.string().optional(), cardBrand: z.string().optional(), cardFingerprint: z.string().optional(),
  invoiceStatus, attemptedAt: z.number(),
});

/** A sandbox list: at most 100 objects, newest first. */
export const sandboxListOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });
