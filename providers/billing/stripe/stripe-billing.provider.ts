import Stripe from 'stripe';
import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentAttempt,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from '../../../domain/billing';
import { BillingProviderError, type BillingProvider, type MutationOptions, type PayOptions } from '../billing-provider';
import { BillingErrorType } from '../billing-errors';
import { declineFromStripeError, isStateError, toBillingProviderError } from './stripe-errors';
import * as map from './stripe-mapping';
import { createStripeClient, type StripeClientOptions } from './stripe-client';

export { STRIPE_API_VERSION } from './stripe-client';

/** The resources the adapter calls; a full `Stripe` client satisfies it, so does a test double. */
export type StripeClient = Pick<Stripe, 'invoices' | 'subscriptions' | 'customers' | 'paymentMethods'>;

/** Either a ready client, or the settings to build one (host/port/protocol point it at stripe-mock). */
export type StripeBillingProviderOptions = { now?: () => number } & (
  | { client: StripeClient }
  | StripeClientOptions
);

// The card behind the charge: its fingerprint feeds the per-card network retry cap.
const PAY_EXPAND = ['payments.data.payment.payment_intent.payment_method'];
// 2025+ invoice lines carry price ids only; the subscription's items give their intervals.
const INVOICE_EXPAND = ['parent.subscription_details.subscription'];
// The products' names, for customer emails (an id such as `prod_FBSP…` means nothing to a customer).
const SUBSCRIPTION_EXPAND = ['items.data.price.product'];
// Deterministic on purpose: Stripe rejects a replayed idempotency key whose parameters differ.
const MARK_UNPAID_PARAMS = {
  pause_collection: { behavior: 'keep_as_draft' as const },
  metadata: { [map.UNPAID_MARKER_KEY]: map.UNPAID_MARKER_VALUE },
};

/** BillingProvider on Stripe through the official SDK; card declines are results, other failures typed errors. */
export class StripeBillingProvider implements BillingProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: StripeClient;
  private readonly now: () => number;

  constructor(options: StripeBillingProviderOptions) {
    this.now = options.now ?? Date.now;
    this.stripe = 'client' in options ? options.client : createStripeClient(options);
  }

  /** The cheapest authenticated call there is: one customer (or none) of the account. */
  async checkAccess(): Promise<void> {
    await this.call('customers.list', () => this.stripe.customers.list({ limit: 1 }));
  }

  // Snapshots are stamped with the read time: the state read includes every change made before it.
  async getInvoice(invoiceId: string): Promise<InvoiceSnapshot> {
    const invoice = await this.call('invoices.retrieve', () => this.stripe.invoices.retrieve(invoiceId, { expand: INVOICE_EXPAND }));
    return map.invoiceSnapshot(invoice, this.now());
  }

  async getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot> {
    const sub = await this.call('subscriptions.retrieve', () => this.stripe.subscriptions.retrieve(subscriptionId, { expand: SUBSCRIPTION_EXPAND }));
    return map.subscriptionSnapshot(sub, this.now());
  }

  async getCustomer(customerId: string): Promise<CustomerSnapshot> {
    const customer = await this.call('customers.retrieve', () => this.stripe.customers.retrieve(customerId));
    return map.customerSnapshot(customer, this.now());
  }

  async getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodSnapshot | undefined> {
    const pm = await this.call('paymentMethods.retrieve', () => this.stripe.paymentMethods.retrieve(paymentMethodId)).catch((err) => {
      if (err instanceof BillingProviderError && err.type === BillingErrorType.NotFound) return undefined; // deleted
      throw err;
    });
    return pm && map.paymentMethodSnapshot(pm, this.now());
  }

  /** The customer's cards (`paymentMethods.list`, which includes legacy card sources), every page. */
  async listPaymentMethods(customerId: string): Promise<PaymentMethodSnapshot[]> {
    const readAt = this.now();
    const pms = await this.call('paymentMethods.list', () => this.stripe.paymentMethods.list({ customer: customerId, type: 'card', limit: 100 }).autoPagingToArray({ limit: 1000 }));
    return pms.map((pm) => map.paymentMethodSnapshot(pm, readAt));
  }

  async payInvoice(invoiceId: string, { idempotencyKey, paymentMethodId }: PayOptions): Promise<PaymentAttempt> {
    let invoice: Stripe.Invoice;
    try {
      const params = { expand: PAY_EXPAND, ...(paymentMethodId && { payment_method: paymentMethodId }) };
      invoice = await this.stripe.invoices.pay(invoiceId, params, { idempotencyKey });
    } catch (err) {
      const decline = declineFromStripeError(err, this.now());
      if (decline) return decline;
      const current = await this.reread(err, () => this.getInvoice(invoiceId));
      if (current && current.status !== 'open') {
        throw new BillingProviderError(`Invoice ${invoiceId} is ${current.status} and cannot be paid`, BillingErrorType.InvoiceNotPayable, false, err);
      }
      throw toBillingProviderError(err, 'invoices.pay');
    }
    // No error means Stripe took the payment; an async method (bank debit) may leave the invoice open
    // while it settles, which `invoiceStatus` reports as is.
    const { status, card } = map.paidInvoice(invoice);
    return { status: 'succeeded', invoiceStatus: status, ...card, attemptedAt: this.now() };
  }

  async cancelSubscription(subscriptionId: string, { idempotencyKey }: MutationOptions): Promise<SubscriptionSnapshot> {
    try {
      return map.subscriptionSnapshot(await this.stripe.subscriptions.cancel(subscriptionId, {}, { idempotencyKey }), this.now());
    } catch (err) {
      // Already canceled (out of band, or by an earlier attempt whose answer was lost): the goal is reached.
      const current = await this.reread(err, () => this.getSubscription(subscriptionId));
      if (current?.status === 'canceled') return current;
      throw toBillingProviderError(err, 'subscriptions.cancel');
    }
  }

  /**
   * Stripe has no call that sets `status: unpaid` (only its own retry settings do, when retries run out).
   * The closest documented behaviour is `pause_collection: keep_as_draft`: like `unpaid`, the subscription
   * stays in place, later invoices are still created but never charged, and collection can resume.
   * A metadata marker records that dunning did it, and the mapping then reports `unpaid`.
   */
  async markSubscriptionUnpaid(subscriptionId: string, { idempotencyKey }: MutationOptions): Promise<SubscriptionSnapshot> {
    try {
      return map.subscriptionSnapshot(await this.stripe.subscriptions.update(subscriptionId, MARK_UNPAID_PARAMS, { idempotencyKey }), this.now());
    } catch (err) {
      const current = await this.reread(err, () => this.getSubscription(subscriptionId));
      if (current?.status === 'unpaid') return current;
      if (current?.status === 'canceled' || current?.status === 'incomplete_expired') {
        throw new BillingProviderError(`Subscription ${subscriptionId} is ${current.status}`, BillingErrorType.SubscriptionEnded, false, err);
      }
      throw toBillingProviderError(err, 'subscriptions.update');
    }
  }

  async markInvoiceUncollectible(invoiceId: string, { idempotencyKey }: MutationOptions): Promise<InvoiceSnapshot> {
    try {
      return map.invoiceSnapshot(await this.stripe.invoices.markUncollectible(invoiceId, {}, { idempotencyKey }), this.now());
    } catch (err) {
      const current = await this.reread(err, () => this.getInvoice(invoiceId));
      if (current?.status === 'uncollectible') return current; // done before (or by hand): the goal is reached
      if (current && current.status !== 'open') {
        throw new BillingProviderError(`Invoice ${invoiceId} is ${current.status}, not open`, BillingErrorType.InvoiceNotOpen, false, err);
      }
      throw toBillingProviderError(err, 'invoices.markUncollectible');
    }
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toBillingProviderError(err, operation);
    }
  }

  /** After a refusal about the object's state, its current snapshot (to name the state); else undefined. */
  private async reread<T>(err: unknown, read: () => Promise<T>): Promise<T | undefined> {
    if (!isStateError(err)) return undefined;
    return read().catch(() => undefined); // the original error is the better report then
  }
}
