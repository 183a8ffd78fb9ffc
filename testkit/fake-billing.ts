import type { CustomerSnapshot, InvoiceSnapshot, PaymentAttempt, PaymentMethodSnapshot, SubscriptionSnapshot } from '../domain/billing';
import { BillingErrorType } from '../providers/billing/billing-errors';
import { BillingProviderError, type BillingProvider, type MutationOptions } from '../providers/billing/billing-provider';
import { customer, invoice, subscription } from './automation-fixtures';

/** A charge the fake was asked for: the invoice and the idempotency key. */
export interface FakeCharge {
  invoiceId: string;
  idempotencyKey: string;
}

export interface FakeBillingOptions {
  /** What a charge answers (default: a visa `insufficient_funds` decline on an open invoice). */
  payInvoice?: (invoiceId: string, options: MutationOptions) => Promise<PaymentAttempt>;
  /**
   * Ids nobody stored: `not_found` (the default, as a real provider answers; the dispatcher's enrichment sees only
   * what a test put in the maps) or `invent` (an open invoice, a yearly subscription and the fixtures' customer,
   * for activity tests that only care about the calls).
   */
  unknownIds?: 'not_found' | 'invent';
}

const decline = async (): Promise<PaymentAttempt> => ({
  status: 'failed', declineCode: 'insufficient_funds', cardBrand: 'visa', cardFingerprint: 'fp_1', invoiceStatus: 'open', attemptedAt: 0,
});

/** The billing provider in memory, for every test that needs one: objects in maps, charges recorded in order. */
export class FakeBilling implements BillingProvider {
  readonly name = 'sandbox';
  readonly invoices = new Map<string, InvoiceSnapshot>();
  readonly subscriptions = new Map<string, SubscriptionSnapshot>();
  readonly customers = new Map<string, CustomerSnapshot>();
  /** Every `payInvoice` call, in order. */
  readonly charges: FakeCharge[] = [];
  /** Attached cards by customer id (none unless a test adds them). */
  readonly paymentMethods = new Map<string, PaymentMethodSnapshot[]>();

  constructor(private readonly options: FakeBillingOptions = {}) {}

  getInvoice = async (id: string) => this.find(this.invoices, id, () => invoice({ id }));
  getSubscription = async (id: string) => this.find(this.subscriptions, id, () => subscription('year', { id }));
  getCustomer = async (id: string) => this.find(this.customers, id, () => customer);
  getPaymentMethod = async (id: string) => ({ id, customerId: customer.id, cardBrand: 'visa', last4: '4242', fingerprint: 'fp_1' });
  listPaymentMethods = async (customerId: string) => this.paymentMethods.get(customerId) ?? [];

  payInvoice = async (invoiceId: string, options: MutationOptions): Promise<PaymentAttempt> => {
    this.charges.push({ invoiceId, idempotencyKey: options.idempotencyKey });
    return (this.options.payInvoice ?? decline)(invoiceId, options);
  };

  cancelSubscription = async (id: string) => this.update(this.subscriptions, await this.getSubscription(id), { status: 'canceled' });
  markSubscriptionUnpaid = async (id: string) => this.update(this.subscriptions, await this.getSubscription(id), { status: 'unpaid' });
  markInvoiceUncollectible = async (id: string) => this.update(this.invoices, await this.getInvoice(id), { status: 'uncollectible' });

  private find<T>(objects: Map<string, T>, id: string, invent: () => T): T {
    const found = objects.get(id) ?? (this.options.unknownIds === 'invent' ? invent() : undefined);
    if (!found) throw new BillingProviderError(`No such object ${id}`, BillingErrorType.NotFound, false);
    return found;
  }

  private update<T extends { id: string }>(objects: Map<string, T>, current: T, change: Partial<T>): T {
    const next = { ...current, ...change };
    objects.set(next.id, next);
    return next;
  }
}
