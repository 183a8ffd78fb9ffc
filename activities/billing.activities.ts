import { Context } from '@temporalio/activity';
import type { CustomerSnapshot, InvoiceSnapshot, InvoiceStatus, PaymentMethodSnapshot } from '../domain/billing';
import { backupPaymentMethodIds } from '../domain/payment-methods';
import type { ActivityDeps } from './deps';
import { mapErrors } from './errors';

/** Input of every mutating billing activity: the key dedupes at the provider, `at` is the run's clock. */
export interface MutationInput {
  idempotencyKey: string;
  /** Epoch ms on the workflow clock when the run decided to act. */
  at: number;
}

export interface ChargeInput extends MutationInput {
  invoiceId: string;
  dayMs: number;
  /** Charge this backup payment method of the invoice's customer instead of the default. */
  paymentMethodId?: string;
  /** On a decline, list the customer's backup payment methods in the result (`backups`). */
  withBackups?: boolean;
}

/**
 * What a charge did. A decline is data (`failed`), not an error; `deferred` means a per-card budget (`rule`)
 * refused the attempt before it reached the provider; `closed` means the invoice is no longer open. A card
 * blocked by an earlier never-retry decline is `failed` with `blockedBy` and is not charged.
 */
export type ChargeResult =
  | {
      status: 'succeeded' | 'failed'; declineCode?: string; networkDeclineCode?: string; networkAdviceCode?: string;
      cardBrand?: string; invoiceStatus: InvoiceStatus; blockedBy?: string;
      /** Asked for (`withBackups`) and declined: the customer's other usable payment methods, in Stripe's order. */
      backups?: string[];
    }
  | { status: 'deferred'; retryAt: number; rule: string; cardBrand?: string }
  | { status: 'closed'; invoiceStatus: InvoiceStatus };

/** The other usable payment methods of the invoice's customer after a decline on the default (and `charged`), in Stripe's order. */
async function backupsAfter(billing: ActivityDeps['billing'], invoice: InvoiceSnapshot, customer: CustomerSnapshot, charged: Pick<PaymentMethodSnapshot, 'id' | 'fingerprint'>[]): Promise<string[]> {
  const attached = await mapErrors('Listing payment methods', () => billing.listPaymentMethods(invoice.customerId));
  const subscription = invoice.subscriptionId ? await mapErrors('Reading subscription', () => billing.getSubscription(invoice.subscriptionId!)) : undefined;
  // Card expiry is a calendar fact: judged on the wall clock, not on the run's (possibly shortened) days.
  return backupPaymentMethodIds({ subscription, customer, attached }, charged, Date.now());
}

/** The workflow id of the activity's run, when called as an activity (tests may call it directly). */
function runIdOf(): string | undefined {
  try {
    return Context.current().info.workflowExecution?.workflowId;
  } catch {
    return undefined;
  }
}

/** Billing activities: charge (under the card cap), cancel, mark unpaid, mark uncollectible. */
export function createBillingActivities({ billing, cardLedger }: Pick<ActivityDeps, 'billing' | 'cardLedger'>) {
  return {
    async chargeInvoice({ invoiceId, idempotencyKey, at, dayMs, paymentMethodId, withBackups }: ChargeInput): Promise<ChargeResult> {
      // Read on every attempt, never reused: past the provider's idempotency window (Stripe: 24 h) a retried key
      // is a new charge, so a charge whose answer was lost is only seen on the invoice itself (then paid).
      const invoice = await mapErrors('Reading invoice', () => billing.getInvoice(invoiceId));
      if (invoice.status !== 'open') return { status: 'closed', invoiceStatus: invoice.status };
      // The cap is per physical card: resolve the card the provider will charge (the customer's default, or the backup named).
      const customer = await mapErrors('Reading customer', () => billing.getCustomer(invoice.customerId));
      const pmId = paymentMethodId ?? customer.defaultPaymentMethodId;
      const pm = pmId ? await mapErrors('Reading payment method', () => billing.getPaymentMethod(pmId)) : undefined;
      if (paymentMethodId && pm?.customerId !== undefined && pm.customerId !== invoice.customerId) {
        // Detached (or moved) since it was listed: not this customer's to charge any more.
        return { status: 'failed', declineCode: 'payment_method_unavailable', invoiceStatus: invoice.status };
      }
      const fingerprint = pm?.fingerprint;
      if (fingerprint) {
        const decision = await cardLedger.reserve({
          fingerprint, cardBrand: pm.cardBrand, at, dayMs, idempotencyKey, runId: runIdOf(), invoiceId, paymentMethodId: pm.id,
        });
        if (!decision.allowed && 'blocked' in decision) {
          return { status: 'failed', declineCode: decision.declineCode, blockedBy: decision.rule, cardBrand: pm.cardBrand, invoiceStatus: invoice.status };
        }
        if (!decision.allowed) return { status: 'deferred', retryAt: decision.retryAt, rule: decision.rule, cardBrand: pm.cardBrand };
      }
      const attempt = await mapErrors('Charging invoice', () => billing.payInvoice(invoiceId, { idempotencyKey, ...(paymentMethodId && { paymentMethodId }) }));
      // Booked on the reserved row; a failure here retries the activity, which the keys make harmless.
      if (fingerprint) await mapErrors('Booking card attempt', () => cardLedger.settle({ fingerprint, idempotencyKey, attempt }));
      return {
        status: attempt.status,
        declineCode: attempt.declineCode,
        ...(attempt.networkDeclineCode && { networkDeclineCode: attempt.networkDeclineCode }),
        ...(attempt.networkAdviceCode && { networkAdviceCode: attempt.networkAdviceCode }),
        cardBrand: attempt.cardBrand ?? pm?.cardBrand,
        invoiceStatus: attempt.invoiceStatus,
        ...(withBackups && attempt.status === 'failed' && { backups: await backupsAfter(billing, invoice, customer, [
          ...(pm ? [pm] : []), ...(attempt.paymentMethodId ? [{ id: attempt.paymentMethodId, fingerprint: attempt.cardFingerprint }] : []),
        ]) }),
      };
    },

    async cancelSubscription({ subscriptionId, idempotencyKey }: MutationInput & { subscriptionId: string }): Promise<{ status: string }> {
      const sub = await mapErrors('Canceling subscription', () => billing.cancelSubscription(subscriptionId, { idempotencyKey }));
      return { status: sub.status };
    },

    async markSubscriptionUnpaid({ subscriptionId, idempotencyKey }: MutationInput & { subscriptionId: string }): Promise<{ status: string }> {
      const sub = await mapErrors('Marking subscription unpaid', () => billing.markSubscriptionUnpaid(subscriptionId, { idempotencyKey }));
      return { status: sub.status };
    },

    async markInvoiceUncollectible({ invoiceId, idempotencyKey }: MutationInput & { invoiceId: string }): Promise<{ status: InvoiceStatus }> {
      const invoice = await mapErrors('Marking invoice uncollectible', () => billing.markInvoiceUncollectible(invoiceId, { idempotencyKey }));
      return { status: invoice.status };
    },
  };
}
