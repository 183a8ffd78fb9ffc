import type { InvoiceStatus } from '../domain/billing';
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
}

/**
 * What a charge did. A decline is data (`failed`), not an error; `deferred` means the card network cap
 * refused the attempt before it reached the provider; `closed` means the invoice is no longer open.
 */
export type ChargeResult =
  | { status: 'succeeded' | 'failed'; declineCode?: string; cardBrand?: string; invoiceStatus: InvoiceStatus }
  | { status: 'deferred'; retryAt: number; cardBrand?: string }
  | { status: 'closed'; invoiceStatus: InvoiceStatus };

/** Billing activities: charge (under the card cap), cancel, mark unpaid, mark uncollectible. */
export function createBillingActivities({ billing, cardLedger }: Pick<ActivityDeps, 'billing' | 'cardLedger'>) {
  return {
    async chargeInvoice({ invoiceId, idempotencyKey, at, dayMs }: ChargeInput): Promise<ChargeResult> {
      const invoice = await mapErrors('Reading invoice', () => billing.getInvoice(invoiceId));
      if (invoice.status !== 'open') return { status: 'closed', invoiceStatus: invoice.status };
      // The cap is per physical card: resolve the card the provider will charge (the customer's default).
      const customer = await mapErrors('Reading customer', () => billing.getCustomer(invoice.customerId));
      const pm = customer.defaultPaymentMethodId
        ? await mapErrors('Reading payment method', () => billing.getPaymentMethod(customer.defaultPaymentMethodId!))
        : undefined;
      if (pm?.fingerprint) {
        const decision = await cardLedger.reserve({ fingerprint: pm.fingerprint, cardBrand: pm.cardBrand, at, dayMs, idempotencyKey });
        if (!decision.allowed) return { status: 'deferred', retryAt: decision.retryAt, cardBrand: pm.cardBrand };
      }
      const attempt = await mapErrors('Charging invoice', () => billing.payInvoice(invoiceId, { idempotencyKey }));
      return {
        status: attempt.status,
        declineCode: attempt.declineCode,
        cardBrand: attempt.cardBrand ?? pm?.cardBrand,
        invoiceStatus: attempt.invoiceStatus,
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
