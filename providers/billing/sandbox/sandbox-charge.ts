import type { EntityManager } from 'typeorm';
import type { PaymentAttempt } from '../../../domain/billing';
import { SandboxChargeEntity } from '../../../services/common/database/entities/sandbox-charge.entity';
import { SandboxCustomerEntity } from '../../../services/common/database/entities/sandbox-customer.entity';
import { SandboxPaymentMethodEntity, type ScriptedOutcome } from '../../../services/common/database/entities/sandbox-payment-method.entity';
import { BillingErrorType } from '../billing-errors';
import { BillingProviderError } from '../billing-provider';
import { genericAttempt, genericPaymentMethod } from './sandbox-event-payloads';
import { emitInvoiceEvent, lockInvoice, lockSubscription } from './sandbox-events';
import { sandboxId } from './sandbox-ids';
import { toPaymentAttempt } from './sandbox-mapping';

/** A non-retryable "no such object" error. */
export function notFound(kind: string, id: string): BillingProviderError {
  return new BillingProviderError(`No such ${kind}: ${id}`, BillingErrorType.NotFound, false);
}

/**
 * Like Stripe: a failed renewal makes its subscription past_due; paying the invoice, by a charge or out of
 * band, makes it active again.
 */
export async function followPayment(tx: EntityManager, subscriptionId: string | null, paid: boolean): Promise<void> {
  if (!subscriptionId) return;
  const sub = await lockSubscription(tx, subscriptionId);
  const next = paid ? (sub?.status === 'past_due' ? 'active' : undefined) : sub?.status === 'active' ? 'past_due' : undefined;
  if (sub && next) await tx.save(Object.assign(sub, { status: next }));
}

/** The next scripted outcome of a card: the queue first, then its default. */
function takeOutcome(pm: SandboxPaymentMethodEntity): ScriptedOutcome {
  const [next, ...rest] = pm.nextOutcomes ?? [];
  if (next) {
    pm.nextOutcomes = rest;
    return next;
  }
  return pm.outcome === 'decline' ? { outcome: 'decline', declineCode: pm.declineCode ?? 'generic_decline' } : { outcome: 'succeed' };
}

/**
 * One charge attempt on an open invoice with the customer's default card (or `paymentMethodId`, one of the
 * customer's cards), inside `tx`. The invoice row lock
 * serializes attempts on one invoice, and the key is checked after taking it: a concurrent or later call with
 * the same key returns the stored first answer and charges nothing (sandbox_charges.idempotency_key is unique).
 */
export async function chargeInvoice(tx: EntityManager, invoiceId: string, idempotencyKey: string, paymentMethodId?: string): Promise<PaymentAttempt> {
  const invoice = await lockInvoice(tx, invoiceId);
  if (!invoice) throw notFound('invoice', invoiceId);
  const previous = await tx.findOneBy(SandboxChargeEntity, { idempotencyKey });
  if (previous) {
    if (previous.invoiceId !== invoiceId) {
      throw new BillingProviderError(`Idempotency key ${idempotencyKey} was used for invoice ${previous.invoiceId}`, BillingErrorType.IdempotencyConflict, false);
    }
    return toPaymentAttempt(previous);
  }
  if (invoice.status !== 'open') {
    throw new BillingProviderError(`Invoice ${invoiceId} is ${invoice.status} and cannot be paid`, BillingErrorType.InvoiceNotPayable, false);
  }
  const customer = await tx.findOneByOrFail(SandboxCustomerEntity, { id: invoice.customerId });
  const pmId = paymentMethodId ?? customer.defaultPaymentMethodId;
  const pm = pmId
    ? await tx.findOne(SandboxPaymentMethodEntity, { where: { id: pmId, customerId: customer.id }, lock: { mode: 'pessimistic_write' } })
    : null;
  if (paymentMethodId && !pm) throw notFound('payment method of this customer', paymentMethodId);
  const outcome: ScriptedOutcome | undefined = pm ? takeOutcome(pm) : undefined;
  if (pm) await tx.update(SandboxPaymentMethodEntity, { id: pm.id }, { nextOutcomes: pm.nextOutcomes });
  const succeeded = outcome?.outcome === 'succeed';

  invoice.attemptCount += 1;
  if (succeeded) Object.assign(invoice, { status: 'paid', amountPaid: invoice.amountDue });
  await tx.save(invoice);
  await followPayment(tx, invoice.subscriptionId, succeeded);
  const charge = await tx.save(tx.create(SandboxChargeEntity, {
    id: sandboxId('ch'), idempotencyKey, invoiceId, paymentMethodId: pm?.id ?? null, cardBrand: pm?.brand ?? null,
    cardFingerprint: pm?.fingerprint ?? null, amount: invoice.amountDue, currency: invoice.currency,
    status: succeeded ? 'succeeded' : 'failed',
    declineCode: outcome?.outcome === 'decline' ? outcome.declineCode : null,
    networkDeclineCode: (outcome?.outcome === 'decline' && outcome.networkDeclineCode) || null,
    networkAdviceCode: (outcome?.outcome === 'decline' && outcome.networkAdviceCode) || null,
    failureMessage: succeeded ? null : pm ? 'Your card was declined.' : 'The customer has no default payment method.',
    invoiceStatus: invoice.status, attemptNumber: invoice.attemptCount,
  }));
  if (succeeded) await emitInvoiceEvent(tx, 'invoice_paid', invoice, pm ? { payment_method: genericPaymentMethod(pm) } : {});
  else await emitInvoiceEvent(tx, 'invoice_payment_failed', invoice, { attempt: genericAttempt(charge) });
  return toPaymentAttempt(charge);
}
