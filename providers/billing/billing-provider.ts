import type {
  CustomerSnapshot,
  InvoiceSnapshot,
  PaymentAttempt,
  PaymentMethodSnapshot,
  SubscriptionSnapshot,
} from '../../domain/billing';
import { ProviderError } from '../provider-error';
import type { BillingErrorType } from './billing-errors';

/** Every mutating call carries a key derived from workflow id + step index (+ attempt): the provider dedupes. */
export interface MutationOptions {
  idempotencyKey: string;
}

/** Options of a charge: by default the payment method the provider itself would charge. */
export interface PayOptions extends MutationOptions {
  /** Charge this payment method of the invoice's customer instead (a backup after a decline on the default). */
  paymentMethodId?: string;
}

/** Why a billing call failed, so activities can tell a transient fault from a hopeless one. */
export class BillingProviderError extends ProviderError<BillingErrorType> {
  constructor(
    message: string,
    type: BillingErrorType,
    retryable: boolean,
    cause?: unknown,
    /** How long the provider asked us to wait before the next try (its `Retry-After`), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message, type, retryable, cause === undefined ? undefined : { cause });
  }
}

/**
 * What the automations need from a billing system: read the objects an event is about, and carry out the
 * dunning actions. Implemented by the sandbox ledger (PostgreSQL, the default), by Stripe and by any
 * billing system behind the HTTP contract (`http/`).
 */
export interface BillingProvider {
  readonly name: 'sandbox' | 'stripe' | 'http';
  /** One cheap authenticated call: resolves when the provider accepts our credentials, throws `auth` when not. */
  checkAccess?(): Promise<void>;
  getInvoice(invoiceId: string): Promise<InvoiceSnapshot>;
  getSubscription(subscriptionId: string): Promise<SubscriptionSnapshot>;
  getCustomer(customerId: string): Promise<CustomerSnapshot>;
  getPaymentMethod(paymentMethodId: string): Promise<PaymentMethodSnapshot | undefined>;
  /** The customer's attached card payment methods (with expiry and attach time where the provider knows them). */
  listPaymentMethods(customerId: string): Promise<PaymentMethodSnapshot[]>;
  /** Attempts to collect an open invoice with the customer's current payment method (or the one named). */
  payInvoice(invoiceId: string, options: PayOptions): Promise<PaymentAttempt>;
  cancelSubscription(subscriptionId: string, options: MutationOptions): Promise<SubscriptionSnapshot>;
  markSubscriptionUnpaid(subscriptionId: string, options: MutationOptions): Promise<SubscriptionSnapshot>;
  markInvoiceUncollectible(invoiceId: string, options: MutationOptions): Promise<InvoiceSnapshot>;
}

export { BillingErrorType } from './billing-errors';
